import { PackPolicy } from "../../lib/policy";
import secretsmanagerSecretKmsEncryption from "./secretsmanager-secret-kms-encryption";

// The secretsmanager policies, one per file, in the pack's order.
export const secretsmanagerPolicies: PackPolicy[] = [
    secretsmanagerSecretKmsEncryption,
];
