import { typeName } from "../../lib/aws-types";
import { attachmentResourceTypes, parseManagedPolicyArn, reportAttachedPolicies } from "../../lib/iam-attachments";
import { resourcePolicy } from "../../lib/policy";
import { configuredStrings, stringListSetting } from "../../lib/policy-config";

export default resourcePolicy<{ policyNames: string[] }>({
    name: "iam-no-admin-managed-policies",
    description: "No administrator-level managed policy (AdministratorAccess, PowerUserAccess, IAMFullAccess by default) is attached to a role, user or group.",
    severity: "critical",
    pci: "7.2.2",
    resourceTypes: attachmentResourceTypes,
    remediationSteps: "Detach the administrator-level policy (remove the RolePolicyAttachment/UserPolicyAttachment/GroupPolicyAttachment/PolicyAttachment, " +
        "or its ARN from `managedPolicyArns` / `policyArns`) and attach a least-privilege policy that names the actions and resources the " +
        "principal needs, or a narrower AWS managed policy (e.g. AWSCodePipeline_ReadOnlyAccess).",
    config: {
        properties: {
            policyNames: stringListSetting("Names of managed policies that must not be attached (matched case-insensitively on the policy name of the ARN, in any partition and path).",
                ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"]),
        },
    },
    validate: c => {
        const banned = new Set(configuredStrings(c.config.policyNames).map(n => n.toLowerCase()));
        const what = `${typeName(c.type)} '${c.name}'`;
        reportAttachedPolicies(c, (arn, where) => {
            const parsed = arn !== undefined ? parseManagedPolicyArn(arn) : undefined;
            if (!parsed || !banned.has(parsed.name.toLowerCase())) return undefined;
            const owner = parsed.account === "aws" ? "the AWS managed policy" : "the managed policy";
            return `${what} attaches ${owner} ${parsed.name} through ${where}: remove it and attach a least-privilege policy instead.`;
        });
    },
});
