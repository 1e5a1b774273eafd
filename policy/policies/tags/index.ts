import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Policies for tags, one per file, assembled here.
export const tagsPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
