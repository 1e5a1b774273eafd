// Where IAM policy documents sit on IAM resources (identity policies and a role's trust policy), and a
// walk over their statements that collects findings and undecided places for a check.
import { awsTypes } from "./aws-types";
import { ParsedDocument, PolicyStatement, parsePolicyDocument } from "./policy-documents";
import { ResourceCheck } from "./policy";
import { PropertyPath, propertyName } from "./property-paths";
import { isPlainObject, isUnknown } from "./unknowns";

/** The resource types that carry identity policy documents. */
export const identityPolicyResourceTypes: string[] = [
    awsTypes.iam.Policy, awsTypes.iam.RolePolicy, awsTypes.iam.UserPolicy, awsTypes.iam.GroupPolicy, awsTypes.iam.Role,
];

export interface LocatedDocument {
    /** Human description of where the document is, e.g. "policy" or "inlinePolicies[1].policy". */
    property: string;
    path: PropertyPath;
    parsed: ParsedDocument;
}

/**
 * The identity policy documents of a resource: `policy` of Policy/RolePolicy/UserPolicy/GroupPolicy,
 * and each `inlinePolicies[].policy` of a Role. An unknown `inlinePolicies` list is one unknown document.
 */
export function identityDocuments(type: string, props: Record<string, any>): LocatedDocument[] {
    if (type === awsTypes.iam.Role) {
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
    if (identityPolicyResourceTypes.includes(type)) {
        return [{ property: "policy", path: ["policy"], parsed: parsePolicyDocument(props.policy, ["policy"]) }];
    }
    return [];
}

/** The trust policy of a Role (`assumeRolePolicy`). */
export function trustDocument(props: Record<string, any>): LocatedDocument {
    return { property: "assumeRolePolicy", path: ["assumeRolePolicy"], parsed: parsePolicyDocument(props.assumeRolePolicy, ["assumeRolePolicy"]) };
}

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
 * whose verdict depends on an unknown, are collected in `undecided`; malformed documents are collected
 * for the caller to decide about.
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

/** Reports a walk's findings and records its undecided places on the check (the wrapper's rule does the rest). */
export function reportWalk(c: ResourceCheck<unknown>, walk: DocumentWalk): void {
    for (const f of walk.findings) c.report(f);
    for (const p of walk.undecided) c.undecided(p);
}
