import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Policies for ecr, one per file, assembled here.
export const ecrPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
