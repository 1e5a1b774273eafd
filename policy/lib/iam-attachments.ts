// Managed policies attached to IAM principals: which property of which resource attaches which ARN,
// and how a managed policy ARN reads.
import { awsTypes } from "./aws-types";
import { ResourceCheck } from "./policy";
import { PropertyPath, propertyName } from "./property-paths";
import { asList, isUnknown } from "./unknowns";

/** The resource types that attach managed policies. */
export const attachmentResourceTypes: string[] = [
    awsTypes.iam.RolePolicyAttachment, awsTypes.iam.UserPolicyAttachment, awsTypes.iam.GroupPolicyAttachment, awsTypes.iam.PolicyAttachment,
    awsTypes.iam.RolePolicyAttachmentsExclusive, awsTypes.iam.UserPolicyAttachmentsExclusive, awsTypes.iam.GroupPolicyAttachmentsExclusive,
    awsTypes.iam.Role,
];

/** The property that holds a resource type's managed policy ARNs: one ARN, or a list of them. */
export function attachmentProperty(type: string): { key: "policyArn" | "policyArns" | "managedPolicyArns"; list: boolean } | undefined {
    if (type === awsTypes.iam.Role) return { key: "managedPolicyArns", list: true };
    if (type.endsWith("PolicyAttachmentsExclusive") && attachmentResourceTypes.includes(type)) return { key: "policyArns", list: true };
    return attachmentResourceTypes.includes(type) ? { key: "policyArn", list: false } : undefined;
}

export interface AttachedPolicyArn {
    /** The ARN, or undefined when it is not known yet (or not a string). */
    arn?: string;
    unknown: boolean;
    path: PropertyPath;
}

/** Every managed policy ARN a resource attaches: `policyArn`, `policyArns[]`, or a Role's `managedPolicyArns[]`. */
export function attachedPolicyArns(type: string, props: Record<string, any>): AttachedPolicyArn[] {
    const property = attachmentProperty(type);
    if (!property) return [];
    const { key } = property;
    const v = props[key];
    if (v === undefined || v === null) return [];
    if (isUnknown(v)) return [{ unknown: true, path: [key] }];
    if (!property.list) {
        return [typeof v === "string" ? { arn: v, unknown: false, path: [key] } : { unknown: false, path: [key] }];
    }
    return asList(v).map((e, i) => isUnknown(e)
        ? { unknown: true, path: [key, i] }
        : { arn: typeof e === "string" ? e : undefined, unknown: false, path: [key, i] });
}

/**
 * Reports, for every known managed-policy ARN the resource attaches, the message `judge` returns (if
 * any), and records the ARNs not known yet (a policy created in the same program) as undecided.
 */
export function reportAttachedPolicies(c: ResourceCheck<unknown>, judge: (arn: string | undefined, where: string) => string | undefined): void {
    for (const a of attachedPolicyArns(c.type, c.props)) {
        if (a.unknown) {
            c.undecided(a.path);
            continue;
        }
        const message = judge(a.arn, propertyName(a.path));
        if (message) c.report(message);
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
