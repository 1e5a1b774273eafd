import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Policies for network, one per file, assembled here.
export const networkPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
