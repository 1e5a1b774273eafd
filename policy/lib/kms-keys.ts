// The one answer to "is this KMS key reference customer-managed?", offline and without an AWS call.
import { awsTypes } from "./aws-types";
import { isUnknown } from "./unknowns";

/**
 * - "absent": no key (unset, empty, or not a string: nothing a service could use as a key);
 * - "aws-managed": a reserved `alias/aws/<service>` alias, plain or as an alias ARN (only AWS-managed
 *   keys are reachable that way, and no program can create an alias under `alias/aws/`);
 * - "customer-managed": any other key id, key ARN or alias (a bare key id or ARN cannot be told apart
 *   offline, and is taken as customer-managed);
 * - "undecided": not known at preview, and not known to come from a KMS key of the stack.
 */
export type KmsKeyReference = "absent" | "aws-managed" | "customer-managed" | "undecided";

/** The KMS resources whose ids, ARNs and alias names are customer-managed keys. */
export const customerKeyTypes: ReadonlySet<string> = new Set([
    awsTypes.kms.Key, awsTypes.kms.ReplicaKey, awsTypes.kms.ExternalKey, awsTypes.kms.ReplicaExternalKey, awsTypes.kms.Alias,
]);

const awsManagedAlias = /^(arn:aws[a-z-]*:kms:[^:]*:[^:]*:)?alias\/aws\//;

/**
 * Classifies a key reference. A value unknown at preview is the output of some resource of the stack:
 * - when the caller can see where it comes from (`origin`: a stack policy's propertyDependencies of the
 *   property), it is customer-managed if it comes from a KMS key or alias resource, else undecided;
 * - when it cannot (resource policies: the engine sends Analyze no property dependencies), it is taken as
 *   the output of a key or alias the stack creates, which is what programs do, and so customer-managed.
 * Either way an unknown is never the reason for a finding.
 */
export function classifyKmsKey(value: unknown, origin?: readonly ({ type: string } | undefined)[]): KmsKeyReference {
    if (value === undefined || value === null || value === "") return "absent";
    if (isUnknown(value)) {
        if (origin === undefined) return "customer-managed";
        return origin.some(d => d !== undefined && d !== null && customerKeyTypes.has(d.type)) ? "customer-managed" : "undecided";
    }
    if (typeof value !== "string") return "absent";
    return awsManagedAlias.test(value.trim()) ? "aws-managed" : "customer-managed";
}
