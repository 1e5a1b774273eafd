import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Policies for cloudwatch, one per file, assembled here.
export const cloudwatchPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
