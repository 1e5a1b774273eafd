import type { RoleArgs } from "@pulumi/aws/iam";
import { awsTypes } from "../../lib/aws-types";
import { StatementVerdict, reportWalk, trustDocument, walkDocuments } from "../../lib/iam-documents";
import { resourcePolicy } from "../../lib/policy";
import { PolicyStatement, describeStatement, knownValues } from "../../lib/policy-documents";
import { isPlainObject } from "../../lib/unknowns";

const githubOidcHost = "token.actions.githubusercontent.com";

/** Does the Condition block constrain the GitHub OIDC token's subject (`...:sub`) to something narrower than "*"? */
function constrainsGithubSubject(condition: Record<string, unknown> | undefined): boolean {
    if (!condition) return false;
    for (const operator of Object.values(condition)) {
        if (!isPlainObject(operator)) continue;
        for (const [key, value] of Object.entries(operator)) {
            if (key.toLowerCase() !== `${githubOidcHost}:sub`) continue;
            const values = Array.isArray(value) ? value : [value];
            if (values.length > 0 && values.every(v => typeof v === "string" && !/^[*?]*$/.test(v.trim()) && !/^repo:[*?]+(:.*)?$/.test(v.trim()))) {
                return true;
            }
        }
    }
    return false;
}

/**
 * Why an Allow statement of a trust policy lets anyone assume the role, or undefined. Exported for tests.
 * - `Principal: "*"` or `{"AWS": "*"}` without a Condition: any AWS account (or anyone) can assume it;
 * - Allow with NotPrincipal without a Condition: everyone but the listed principals;
 * - GitHub Actions OIDC federation without a condition on the token's `sub`: any GitHub repository.
 */
export function openTrust(s: PolicyStatement): { reason?: string; undecidedAt?: (string | number)[] } {
    const p = s.principal;
    if (!s.hasCondition) {
        if (p?.everyone) return { reason: `Principal "*" with no Condition lets anyone assume the role` };
        const aws = p?.byType.AWS;
        if (aws && knownValues(aws).some(v => v.trim() === "*")) {
            return { reason: `Principal {"AWS": "*"} with no Condition lets every AWS account assume the role` };
        }
        if (s.notPrincipal !== undefined) {
            return { reason: "Allow with NotPrincipal and no Condition lets every principal except the listed ones assume the role" };
        }
    }
    const federated = knownValues(p?.byType.Federated);
    if (federated.some(f => f.trim().endsWith(`oidc-provider/${githubOidcHost}`)) && !constrainsGithubSubject(s.condition)) {
        if (s.hasCondition && s.condition === undefined) return { undecidedAt: [...s.path, "Condition"] };
        return { reason: `the GitHub Actions OIDC provider is trusted without a Condition on ${githubOidcHost}:sub, so a workflow in any GitHub repository can assume the role` };
    }
    // A whole Principal not known yet could be anything; a single entry not known yet is another
    // resource's ARN (a role or account), which names a principal rather than trusting everyone.
    if (p?.unknown) return { undecidedAt: p.path };
    return {};
}

export default resourcePolicy<{}, RoleArgs>({
    name: "iam-role-trust-scoped",
    description: "IAM role trust policies name who may assume the role: no Principal \"*\" or {\"AWS\": \"*\"} (or Allow with NotPrincipal) without a Condition, and no GitHub Actions OIDC trust without a subject condition.",
    severity: "critical",
    pci: "7.2.1, 8.2.2",
    resourceTypes: [awsTypes.iam.Role],
    remediationSteps: "In the role's assumeRolePolicy, name the principals that assume the role: a service (`{\"Service\": \"codebuild.amazonaws.com\"}`), " +
        "an account or role ARN, or keep `\"*\"` only with a Condition that scopes it (e.g. aws:PrincipalOrgID). For GitHub Actions OIDC add a " +
        "`StringLike` condition on `token.actions.githubusercontent.com:sub` naming your repository (e.g. `repo:my-org/my-repo:ref:refs/heads/main`).",
    validate: c => {
        const doc = trustDocument(c.props);
        if (doc.parsed.kind === "malformed") {
            c.notApplicable(`assumeRolePolicy ${doc.parsed.reason}: AWS rejects it (MalformedPolicyDocument) when the role is created, so it trusts no one`);
        }
        const walk = walkDocuments([doc], (_d, s): StatementVerdict | void => {
            if (s.effect === "Deny") return;
            const r = openTrust(s);
            if (!r.reason) return { undecidedAt: r.undecidedAt };
            if (s.effect === "unknown") return { undecidedAt: [...s.path, "Effect"] };
            return { findings: [`Role '${c.name}': assumeRolePolicy ${describeStatement(s)}: ${r.reason}. Name the trusted principals in assumeRolePolicy or add a Condition that scopes them.`] };
        });
        reportWalk(c, walk);
    },
});
