// Resource properties reach policies wrapped in the SDK's unknown-checking proxy: reading a value
// that is not known yet (during `pulumi preview`) throws, and the SDK turns that into an advisory
// "can't run policy ... during preview". These helpers let a policy look at the raw values, decide
// from what is known, and defer to the SDK's advisory only when the decision really needs the value.

const specialProxyTarget = "__getSpecialProxyTarget";

/** The engine's marker for a string that is not known yet. */
export const unknownStringSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const unknownSentinels = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
]);

/** True when the value is the engine's marker for "not known until the resource is created". */
export function isUnknown(v: unknown): boolean {
    return typeof v === "string" && unknownSentinels.has(v);
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(v: unknown, depth = 0): boolean {
    if (isUnknown(v)) return true;
    if (depth > 64 || v === null || typeof v !== "object") return false;
    const values = Array.isArray(v) ? v : Object.values(v as object);
    return values.some(e => containsUnknown(e, depth + 1));
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

/**
 * Hands the decision to the SDK: reading the unknown value through the proxy makes it report the
 * standard advisory "can't run policy ... during preview: <type> value at .<path> can't be known".
 * Only call it when `path` leads to an unknown value; if it does not, this returns normally.
 */
export function deferUnknown(proxiedProps: unknown, path: (string | number)[]): void {
    let cur: any = proxiedProps;
    for (const key of path) {
        if (cur === null || typeof cur !== "object") return;
        cur = cur[key];
    }
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
