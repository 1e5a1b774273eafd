import { typeName } from "../../lib/aws-types";
import { expandAction } from "../../lib/iam-authorization";
import { StatementVerdict, identityDocuments, identityPolicyResourceTypes, reportWalk, walkDocuments } from "../../lib/iam-documents";
import { shown } from "../../lib/messages";
import { resourcePolicy } from "../../lib/policy";
import { PolicyStatement, describeStatement, firstUnknown } from "../../lib/policy-documents";

/**
 * A pattern inside one service that is `service:*` in disguise: its action part is only wildcards
 * (`s3:?*`, `iam:*?`, `s3:**`), it matches every action the authorization data knows of the service, or it
 * starts with a wildcard (names no verb) and matches actions of more than one access level
 * (`s3:*Object*` is Read, Write, Tagging and Permissions management at once). Verb-led patterns
 * (`s3:Get*`, `ec2:Describe*`, `s3:Put*`) stay out: iam-no-wildcard-resource expands them and judges
 * their resources. `?` is a wildcard (one character) throughout, as IAM has it.
 */
function disguisedServiceWildcard(service: string, actionPart: string): string | undefined {
    if (!/[*?]/.test(actionPart)) return undefined;
    if (/^[*?]*$/.test(actionPart) && actionPart.includes("*")) return "every action";
    const exp = expandAction(`${service}:${actionPart}`);
    if (exp.kind !== "actions" || exp.actions.length < 2) return undefined;
    const all = expandAction(`${service}:*`);
    if (all.kind === "actions" && exp.actions.length === all.actions.length) return "every action";
    if (!/^[*?]/.test(actionPart)) return undefined;
    const levels = new Set(exp.actions.map(a => a.accessLevel));
    if (levels.size < 2) return undefined;
    return `${exp.actions.length} actions of ${levels.size} access levels (${[...levels].sort().join(", ")})`;
}

/**
 * What makes an Allow statement's actions a wildcard grant: NotAction, `*`, `service:*`, a wildcard
 * in the service prefix (`*:Get*`, `*:*`), or a pattern that is `service:*` in disguise (see
 * disguisedServiceWildcard). Other patterns inside one service (`s3:Get*`) are not wildcard actions here:
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
        if (/^[*?]*\*[*?]*$/.test(v)) {
            out.push(`Action "*" (every action of every service)`);
        } else if (colon > 0 && /[*?]/.test(v.slice(0, colon))) {
            out.push(`Action entry ${i} (a wildcard in the service prefix)`);
        } else if (colon > 0 && /^\*+$/.test(v.slice(colon + 1))) {
            const service = shown(v.slice(0, colon), /^[A-Za-z0-9-]{1,64}$/);
            out.push(service !== undefined ? `Action "${service}:*" (every action of ${service})` : `Action entry ${i} (every action of a service)`);
        } else if (colon > 0) {
            const service = shown(v.slice(0, colon), /^[A-Za-z0-9-]{1,64}$/);
            const disguised = service !== undefined ? disguisedServiceWildcard(service, v.slice(colon + 1)) : undefined;
            if (disguised) out.push(`Action entry ${i} (a wildcard pattern matching ${disguised} in ${service})`);
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
