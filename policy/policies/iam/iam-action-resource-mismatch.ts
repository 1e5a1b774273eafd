import { ActionInfo, arnFormatsOf, expandAction } from "../../lib/iam-authorization";
import { typeName } from "../../lib/aws-types";
import { StatementVerdict, identityDocuments, identityPolicyResourceTypes, reportWalk, walkDocuments } from "../../lib/iam-documents";
import { matchesAllResources, resourcePatternsOverlap } from "../../lib/iam-patterns";
import { resourcePolicy } from "../../lib/policy";
import { PolicyStatement, describeStatement } from "../../lib/policy-documents";

/** Can this action apply to this Resource entry? Wildcard-only actions apply only to "*". */
function applies(action: ActionInfo, resource: string): boolean {
    if (matchesAllResources(resource)) return true;
    return arnFormatsOf(action).some(f => resourcePatternsOverlap(resource.trim(), f));
}

function describeNeed(actions: ActionInfo[]): string {
    const a = actions[0];
    if (actions.length === 1) {
        const formats = arnFormatsOf(a);
        return formats.length === 0
            ? `${a.name} is authorized only on Resource "*" (it has no resource types)`
            : `${a.name} applies only to ${formats.join(" or ")}`;
    }
    return `none of the ${actions.length} actions it matches applies to them`;
}

/**
 * Grants in an Allow statement that do nothing: an action (or every action a pattern matches) that cannot
 * apply to any Resource entry, an unknown service prefix, a pattern matching no action. Messages quote
 * action names and ARN formats from the authorization data, never the statement's ARNs. Exported for tests.
 */
export function mismatchedGrants(s: PolicyStatement): { findings: string[]; undecidedAt?: (string | number)[] } {
    const findings: string[] = [];
    // NotResource and statements without Resource are out of scope (a missing Resource is rejected by AWS).
    if (s.notResource !== undefined || s.resource === undefined) return { findings };
    const known = s.resource.filter(r => !r.unknown && r.value !== undefined).map(r => r.value as string);
    const unknownResource = s.resource.find(r => r.unknown);
    let undecidedAt: (string | number)[] | undefined;
    (s.action ?? []).forEach((a, i) => {
        if (a.unknown || a.value === undefined) return;
        const exp = expandAction(a.value);
        if (exp.kind === "invalid") {
            findings.push(`Action entry ${i} is not of the form service:action, so it grants nothing`);
        } else if (exp.kind === "unknown-service") {
            findings.push(`Action entry ${i} names a service prefix that AWS's service authorization data does not know, so it grants nothing`);
        } else if (exp.kind === "actions" && exp.actions.length === 0) {
            findings.push(`Action entry ${i} matches no ${exp.service} action in AWS's service authorization data, so it grants nothing`);
        } else if (exp.kind === "actions") {
            if (exp.actions.some(action => known.some(r => applies(action, r)))) return;
            if (unknownResource) {
                // A resource not known yet at preview might be the one the action applies to.
                undecidedAt = undecidedAt ?? unknownResource.path;
                return;
            }
            findings.push(`Action entry ${i} cannot apply to any of the statement's Resource entries: ${describeNeed(exp.actions)}`);
        }
    });
    return { findings, undecidedAt: findings.length ? undefined : undecidedAt };
}

export default resourcePolicy({
    name: "iam-action-resource-mismatch",
    description: "IAM statements grant actions on resources those actions can apply to; a grant on the wrong resource type (ecr:GetAuthorizationToken on a repository, s3:GetObject on a bucket ARN without /*) does nothing and the pipeline fails at run time.",
    severity: "medium",
    pci: "7.2.2",
    enforcementLevel: "advisory",
    resourceTypes: identityPolicyResourceTypes,
    remediationSteps: "Give each action a Resource of a type it applies to, as listed in AWS's Service Authorization Reference: object actions " +
        "such as s3:GetObject/s3:PutObject need `arn:aws:s3:::bucket/*`, bucket actions such as s3:ListBucket need `arn:aws:s3:::bucket`, " +
        "and actions without resource types (ecr:GetAuthorizationToken, sts:GetCallerIdentity) need Resource \"*\" in a statement of their own. " +
        "Fix misspelled actions and service prefixes. A policy document that is not valid JSON (or has no Statement) is rejected by AWS at deploy time.",
    validate: c => {
        const what = `${typeName(c.type)} '${c.name}'`;
        const docs = identityDocuments(c.type, c.props);
        const walk = walkDocuments(docs, (doc, s): StatementVerdict | void => {
            if (s.effect !== "Allow") return;
            const r = mismatchedGrants(s);
            if (r.findings.length === 0) return { undecidedAt: r.undecidedAt };
            return { findings: r.findings.map(f => `${what}: ${doc.property} ${describeStatement(s)}: ${f}. Give the action a Resource of a type it applies to.`) };
        });
        // A malformed document grants nothing and AWS rejects it at deploy time (MalformedPolicyDocument): worth a
        // note here (this policy is about grants that do nothing), not a mandatory block from the security policies.
        for (const m of walk.malformed) {
            c.report(`${what}: ${m.property} ${m.parsed.kind === "malformed" ? m.parsed.reason : "is not a policy document"}; AWS rejects it ` +
                `(MalformedPolicyDocument) when the resource is created. Fix the document in ${m.property}.`);
        }
        reportWalk(c, walk);
    },
});
