import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Policies for codebuild, one per file, assembled here.
export const codebuildPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
