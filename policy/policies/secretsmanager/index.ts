import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import secretsmanagerSecretKmsEncryption from "./secretsmanager-secret-kms-encryption";

// Policies for secretsmanager, one per file, assembled here.
export const secretsmanagerPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [secretsmanagerSecretKmsEncryption];
