// Offline EventBridge pattern matching with three answers: the pattern matches the event (true), it
// cannot (false), or this code cannot tell (undefined: an operator it does not model, a field the
// synthetic event does not model, or a value not known yet). Callers only act on `false`.
import { globMatches } from "./glob";
import { isPlainObject, isUnknown } from "./unknowns";

export type Match = boolean | undefined;

/** AND of several answers: any false is false, else any undefined is undefined. */
export function all(results: Match[]): Match {
    if (results.includes(false)) return false;
    if (results.includes(undefined)) return undefined;
    return true;
}

/** OR of several answers: any true is true, else any undefined is undefined. */
export function any(results: Match[]): Match {
    if (results.includes(true)) return true;
    if (results.includes(undefined)) return undefined;
    return false;
}

/** One element of a pattern's value list against one event value. */
function matchElement(element: unknown, value: unknown): Match {
    if (isUnknown(value)) return undefined;
    if (element === null || typeof element !== "object") {
        return element === value;
    }
    if (!isPlainObject(element)) return undefined;
    const keys = Object.keys(element);
    if (keys.length !== 1) return undefined;
    const op = keys[0];
    const arg = element[op];
    if (op === "exists") {
        return arg === true ? value !== undefined : arg === false ? value === undefined : undefined;
    }
    if (value === undefined) return false;
    const s = typeof value === "string" ? value : undefined;
    switch (op) {
        case "prefix":
            if (typeof arg === "string") return s !== undefined && s.startsWith(arg);
            if (isPlainObject(arg) && typeof arg["equals-ignore-case"] === "string") {
                return s !== undefined && s.toLowerCase().startsWith(arg["equals-ignore-case"].toLowerCase());
            }
            return undefined;
        case "suffix":
            if (typeof arg === "string") return s !== undefined && s.endsWith(arg);
            if (isPlainObject(arg) && typeof arg["equals-ignore-case"] === "string") {
                return s !== undefined && s.toLowerCase().endsWith(arg["equals-ignore-case"].toLowerCase());
            }
            return undefined;
        case "equals-ignore-case":
            return typeof arg === "string" ? s !== undefined && s.toLowerCase() === arg.toLowerCase() : undefined;
        case "wildcard":
            return typeof arg === "string" ? s !== undefined && globMatches(arg, s) : undefined;
        case "anything-but": {
            const inner = Array.isArray(arg) ? any(arg.map(a => matchElement(a, value))) : matchElement(arg, value);
            return inner === undefined ? undefined : !inner;
        }
        default:
            return undefined; // numeric, cidr, ...: not modelled
    }
}

/** A pattern's leaf (a list of alternatives) against an event value (a scalar, or an array of scalars). */
export function matchLeaf(alternatives: unknown, value: unknown): Match {
    if (!Array.isArray(alternatives)) return undefined;
    if (Array.isArray(value)) {
        return any(value.map(v => matchLeaf(alternatives, v)));
    }
    return any(alternatives.map(a => matchElement(a, value)));
}

/**
 * A whole pattern against a synthetic event. A field the event does not model (absent key) can only be
 * answered by `exists: false`-free patterns when the event is complete, so it yields undefined unless
 * `modelled` says the event carries every field of that object.
 */
export function matchPattern(pattern: unknown, event: Record<string, unknown>, modelled: (path: string[]) => boolean, path: string[] = []): Match {
    if (!isPlainObject(pattern)) return undefined;
    const results: Match[] = [];
    for (const [key, p] of Object.entries(pattern)) {
        if (key.startsWith("$")) {
            results.push(undefined); // $or and friends: not modelled
            continue;
        }
        const value = event[key];
        const here = [...path, key];
        if (isPlainObject(p)) {
            if (isPlainObject(value)) {
                results.push(matchPattern(p, value, modelled, here));
            } else {
                results.push(value === undefined && modelled(here) ? false : undefined);
            }
            continue;
        }
        if (value === undefined && !modelled(here)) {
            results.push(undefined);
            continue;
        }
        results.push(matchLeaf(p, value));
    }
    return all(results);
}

/** The pattern as an object: parsed from its JSON text; undefined when absent or not valid JSON. */
export function parsePattern(text: unknown): Record<string, any> | undefined {
    if (isPlainObject(text)) return text;
    if (typeof text !== "string" || isUnknown(text)) return undefined;
    try {
        const parsed = JSON.parse(text);
        return isPlainObject(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}
