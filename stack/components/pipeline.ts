// The CodePipeline (V2): Source, Build, Test (unit tests and security scan in parallel), an optional
// manual Approval that notifies the SNS topic, and Deploy to ECS. One artifact store, KMS-encrypted,
// with no `region` (a single-region pipeline that sets it fails to deploy). For an S3 source, an
// EventBridge rule starts the pipeline when a new source.zip is written.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming, sourceObjectKey } from "../naming";

export interface PipelineArgs {
    naming: Naming;
    roleArn: pulumi.Input<string>;
    artifactBucket: pulumi.Input<string>;
    kmsKeyArn: pulumi.Input<string>;
    source:
        | { kind: "codestar"; connectionArn: pulumi.Input<string>; repository: string; branch: string }
        | { kind: "s3"; bucket: pulumi.Input<string>; eventsRoleArn: pulumi.Input<string> };
    approvalRequired: boolean;
    /** Topic the approval request is sent to. */
    approvalTopicArn: pulumi.Input<string>;
}

export class Pipeline extends pulumi.ComponentResource {
    readonly pipeline: aws.codepipeline.Pipeline;
    readonly triggerRule?: aws.cloudwatch.EventRule;
    readonly triggerTarget?: aws.cloudwatch.EventTarget;

    constructor(name: string, args: PipelineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payments:cicd:Pipeline", name, {}, opts);
        const n = args.naming;
        const s = args.source;
        const sourceAction: aws.types.input.codepipeline.PipelineStageAction = s.kind === "codestar"
            ? {
                name: "Source", category: "Source", owner: "AWS", provider: "CodeStarSourceConnection", version: "1",
                outputArtifacts: ["source"],
                configuration: {
                    ConnectionArn: s.connectionArn,
                    FullRepositoryId: s.repository,
                    BranchName: s.branch,
                    OutputArtifactFormat: "CODE_ZIP",
                    // Starts the pipeline on every push to the branch.
                    DetectChanges: "true",
                },
            }
            : {
                name: "Source", category: "Source", owner: "AWS", provider: "S3", version: "1",
                outputArtifacts: ["source"],
                configuration: { S3Bucket: s.bucket, S3ObjectKey: sourceObjectKey, PollForSourceChanges: "false" },
            };
        const codeBuild = (actionName: string, project: string, inputs: string[], outputs: string[], runOrder = 1): aws.types.input.codepipeline.PipelineStageAction => ({
            name: actionName, category: "Build", owner: "AWS", provider: "CodeBuild", version: "1", runOrder,
            inputArtifacts: inputs, outputArtifacts: outputs.length ? outputs : undefined,
            configuration: inputs.length > 1 ? { ProjectName: project, PrimarySource: inputs[0] } : { ProjectName: project },
        });
        const stages: aws.types.input.codepipeline.PipelineStage[] = [
            { name: "Source", actions: [sourceAction] },
            { name: "Build", actions: [codeBuild("BuildImage", n.projectName("build"), ["source"], ["image"])] },
            {
                name: "Test",
                actions: [
                    codeBuild("UnitTests", n.projectName("test"), ["source"], []),
                    codeBuild("SecurityScan", n.projectName("scan"), ["source", "image"], []),
                ],
            },
        ];
        if (args.approvalRequired) {
            stages.push({
                name: "Approval",
                actions: [{
                    name: "ReleaseApproval", category: "Approval", owner: "AWS", provider: "Manual", version: "1",
                    configuration: {
                        NotificationArn: args.approvalTopicArn,
                        CustomData: `Approve the release of ${n.serviceName} to ${n.clusterName}.`,
                    },
                }],
            });
        }
        stages.push({
            name: "Deploy",
            actions: [{
                name: "DeployToEcs", category: "Deploy", owner: "AWS", provider: "ECS", version: "1",
                inputArtifacts: ["image"],
                configuration: { ClusterName: n.clusterName, ServiceName: n.serviceName, FileName: "imagedefinitions.json" },
            }],
        });

        this.pipeline = new aws.codepipeline.Pipeline(`${name}`, {
            name: n.pipelineName,
            pipelineType: "V2",
            executionMode: "QUEUED",
            roleArn: args.roleArn,
            artifactStores: [{
                location: args.artifactBucket,
                type: "S3",
                encryptionKey: { id: args.kmsKeyArn, type: "KMS" },
            }],
            stages,
        }, { parent: this });

        if (s.kind === "s3") {
            this.triggerRule = new aws.cloudwatch.EventRule(`${name}-source-trigger`, {
                name: `${n.pipelineName}-source-uploaded`,
                description: `Starts ${n.pipelineName} when a new ${sourceObjectKey} is written to the source bucket`,
                eventPattern: pulumi.jsonStringify({
                    "source": ["aws.s3"],
                    "detail-type": ["Object Created"],
                    "detail": { bucket: { name: [s.bucket] }, object: { key: [sourceObjectKey] } },
                }),
            }, { parent: this });
            this.triggerTarget = new aws.cloudwatch.EventTarget(`${name}-source-trigger-target`, {
                rule: this.triggerRule.name,
                arn: this.pipeline.arn,
                roleArn: s.eventsRoleArn,
            }, { parent: this });
        }
        this.registerOutputs({ pipelineName: this.pipeline.name });
    }
}
