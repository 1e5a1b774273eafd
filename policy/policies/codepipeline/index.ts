import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import codepipelineArtifactStoreKms from "./codepipeline-artifact-store-kms";
import codepipelineArtifactStoreRegion from "./codepipeline-artifact-store-region";
import codepipelineNoGithubV1Source from "./codepipeline-no-github-v1-source";
import eventbridgePipelineTriggerMatchesSource from "./eventbridge-pipeline-trigger-matches-source";
import noPlaintextCredentials from "./no-plaintext-credentials";
// Policies for codepipeline (and the EventBridge rules and credentials around pipelines), one per file, assembled here.
export const codepipelinePolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    codepipelineArtifactStoreRegion,
    codepipelineArtifactStoreKms,
    codepipelineNoGithubV1Source,
    noPlaintextCredentials,
    eventbridgePipelineTriggerMatchesSource,
];
