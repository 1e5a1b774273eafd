import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Policies for s3, one per file, assembled here.
export const s3Policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
