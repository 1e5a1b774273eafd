import { PackPolicy } from "../../lib/policy";
import iamActionResourceMismatch from "./iam-action-resource-mismatch";
import iamNoAdminManagedPolicies from "./iam-no-admin-managed-policies";
import iamNoDeprecatedManagedPolicies from "./iam-no-deprecated-managed-policies";
import iamNoWildcardAction from "./iam-no-wildcard-action";
import iamNoWildcardResource from "./iam-no-wildcard-resource";
import iamRoleTrustScoped from "./iam-role-trust-scoped";

// The iam policies, one per file, in the pack's order.
export const iamPolicies: PackPolicy[] = [
    iamNoWildcardResource,
    iamNoWildcardAction,
    iamActionResourceMismatch,
    iamNoAdminManagedPolicies,
    iamNoDeprecatedManagedPolicies,
    iamRoleTrustScoped,
];
