import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Policies for codepipeline, one per file, assembled here.
export const codepipelinePolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
