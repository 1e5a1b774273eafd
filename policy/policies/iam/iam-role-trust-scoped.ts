import type { RoleArgs } from "@pulumi/aws/iam";
import { awsTypes } from "../../lib/aws-types";
import { StatementVerdict, reportWalk, trustDocument, walkDocuments } from "../../lib/iam-documents";
import { resourcePolicy } from "../../lib/policy";
import { PolicyStatement, describeStatement, knownValues } from "../../lib/policy-documents";
import { restrictsKey, wildcardOnly } from "../../lib/iam-conditions";
import { actionPatternMatches } from "../../lib/iam-patterns";
import { shown } from "../../lib/messages";

const githubOidcHost = "token.actions.githubusercontent.com";

/**
 * Condition keys that name who may assume a role trusted to `*` (or to `{"AWS": "*"}`, or with NotPrincipal).
 * Any other Condition (aws:SourceIp, aws:SecureTransport, sts:ExternalId, aws:PrincipalTag/...) leaves the
 * role open to principals of every account, and so does one of these keys with a value of wildcards only
 * (`StringLike aws:PrincipalArn "*"`), an ARN with a wildcard account, or a negated operator.
 */
const principalKeys = new Set(["aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
    "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths", "aws:userid", "aws:principalservicename"]);

function narrowPrincipalValue(value: string, like: boolean): boolean {
    const v = value.trim();
    if (!like) return v !== "";
    if (wildcardOnly(v) || /^[*?]/.test(v)) return false;
    if (!v.startsWith("arn:")) return true;
    const parts = v.split(":");
    const account = parts[4] ?? "";
    if (/[*?]/.test(account)) return false;
    return account !== "" || !/^[*?]/.test(parts.slice(5).join(":"));
}

/**
 * A narrow OIDC subject: under a Like operator the first part after the claim name (`repo:<owner>/...`
 * on GitHub, `project_path:<group>/...` on GitLab, a custom claim's value) has no wildcard, so
 * `repo:*`, `repo:*` + `/*:*` and `*` are not narrow but `repo:my-org/*` is (one owner's repositories).
 */
function narrowSubject(value: string, like: boolean): boolean {
    const v = value.trim();
    if (!like) return v !== "";
    const m = /^([A-Za-z_]+):/.exec(v);
    const first = (m ? v.slice(m[0].length) : v).split(/[/:]/)[0];
    return first.length > 0 && !/[*?]/.test(first);
}

function oidcProviderUrl(federated: string): string | undefined {
    const i = federated.indexOf(":oidc-provider/");
    return i >= 0 ? federated.slice(i + ":oidc-provider/".length).trim().replace(/\/+$/, "") : undefined;
}

function grantsWebIdentity(s: PolicyStatement): boolean {
    return (s.action ?? []).some(a => a.unknown || (a.value !== undefined && actionPatternMatches(a.value.trim(), "sts:AssumeRoleWithWebIdentity")));
}

/**
 * Why an Allow statement of a trust policy lets anyone assume the role, or undefined. Exported for tests.
 * - `Principal: "*"`, `{"AWS": "*"}` or Allow with NotPrincipal, unless a Condition restricts a key that
 *   names the principal (principalKeys) to narrow values: any AWS account (or anyone) can assume it;
 * - an OIDC provider (GitHub Actions, GitHub Enterprise, GitLab, any issuer; also a provider of this stack
 *   whose ARN is not known yet) trusted without a Condition that restricts the token's `<issuer>:sub` to one
 *   owner: a workflow of any repository (any project, any subject) can assume it. `aud` alone does not
 *   scope: every token of the issuer carries the same audience.
 */
export function openTrust(s: PolicyStatement): { reason?: string; undecidedAt?: (string | number)[] } {
    const p = s.principal;
    const conditionUnknown = s.hasCondition && s.condition === undefined;
    const aws = p?.byType.AWS;
    const open = p?.everyone ? `Principal "*"`
        : aws && knownValues(aws).some(v => v.trim() === "*") ? `Principal {"AWS": "*"}`
        : s.notPrincipal !== undefined ? "Allow with NotPrincipal" : undefined;
    if (open) {
        const r = restrictsKey(s.condition, k => principalKeys.has(k.toLowerCase()), narrowPrincipalValue);
        if (r === "restricted") return {};
        if (conditionUnknown || r === "unknown") return { undecidedAt: [...s.path, "Condition"] };
        const who = s.notPrincipal !== undefined ? "every principal except the listed ones" : p?.everyone ? "anyone" : "every AWS account";
        return { reason: `${open} with no Condition that names the principals (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn with a non-wildcard value) lets ${who} assume the role` };
    }
    const federated = p?.byType.Federated ?? [];
    for (const f of federated) {
        const url = f.value !== undefined ? oidcProviderUrl(f.value) : undefined;
        if (!f.unknown && url === undefined) continue;
        if (f.unknown && !grantsWebIdentity(s)) continue;
        const key = url !== undefined ? `${url}:sub`.toLowerCase() : undefined;
        const r = restrictsKey(s.condition, k => key ? k.toLowerCase() === key : k.toLowerCase().endsWith(":sub"), narrowSubject, { keyAlwaysPresent: true });
        if (r === "restricted") continue;
        if (conditionUnknown || r === "unknown") return { undecidedAt: [...s.path, "Condition"] };
        if (url === githubOidcHost || url?.startsWith(`${githubOidcHost}/`)) {
            return { reason: `the GitHub Actions OIDC provider is trusted without a Condition on ${url}:sub naming a repository owner, so a workflow in any GitHub repository can assume the role` };
        }
        const issuer = url !== undefined ? shown(url, /^[A-Za-z0-9._\/-]{1,200}$/) : undefined;
        return { reason: issuer !== undefined
            ? `the OIDC provider ${issuer} is trusted without a Condition that restricts ${issuer}:sub to one owner (aud alone is the same for every token of the issuer), so any of its subjects can assume the role`
            : `an OIDC provider of this stack (Federated entry ${federated.indexOf(f)}) is trusted for sts:AssumeRoleWithWebIdentity without a Condition on its <issuer>:sub, so any of its subjects can assume the role` };
    }
    // A whole Principal not known yet could be anything; a single entry not known yet is another
    // resource's ARN (a role or account), which names a principal rather than trusting everyone.
    if (p?.unknown) return { undecidedAt: p.path };
    return {};
}

export default resourcePolicy<{}, RoleArgs>({
    name: "iam-role-trust-scoped",
    description: "IAM role trust policies name who may assume the role: no Principal \"*\" or {\"AWS\": \"*\"} (or Allow with NotPrincipal) without a Condition naming the principals, and no OIDC trust (GitHub Actions, GitLab, any issuer) without a condition on the token's subject.",
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
