import { typeName } from "../../lib/aws-types";
import { StatementVerdict, identityDocuments, identityPolicyResourceTypes, reportWalk, walkDocuments } from "../../lib/iam-documents";
import { shown } from "../../lib/messages";
import { resourcePolicy } from "../../lib/policy";
import { PolicyStatement, describeStatement, firstUnknown } from "../../lib/policy-documents";

/**
 * What makes an Allow statement's actions a wildcard grant: NotAction, `*`, `service:*`, or a wildcard
 * in the service prefix (`*:Get*`). Patterns inside one service (`s3:Get*`) are not wildcard actions here:
 * iam-no-wildcard-resource expands them. Returns descriptions safe to print (no document values beyond
 * the service prefix).
 */
export function wildcardActionGrants(s: PolicyStatement): string[] {
    const out: string[] = [];
    if (s.notAction !== undefined) {
        out.push("NotAction (allows every action except those it lists)");
    }
    (s.action ?? []).forEach((a, i) => {
        if (a.unknown || a.value === undefined) return;
        const v = a.value.trim();
        const colon = v.indexOf(":");
        if (/^\*+$/.test(v)) {
            out.push(`Action "*" (every action of every service)`);
        } else if (colon > 0 && /[*?]/.test(v.slice(0, colon))) {
            out.push(`Action entry ${i} (a wildcard in the service prefix)`);
        } else if (colon > 0 && /^\*+$/.test(v.slice(colon + 1))) {
            const service = shown(v.slice(0, colon), /^[A-Za-z0-9-]{1,64}$/);
            out.push(service !== undefined ? `Action "${service}:*" (every action of ${service})` : `Action entry ${i} (every action of a service)`);
        }
    });
    return out;
}

export default resourcePolicy({
    name: "iam-no-wildcard-action",
    description: "IAM identity policies allow named actions: no Allow with Action \"*\", \"service:*\", or NotAction.",
    severity: "high",
    pci: "7.2.1, 7.2.2",
    securityHub: ["IAM.1", "IAM.21"],
    resourceTypes: identityPolicyResourceTypes,
    remediationSteps: "Replace `*`, `service:*` and NotAction in Allow statements with the actions the principal needs (e.g. " +
        "`codebuild:StartBuild`, `codebuild:BatchGetBuilds` instead of `codebuild:*`). IAM Access Analyzer's policy generation " +
        "can list the actions a role used.",
    validate: c => {
        const what = `${typeName(c.type)} '${c.name}'`;
        const walk = walkDocuments(identityDocuments(c.type, c.props), (doc, s): StatementVerdict | void => {
            if (s.effect === "Deny") return;
            const grants = wildcardActionGrants(s);
            if (grants.length === 0) {
                const u = firstUnknown(s.action);
                return u ? { undecidedAt: u.path } : undefined;
            }
            if (s.effect === "unknown") return { undecidedAt: [...s.path, "Effect"] };
            return {
                findings: [`${what}: ${doc.property} ${describeStatement(s)} allows ${grants.join(" and ")}. ` +
                    `List the specific actions the principal needs in the statement's Action.`],
            };
        });
        reportWalk(c, walk);
    },
});
