import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import ecrRepositoryImmutableTags from "./ecr-repository-immutable-tags";
import ecrRepositoryKmsEncryption from "./ecr-repository-kms-encryption";
import ecrRepositoryScanOnPush from "./ecr-repository-scan-on-push";

// Policies for ecr, one per file, assembled here.
export const ecrPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    ecrRepositoryScanOnPush,
    ecrRepositoryImmutableTags,
    ecrRepositoryKmsEncryption,
];
