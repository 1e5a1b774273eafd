// Building blocks for pipeline test programs (not a test file: mocha only runs *.test.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const connectionArn = "arn:aws:codeconnections:eu-west-1:123456789012:connection/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

type Action = aws.types.input.codepipeline.PipelineStageAction;

export const codestarSource = (configuration: Record<string, pulumi.Input<string>> = {}): Action => ({
    name: "Source", category: "Source", owner: "AWS", provider: "CodeStarSourceConnection", version: "1",
    outputArtifacts: ["src"],
    configuration: { ConnectionArn: connectionArn, FullRepositoryId: "acme/app", BranchName: "main", ...configuration },
});

export const codecommitSource = (repositoryName: pulumi.Input<string> = "app", branch = "main", extra: Record<string, string> = {}): Action => ({
    name: "Source", category: "Source", owner: "AWS", provider: "CodeCommit", version: "1", outputArtifacts: ["src"],
    configuration: { RepositoryName: repositoryName, BranchName: branch, PollForSourceChanges: "false", ...extra },
});

export const s3Source = (bucket = "acme-source", key = "app/source.zip", extra: Record<string, string> = {}): Action => ({
    name: "Source", category: "Source", owner: "AWS", provider: "S3", version: "1", outputArtifacts: ["src"],
    configuration: { S3Bucket: bucket, S3ObjectKey: key, PollForSourceChanges: "false", ...extra },
});

export const githubV1Source = (configuration: Record<string, pulumi.Input<string>> = {}): Action => ({
    name: "Source", category: "Source", owner: "ThirdParty", provider: "GitHub", version: "1", outputArtifacts: ["src"],
    configuration: { Owner: "acme", Repo: "app", Branch: "main", ...configuration },
});

export const buildAction = (configuration: Record<string, pulumi.Input<string>> = {}): Action => ({
    name: "Build", category: "Build", owner: "AWS", provider: "CodeBuild", version: "1", inputArtifacts: ["src"],
    configuration: { ProjectName: "app-build", ...configuration },
});

export const encryptedStore = (extra: Partial<aws.types.input.codepipeline.PipelineArtifactStore> = {}): aws.types.input.codepipeline.PipelineArtifactStore => ({
    location: "acme-artifacts", type: "S3", encryptionKey: { id: keyArn, type: "KMS" }, ...extra,
});

/** A pipeline with a compliant artifact store, a Source stage with the given actions, and a Build stage. */
export function pipeline(name: string, o: {
    source?: Action[]; build?: Action[]; artifactStores?: pulumi.Input<pulumi.Input<aws.types.input.codepipeline.PipelineArtifactStore>[]>;
    stages?: aws.codepipeline.PipelineArgs["stages"]; triggers?: aws.codepipeline.PipelineArgs["triggers"]; pipelineName?: string;
} = {}): aws.codepipeline.Pipeline {
    return new aws.codepipeline.Pipeline(name, {
        name: o.pipelineName,
        roleArn: "arn:aws:iam::123456789012:role/pipeline",
        pipelineType: "V2",
        artifactStores: o.artifactStores ?? [encryptedStore()],
        stages: o.stages ?? [
            { name: "Source", actions: o.source ?? [codestarSource()] },
            { name: "Build", actions: o.build ?? [buildAction()] },
        ],
        triggers: o.triggers,
    });
}
