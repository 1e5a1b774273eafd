// What a message may quote. A property value could be a secret (the SDK unwraps Pulumi secrets before a
// policy sees them, so no policy can tell), so messages name properties, resources and the pack's own
// words, and quote a value only when it is one of the identifiers a pattern enumerates.

/**
 * The value as text when it matches `pattern` (an enumeration such as `^(IM)?MUTABLE$`, or a bounded
 * shape such as a number), else undefined. Numbers and booleans are tested as their text.
 */
export function shown(value: unknown, pattern: RegExp): string | undefined {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        const text = String(value);
        return pattern.test(text) ? text : undefined;
    }
    return undefined;
}
