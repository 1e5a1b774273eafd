import { PackPolicy } from "../../lib/policy";
import codepipelineArtifactStoreKms from "./codepipeline-artifact-store-kms";
import codepipelineArtifactStoreRegion from "./codepipeline-artifact-store-region";
import codepipelineNoGithubV1Source from "./codepipeline-no-github-v1-source";

// The codepipeline policies, one per file, in the pack's order.
export const codepipelinePolicies: PackPolicy[] = [
    codepipelineArtifactStoreRegion,
    codepipelineArtifactStoreKms,
    codepipelineNoGithubV1Source,
];
