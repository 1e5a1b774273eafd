// IAM Condition operators, modelled once: which clauses of a Condition block restrict a key to narrow
// values. `StringEquals`/`StringLike`/`ArnEquals`/`ArnLike` (and their `IgnoreCase` forms) restrict; a
// `ForAnyValue:` qualifier restricts like the plain operator; `ForAllValues:` and `...IfExists` are true
// when the key is absent, so they restrict only a key the request always carries; negated operators
// (`StringNotLike`, `ArnNotEquals`, ...), `Null`, `Bool` and the numeric, date and IP operators never
// restrict who a key names. Under a `Like` operator `*` and `?` are wildcards (a value of wildcards only
// matches anything); under `Equals` they are literal characters.
import { isPlainObject, isUnknown } from "./unknowns";

export interface ConditionOperator {
    /** The operator without qualifier and IfExists, e.g. "StringLike". */
    base: string;
    qualifier?: "ForAnyValue" | "ForAllValues";
    ifExists: boolean;
    /** StringNot*, ArnNot*, NumericNotEquals, DateNotEquals, NotIpAddress. */
    negated: boolean;
    /** `*` and `?` are wildcards in its values (StringLike, ArnLike, ArnEquals). */
    like: boolean;
    /** A string/ARN comparison that can name who may act (StringEquals, StringLike, ArnLike, ...). */
    matchesStrings: boolean;
}

export function parseOperator(operator: string): ConditionOperator {
    let op = operator.trim();
    let qualifier: ConditionOperator["qualifier"];
    const q = /^(ForAnyValue|ForAllValues):/i.exec(op);
    if (q) {
        qualifier = q[1].toLowerCase() === "foranyvalue" ? "ForAnyValue" : "ForAllValues";
        op = op.slice(q[0].length);
    }
    const ifExists = /IfExists$/i.test(op);
    if (ifExists) op = op.slice(0, -"IfExists".length);
    const lower = op.toLowerCase();
    const negated = /^(stringnot|arnnot|numericnot|datenot|notip)/.test(lower);
    // IAM treats ArnEquals like ArnLike: both take wildcards.
    const like = lower === "stringlike" || lower === "stringnotlike" || lower.startsWith("arn");
    const matchesStrings = !negated && ["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"].includes(lower);
    return { base: op, qualifier, ifExists, negated, like, matchesStrings };
}

/** One operator's values for one key. `values` has undefined for an entry not known yet (preview). */
export interface ConditionClause {
    operator: ConditionOperator;
    key: string;
    values: (string | undefined)[];
    unknown: boolean;
}

export function conditionClauses(condition: Record<string, unknown> | undefined): ConditionClause[] {
    const out: ConditionClause[] = [];
    if (!condition) return out;
    for (const [op, block] of Object.entries(condition)) {
        if (!isPlainObject(block)) continue;
        const operator = parseOperator(op);
        for (const [key, raw] of Object.entries(block)) {
            const list: unknown[] = Array.isArray(raw) ? raw : [raw];
            const values = list.map(v => isUnknown(v) ? undefined : typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
            out.push({ operator, key, values, unknown: values.some(v => v === undefined) });
        }
    }
    return out;
}

/** True for a value that matches everything (or any value of a length) under a Like operator. */
export function wildcardOnly(value: string): boolean {
    return /^[*?]+$/.test(value.trim());
}

export type Restriction = "restricted" | "unrestricted" | "unknown";

/**
 * Whether the Condition restricts a key (chosen by `keyMatches`, case-insensitive keys are the caller's
 * business) to values that are each narrow by `narrow(value, like)`. `keyAlwaysPresent`: the request always
 * carries the key (an OIDC token's `sub`), so `ForAllValues:` and `IfExists` restrict too.
 */
export function restrictsKey(condition: Record<string, unknown> | undefined, keyMatches: (key: string) => boolean,
    narrow: (value: string, like: boolean) => boolean, o: { keyAlwaysPresent?: boolean } = {}): Restriction {
    let unknown = false;
    for (const c of conditionClauses(condition)) {
        if (!keyMatches(c.key) || !c.operator.matchesStrings) continue;
        if ((c.operator.ifExists || c.operator.qualifier === "ForAllValues") && !o.keyAlwaysPresent) continue;
        if (c.unknown) { unknown = true; continue; }
        if (c.values.length > 0 && c.values.every(v => narrow(v!, c.operator.like))) return "restricted";
    }
    return unknown ? "unknown" : "unrestricted";
}
