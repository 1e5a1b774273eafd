import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Policies for iam, one per file, assembled here.
export const iamPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
