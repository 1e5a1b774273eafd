import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import iamActionResourceMismatch from "./iam-action-resource-mismatch";
import iamNoAdminManagedPolicies from "./iam-no-admin-managed-policies";
import iamNoDeprecatedManagedPolicies from "./iam-no-deprecated-managed-policies";
import iamNoWildcardAction from "./iam-no-wildcard-action";
import iamNoWildcardResource from "./iam-no-wildcard-resource";
import iamRoleTrustScoped from "./iam-role-trust-scoped";

// Policies for iam, one per file, assembled here.
export const iamPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    iamNoWildcardResource,
    iamNoWildcardAction,
    iamActionResourceMismatch,
    iamNoAdminManagedPolicies,
    iamNoDeprecatedManagedPolicies,
    iamRoleTrustScoped,
];
