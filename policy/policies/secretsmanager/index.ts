import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Policies for secretsmanager, one per file, assembled here.
export const secretsmanagerPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
