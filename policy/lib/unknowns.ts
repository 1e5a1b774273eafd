// Resource properties reach the pack wrapped in the SDK's unknown-checking proxy: reading a value that is
// not known yet (during `pulumi preview`) through it throws. Policies never read through the proxy: they
// see the raw values (unknowns are the engine's sentinel strings, nothing throws), decide from what is
// known, and record what they cannot decide with `c.undecided(path)`. Only the wrapper (lib/policy.ts,
// through lib/undecided.ts) hands an undecided verdict to the SDK, after every decidable finding.

const specialProxyTarget = "__getSpecialProxyTarget";

/** The engine's markers for values that are not known until the resource is created, by kind. */
export const unknownSentinels = {
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    boolean: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    asset: "030794c1-ac77-496b-92df-f27374a8bd58",
    archive: "e48ece36-62e2-4504-bad9-02848725956a",
} as const;

const sentinelSet = new Set<unknown>(Object.values(unknownSentinels));

/** True when the value is the engine's marker for "not known until the resource is created". */
export function isUnknown(v: unknown): boolean {
    return typeof v === "string" && sentinelSet.has(v);
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(v: unknown, depth = 0): boolean {
    return firstUnknownPath(v, [], depth) !== undefined;
}

/** The path (below `path`) of the first unknown inside a value, or undefined when it holds none. */
export function firstUnknownPath(v: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | undefined {
    if (isUnknown(v)) return path;
    if (depth > 64 || v === null || typeof v !== "object") return undefined;
    for (const [k, x] of Object.entries(v as object)) {
        const p = firstUnknownPath(x, [...path, Array.isArray(v) ? Number(k) : k], depth + 1);
        if (p) return p;
    }
    return undefined;
}

/** The plain object behind the SDK's proxy (unknowns appear as sentinel strings, never throw). */
export function raw<T = Record<string, any>>(props: unknown): T {
    if (props !== null && typeof props === "object") {
        const target = (props as any)[specialProxyTarget];
        if (target !== undefined && target !== true) {
            return target as T;
        }
    }
    return props as T;
}

/** Reads a nested value from raw props without throwing on odd shapes. */
export function at(obj: unknown, ...path: (string | number)[]): unknown {
    let cur: any = obj;
    for (const key of path) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = cur[key];
    }
    return cur;
}

/** A value as a list: arrays as they are, a single value as a one-element list, nothing as []. */
export function asList(v: unknown): unknown[] {
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
}

export function isPlainObject(v: unknown): v is Record<string, any> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A string that is known and not empty (an empty string names nothing); undefined otherwise. */
export function knownString(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" && !isUnknown(v) ? v : undefined;
}
