// IAM policy documents as they reach a policy pack: JSON strings or objects, `Statement` as one object or a
// list, `Action`/`Resource`/`NotAction`/`NotResource` as a string or a list, every `Principal` form. Nothing
// here throws, whatever the input; values not known yet at preview are kept as unknowns for the caller.
import { ResourceCheck } from "./policy";
import { asList, deferUnknown, isPlainObject, isUnknown } from "./unknowns";

export type PropertyPath = (string | number)[];

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
    /** Path of the statement inside the resource's properties, for messages and deferUnknown. */
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

/** Where identity policy documents live on each resource type, with the path of each document. */
export const identityPolicyTypes = {
    policy: "aws:iam/policy:Policy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    role: "aws:iam/role:Role",
} as const;

export const identityPolicyResourceTypes: string[] = Object.values(identityPolicyTypes);

export interface LocatedDocument {
    /** Human description of where the document is, e.g. "policy" or "inlinePolicies[1].policy". */
    property: string;
    path: PropertyPath;
    parsed: ParsedDocument;
}

export function propertyName(path: PropertyPath): string {
    let out = "";
    for (const p of path) {
        out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
    }
    return out;
}

/**
 * The identity policy documents of a resource: `policy` of Policy/RolePolicy/UserPolicy/GroupPolicy,
 * and each `inlinePolicies[].policy` of a Role. An unknown `inlinePolicies` list is one unknown document.
 */
export function identityDocuments(type: string, props: Record<string, any>): LocatedDocument[] {
    if (type === identityPolicyTypes.role) {
        const inline = props.inlinePolicies;
        if (isUnknown(inline)) {
            return [{ property: "inlinePolicies", path: ["inlinePolicies"], parsed: { kind: "unknown", path: ["inlinePolicies"] } }];
        }
        if (!Array.isArray(inline)) return [];
        return inline.map((p, i) => {
            const path: PropertyPath = ["inlinePolicies", i];
            if (isUnknown(p)) return { property: propertyName(path), path, parsed: { kind: "unknown", path } as ParsedDocument };
            const docPath = [...path, "policy"];
            return { property: propertyName(docPath), path: docPath, parsed: parsePolicyDocument(isPlainObject(p) ? p.policy : undefined, docPath) };
        });
    }
    if ((identityPolicyResourceTypes as string[]).includes(type)) {
        return [{ property: "policy", path: ["policy"], parsed: parsePolicyDocument(props.policy, ["policy"]) }];
    }
    return [];
}

/** The trust policy of a Role (`assumeRolePolicy`). */
export function trustDocument(props: Record<string, any>): LocatedDocument {
    return { property: "assumeRolePolicy", path: ["assumeRolePolicy"], parsed: parsePolicyDocument(props.assumeRolePolicy, ["assumeRolePolicy"]) };
}

/** "RolePolicy" for "aws:iam/rolePolicy:RolePolicy". */
export function typeLabel(type: string): string {
    return type.split(":").pop() ?? type;
}

/** "statement 2 (Sid 'Push')" — names a statement without echoing its contents. */
export function describeStatement(s: PolicyStatement): string {
    return s.sid !== undefined && /^[A-Za-z0-9]{1,128}$/.test(s.sid) ? `statement ${s.index} (Sid '${s.sid}')` : `statement ${s.index}`;
}

// ---- Managed policy attachments ----

export const attachmentTypes = {
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    rolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    userPolicyAttachmentsExclusive: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    groupPolicyAttachmentsExclusive: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
    role: "aws:iam/role:Role",
} as const;

export const attachmentResourceTypes: string[] = Object.values(attachmentTypes);

export interface AttachedPolicyArn {
    /** The ARN, or undefined when it is not known yet. */
    arn?: string;
    unknown: boolean;
    path: PropertyPath;
}

/** Every managed policy ARN a resource attaches: `policyArn`, `policyArns[]`, or a Role's `managedPolicyArns[]`. */
export function attachedPolicyArns(type: string, props: Record<string, any>): AttachedPolicyArn[] {
    const key = type === attachmentTypes.role ? "managedPolicyArns"
        : type.endsWith("PolicyAttachmentsExclusive") ? "policyArns"
            : attachmentResourceTypes.includes(type) ? "policyArn" : undefined;
    if (!key) return [];
    const v = props[key];
    if (v === undefined || v === null) return [];
    if (isUnknown(v)) return [{ unknown: true, path: [key] }];
    if (key === "policyArn") {
        return [typeof v === "string" ? { arn: v, unknown: false, path: [key] } : { unknown: false, path: [key] }];
    }
    return asList(v).map((e, i) => isUnknown(e)
        ? { unknown: true, path: [key, i] }
        : { arn: typeof e === "string" ? e : undefined, unknown: false, path: [key, i] });
}

/**
 * Reports, for every known managed-policy ARN the resource attaches, the message `judge` returns (if
 * any). When nothing was reported and an ARN is not known yet (a policy created in the same program),
 * hands over to the SDK's preview advisory rather than guessing.
 */
export function reportAttachedPolicies(c: ResourceCheck<unknown>, judge: (arn: string | undefined, where: string) => string | undefined): void {
    let reported = 0;
    let undecided: PropertyPath | undefined;
    for (const a of attachedPolicyArns(c.type, c.props)) {
        if (a.unknown) {
            undecided = undecided ?? a.path;
            continue;
        }
        const message = judge(a.arn, propertyName(a.path));
        if (message) {
            c.report(message);
            reported++;
        }
    }
    if (reported === 0 && undecided) {
        deferUnknown(c.proxied, undecided);
    }
}

export interface ManagedPolicyArn {
    partition: string;
    /** "aws" for AWS managed policies, the account ID for customer managed ones. */
    account: string;
    /** Path between `policy/` and the name, e.g. "service-role/" (empty for "/"). */
    path: string;
    name: string;
}

/** Parses `arn:<partition>:iam::<account>:policy/<path><name>`; undefined for anything else. */
export function parseManagedPolicyArn(arn: string): ManagedPolicyArn | undefined {
    const m = /^arn:([a-z0-9-]+):iam::([^:]*):policy\/(.*\/)?([^/]+)$/.exec(arn.trim());
    if (!m) return undefined;
    return { partition: m[1], account: m[2], path: m[3] ?? "", name: m[4] };
}

// ---- Resource (ARN) patterns ----

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

/**
 * True when some concrete string matches both patterns: an IAM Resource entry (with `*`, `?` and policy
 * variables) and an ARN format from the service authorization data (with `${Placeholder}` parts, each
 * taken as any run of characters). Memoised dynamic programming, O(len(a) * len(b)).
 */
const overlapCache = new Map<string, boolean>();

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
    const memo = new Map<number, boolean>();
    const width = b.length + 1;
    const go = (i: number, j: number): boolean => {
        const key = i * width + j;
        const cached = memo.get(key);
        if (cached !== undefined) return cached;
        let r = false;
        if (i === a.length && j === b.length) {
            r = true;
        } else if (i < a.length && "any" in a[i]) {
            r = go(i + 1, j) || (j < b.length && go(i, j + 1));
        } else if (j < b.length && "any" in b[j]) {
            r = go(i, j + 1) || (i < a.length && go(i + 1, j));
        } else if (i < a.length && j < b.length) {
            const x = a[i], y = b[j];
            const compatible = "one" in x || "one" in y || (x as { ch: string }).ch === (y as { ch: string }).ch;
            r = compatible && go(i + 1, j + 1);
        }
        memo.set(key, r);
        return r;
    };
    return go(0, 0);
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

/** A case-sensitive matcher for a Resource entry against a concrete ARN (policy variables match only themselves). */
export function resourceGlob(resource: string): RegExp {
    let re = "";
    for (let i = 0; i < resource.length; i++) {
        const c = resource[i];
        if (c === "*") re += ".*";
        else if (c === "?") re += ".";
        else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
    return new RegExp("^" + re + "$");
}

/** Case-insensitive IAM action pattern match (`*` any run, `?` one character). */
export function actionPatternMatches(pattern: string, action: string): boolean {
    return wildcardRegex(pattern).test(action);
}

const regexCache = new Map<string, RegExp>();

export function wildcardRegex(pattern: string): RegExp {
    let re = regexCache.get(pattern);
    if (!re) {
        re = new RegExp("^" + pattern.split("").map(c => c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")).join("") + "$", "i");
        if (regexCache.size > 5000) regexCache.clear();
        regexCache.set(pattern, re);
    }
    return re;
}

// ---- Walking the identity documents of a resource inside a policy check ----

/** What a check found in one statement: messages to report, or the path of an unknown that kept it from deciding. */
export interface StatementVerdict {
    findings?: string[];
    undecidedAt?: PropertyPath;
}

export interface DocumentWalk {
    /** Documents that are not valid policies (AWS rejects them when the resource is created). */
    malformed: LocatedDocument[];
    /** Paths of values that kept some statement or document from being decided. */
    undecided: PropertyPath[];
    findings: string[];
}

/**
 * Runs `check` on every statement of the given documents. Documents unknown at preview, and statements
 * whose verdict depends on an unknown, are collected in `undecided` (the caller defers to the SDK only if
 * nothing known was found); malformed documents are collected for the caller to decide about.
 */
export function walkDocuments(docs: LocatedDocument[], check: (doc: LocatedDocument, s: PolicyStatement) => StatementVerdict | void): DocumentWalk {
    const walk: DocumentWalk = { malformed: [], undecided: [], findings: [] };
    for (const doc of docs) {
        const parsed = doc.parsed;
        if (parsed.kind === "unknown") {
            walk.undecided.push(parsed.path);
        } else if (parsed.kind === "malformed") {
            walk.malformed.push(doc);
        } else if (parsed.kind === "document") {
            for (const s of parsed.statements) {
                if (s.unknown) {
                    walk.undecided.push(s.path);
                    continue;
                }
                const v = check(doc, s);
                if (v?.findings?.length) walk.findings.push(...v.findings);
                else if (v?.undecidedAt) walk.undecided.push(v.undecidedAt);
            }
        }
    }
    return walk;
}

/** Known string values of a list of document values. */
export function knownValues(values: DocumentValue[] | undefined): string[] {
    return (values ?? []).filter(v => !v.unknown && typeof v.value === "string").map(v => v.value as string);
}

/** The first unknown entry of a list of document values, if any. */
export function firstUnknown(values: DocumentValue[] | undefined): DocumentValue | undefined {
    return (values ?? []).find(v => v.unknown);
}
