import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import requiredTags from "./required-tags";

// Policies for tags, one per file, assembled here.
export const tagsPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [requiredTags];
