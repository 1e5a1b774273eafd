// The one reader of AWS policy documents (IAM identity and trust policies, S3 bucket policies) as they
// reach a policy pack: JSON strings or objects, `Statement` as one object or a list, `Action`/`Resource`/
// `NotAction`/`NotResource` as a string or a list, every `Principal` form. Nothing here throws, whatever
// the input; values not known yet at preview are kept as unknowns (with their paths) for the caller.
import { shown } from "./messages";
import { PropertyPath } from "./property-paths";
import { containsUnknown, isPlainObject, isUnknown } from "./unknowns";

/** One entry of Action/Resource/...: a known string, or an unknown value and where it is. */
export interface DocumentValue {
    value?: string;
    /** True when the value is not known yet (preview); `path` leads to it. */
    unknown: boolean;
    path: PropertyPath;
}

export interface PolicyStatement {
    /** Position in the document's Statement list (0 for a single statement object). */
    index: number;
    /** Path of the statement inside the resource's properties, for messages and `undecided`. */
    path: PropertyPath;
    sid?: string;
    /** "Allow", "Deny", "unknown" (not known yet at preview) or "invalid" (missing or another value). */
    effect: "Allow" | "Deny" | "unknown" | "invalid";
    action?: DocumentValue[];
    notAction?: DocumentValue[];
    resource?: DocumentValue[];
    notResource?: DocumentValue[];
    principal?: PrincipalSpec;
    notPrincipal?: PrincipalSpec;
    /** True when the statement has a non-empty Condition block (or one that is not known yet). */
    hasCondition: boolean;
    /** The Condition block as given (for checks on specific keys); undefined when absent or unknown. */
    condition?: Record<string, unknown>;
    /** True when the whole statement is not known yet at preview. */
    unknown: boolean;
}

/** A Principal / NotPrincipal element: `"*"`, or a map of principal type to one or more values. */
export interface PrincipalSpec {
    /** `Principal: "*"`: every principal, authenticated or not. */
    everyone: boolean;
    /** Values per principal type (AWS, Service, Federated, CanonicalUser). */
    byType: Record<string, DocumentValue[]>;
    unknown: boolean;
    path: PropertyPath;
}

export type ParsedDocument =
    | { kind: "absent" }
    | { kind: "unknown"; path: PropertyPath }
    | { kind: "malformed"; reason: string; path: PropertyPath }
    | { kind: "document"; statements: PolicyStatement[]; path: PropertyPath };

function valuesOf(v: unknown, path: PropertyPath): DocumentValue[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (isUnknown(v)) return [{ unknown: true, path }];
    if (Array.isArray(v)) {
        return v.map((e, i) => isUnknown(e)
            ? { unknown: true, path: [...path, i] }
            : { value: typeof e === "string" ? e : String(e), unknown: false, path: [...path, i] });
    }
    return [{ value: typeof v === "string" ? v : String(v), unknown: false, path }];
}

function principalOf(v: unknown, path: PropertyPath): PrincipalSpec | undefined {
    if (v === undefined || v === null) return undefined;
    if (isUnknown(v)) return { everyone: false, byType: {}, unknown: true, path };
    if (typeof v === "string") {
        return { everyone: v.trim() === "*", byType: {}, unknown: false, path };
    }
    const spec: PrincipalSpec = { everyone: false, byType: {}, unknown: false, path };
    if (isPlainObject(v)) {
        for (const [type, values] of Object.entries(v)) {
            spec.byType[type] = valuesOf(values, [...path, type]) ?? [];
        }
    }
    return spec;
}

function statementOf(s: unknown, index: number, path: PropertyPath): PolicyStatement | undefined {
    if (isUnknown(s)) {
        return { index, path, effect: "unknown", hasCondition: false, unknown: true };
    }
    if (!isPlainObject(s)) return undefined;
    const effect = isUnknown(s.Effect) ? "unknown" : s.Effect === "Allow" || s.Effect === "Deny" ? s.Effect : "invalid";
    const cond = s.Condition;
    const hasCondition = isUnknown(cond) || (isPlainObject(cond) && Object.keys(cond).length > 0);
    return {
        index,
        path,
        sid: typeof s.Sid === "string" && !isUnknown(s.Sid) ? s.Sid : undefined,
        effect,
        action: valuesOf(s.Action, [...path, "Action"]),
        notAction: valuesOf(s.NotAction, [...path, "NotAction"]),
        resource: valuesOf(s.Resource, [...path, "Resource"]),
        notResource: valuesOf(s.NotResource, [...path, "NotResource"]),
        principal: principalOf(s.Principal, [...path, "Principal"]),
        notPrincipal: principalOf(s.NotPrincipal, [...path, "NotPrincipal"]),
        hasCondition,
        condition: isPlainObject(cond) ? cond : undefined,
        unknown: false,
    };
}

/**
 * Parses a policy document given as a JSON string or an object. `path` is where the document sits in
 * the resource's properties. A string document is either fully known or unknown (an interpolated
 * string with any unknown piece is unknown as a whole); an object document may hold unknowns inside.
 */
export function parsePolicyDocument(doc: unknown, path: PropertyPath): ParsedDocument {
    if (doc === undefined || doc === null || doc === "") return { kind: "absent" };
    if (isUnknown(doc)) return { kind: "unknown", path };
    let obj: unknown = doc;
    // A JSON document inside a string: statement paths then point into the parsed text, so unknowns
    // (which a string cannot hold) never need a path below it.
    let inString = false;
    if (typeof doc === "string") {
        try {
            obj = JSON.parse(doc);
            inString = true;
        } catch {
            return { kind: "malformed", reason: "is not valid JSON", path };
        }
    }
    if (!isPlainObject(obj)) {
        return { kind: "malformed", reason: "is not a JSON object", path };
    }
    const statement = obj.Statement;
    const statementPath = inString ? [...path] : [...path, "Statement"];
    if (isUnknown(statement)) return { kind: "unknown", path: statementPath };
    if (statement === undefined || statement === null) {
        return { kind: "malformed", reason: "has no Statement element", path };
    }
    const list = Array.isArray(statement) ? statement : [statement];
    const statements: PolicyStatement[] = [];
    list.forEach((s, i) => {
        const p = inString ? [...path] : Array.isArray(statement) ? [...statementPath, i] : statementPath;
        const parsed = statementOf(s, i, p);
        if (parsed) statements.push(parsed);
    });
    if (statements.length !== list.length) {
        return { kind: "malformed", reason: "has a Statement entry that is not an object", path };
    }
    const badEffect = statements.find(s => s.effect === "invalid");
    if (badEffect) {
        return { kind: "malformed", reason: `has a statement (${badEffect.index}) whose Effect is neither "Allow" nor "Deny"`, path };
    }
    return { kind: "document", statements, path };
}

/** Known string values of a list of document values. */
export function knownValues(values: DocumentValue[] | undefined): string[] {
    return (values ?? []).filter(v => !v.unknown && typeof v.value === "string").map(v => v.value as string);
}

/** The first unknown entry of a list of document values, if any. */
export function firstUnknown(values: DocumentValue[] | undefined): DocumentValue | undefined {
    return (values ?? []).find(v => v.unknown);
}

/** True when some part of the statement that can change its meaning is not known yet. */
export function hasUnknownPart(s: PolicyStatement): boolean {
    const principalUnknown = (p?: PrincipalSpec) => !!p && (p.unknown || Object.values(p.byType).some(v => firstUnknown(v) !== undefined));
    return s.unknown || s.effect === "unknown" || principalUnknown(s.principal) || principalUnknown(s.notPrincipal) ||
        [s.action, s.notAction, s.resource, s.notResource].some(v => firstUnknown(v) !== undefined) ||
        (s.hasCondition && (s.condition === undefined || containsUnknown(s.condition)));
}

/** "statement 2 (Sid 'Push')": names a statement without echoing its contents (a Sid is alphanumeric by AWS's rule). */
export function describeStatement(s: PolicyStatement): string {
    const sid = shown(s.sid, /^[A-Za-z0-9]{1,128}$/);
    return sid !== undefined ? `statement ${s.index} (Sid '${sid}')` : `statement ${s.index}`;
}
