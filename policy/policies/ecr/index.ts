import { PackPolicy } from "../../lib/policy";
import ecrRepositoryImmutableTags from "./ecr-repository-immutable-tags";
import ecrRepositoryKmsEncryption from "./ecr-repository-kms-encryption";
import ecrRepositoryScanOnPush from "./ecr-repository-scan-on-push";

// The ecr policies, one per file, in the pack's order.
export const ecrPolicies: PackPolicy[] = [
    ecrRepositoryScanOnPush,
    ecrRepositoryImmutableTags,
    ecrRepositoryKmsEncryption,
];
