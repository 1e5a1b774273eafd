// IAM's patterns: Resource entries (`*`, `?`, `${...}` policy variables) against ARNs and against the
// ARN formats of AWS's service authorization data, and Action entries against action names.
import { globMatches } from "./glob";

/** IAM resource patterns: `*` any run of characters, `?` one character, `${...}` a policy variable. */
type PatternToken = { any: true } | { one: true } | { ch: string };

function tokens(pattern: string, placeholdersAreWildcards: boolean): PatternToken[] {
    const out: PatternToken[] = [];
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === "$" && pattern[i + 1] === "{") {
            const end = pattern.indexOf("}", i + 2);
            if (end > 0) {
                const inner = pattern.slice(i + 2, end);
                if (!placeholdersAreWildcards && (inner === "*" || inner === "?" || inner === "$")) {
                    out.push({ ch: inner });
                } else {
                    out.push({ any: true });
                }
                i = end;
                continue;
            }
        }
        if (c === "*") out.push({ any: true });
        else if (c === "?") out.push({ one: true });
        else out.push({ ch: c });
    }
    return out;
}

const overlapCache = new Map<string, boolean>();

/**
 * True when some concrete string matches both patterns: an IAM Resource entry (with `*`, `?` and policy
 * variables) and an ARN format from the service authorization data (with `${Placeholder}` parts, each
 * taken as any run of characters). Two patterns, not a pattern and a value, so not lib/glob: iterative
 * dynamic programming, O(len(a) * len(b)) time and O(len(b)) memory.
 */
export function resourcePatternsOverlap(policyResource: string, arnFormat: string): boolean {
    const key = policyResource + "\n" + arnFormat;
    let r = overlapCache.get(key);
    if (r === undefined) {
        r = computeOverlap(policyResource, arnFormat);
        if (overlapCache.size > 20000) overlapCache.clear();
        overlapCache.set(key, r);
    }
    return r;
}

function computeOverlap(policyResource: string, arnFormat: string): boolean {
    const a = tokens(policyResource, false);
    const b = tokens(arnFormat, true);
    // Bottom-up over suffixes: next[j] says whether a[i+1..] and b[j..] overlap, cur[j] the same for a[i..].
    // Iterative, so a Resource of thousands of stars (program input) cannot overflow the stack.
    let next = new Uint8Array(b.length + 1);
    let cur = new Uint8Array(b.length + 1);
    for (let i = a.length; i >= 0; i--) {
        for (let j = b.length; j >= 0; j--) {
            let r: boolean;
            if (i === a.length && j === b.length) {
                r = true;
            } else if (i < a.length && "any" in a[i]) {
                r = next[j] === 1 || (j < b.length && cur[j + 1] === 1);
            } else if (j < b.length && "any" in b[j]) {
                r = cur[j + 1] === 1 || (i < a.length && next[j] === 1);
            } else if (i < a.length && j < b.length) {
                const x = a[i], y = b[j];
                const compatible = "one" in x || "one" in y || (x as { ch: string }).ch === (y as { ch: string }).ch;
                r = compatible && next[j + 1] === 1;
            } else {
                r = false;
            }
            cur[j] = r ? 1 : 0;
        }
        [next, cur] = [cur, next];
    }
    return next[0] === 1;
}

/** True for a Resource entry that matches every resource: `*`, or an ARN whose every part is a wildcard. */
export function matchesAllResources(resource: string): boolean {
    const r = resource.trim();
    if (/^\*+$/.test(r)) return true;
    if (!r.startsWith("arn:")) return false;
    const parts = r.split(":");
    // "arn:*" and "arn:aws:*": the rest of the ARN is one wildcard.
    if (parts.length < 6) return /^\*+$/.test(parts[parts.length - 1]) && (parts.length <= 3 || /^[*?]*$/.test(parts[2]));
    return parts.slice(1, 5).every(p => /^[*?]*$/.test(p)) && /^[*?]+$/.test(parts.slice(5).join(":"));
}

/** A Resource entry against a concrete ARN, case-sensitive (policy variables match only themselves). */
export function resourceMatches(resource: string, arn: string): boolean {
    return globMatches(resource, arn, { anyOne: true });
}

/** An Action entry against an action name, case-insensitive (`*` any run, `?` one character). */
export function actionPatternMatches(pattern: string, action: string): boolean {
    return globMatches(pattern, action, { anyOne: true, ignoreCase: true });
}
