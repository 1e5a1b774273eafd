// How a policy tells a customer-managed KMS key reference from an AWS-managed one, offline.
import { isUnknown } from "./unknowns";

/**
 * AWS-managed keys are only reachable through the reserved `alias/aws/<service>` aliases (as a plain
 * alias or inside an alias ARN). No program can create an alias under `alias/aws/`, so a reference
 * that is unknown at preview (the output of a key or alias resource in the stack) is customer-managed.
 * A bare key id or key ARN cannot be told apart offline and is taken as customer-managed: the policy
 * makes no AWS call.
 */
export type KeyReference = "absent" | "aws-managed" | "customer-managed" | "unknown";

const awsManagedAlias = /^(arn:aws[a-z-]*:kms:[^:]*:[^:]*:)?alias\/aws\//;

export function classifyKmsKeyReference(value: unknown): KeyReference {
    if (value === undefined || value === null || value === "") return "absent";
    if (isUnknown(value)) return "unknown";
    if (typeof value !== "string") return "absent";
    return awsManagedAlias.test(value.trim()) ? "aws-managed" : "customer-managed";
}

/** True for a reserved AWS-managed alias or alias ARN (e.g. `alias/aws/sns`). */
export function isAwsManagedKeyAlias(value: unknown): boolean {
    return classifyKmsKeyReference(value) === "aws-managed";
}
