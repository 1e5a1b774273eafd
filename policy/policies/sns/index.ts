import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Policies for sns, one per file, assembled here.
export const snsPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
