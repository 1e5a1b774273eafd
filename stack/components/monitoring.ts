// Notifications and alarms: a KMS-encrypted SNS topic for pipeline failures and approvals, an
// EventBridge rule that sends failed pipeline executions to it, and one alarm per CodeBuild project
// on failed builds.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BuildKind, Naming, buildKinds } from "../naming";
import { policyDocument } from "./policy-document";

export interface MonitoringArgs {
    naming: Naming;
    kmsKeyArn: pulumi.Input<string>;
    /** Optional e-mail subscriber (AWS sends a confirmation mail). */
    notificationEmail?: string;
}

export class Monitoring extends pulumi.ComponentResource {
    readonly topic: aws.sns.Topic;
    readonly topicPolicy: aws.sns.TopicPolicy;
    readonly emailSubscription?: aws.sns.TopicSubscription;
    readonly failureRule: aws.cloudwatch.EventRule;
    readonly failureTarget: aws.cloudwatch.EventTarget;
    readonly buildAlarms: Record<BuildKind, aws.cloudwatch.MetricAlarm>;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payments:monitoring:Monitoring", name, {}, opts);
        const n = args.naming;
        const parent = { parent: this };
        this.topic = new aws.sns.Topic(`${name}-topic`, {
            name: n.topicName,
            displayName: `${n.prefix} pipeline`,
            kmsMasterKeyId: args.kmsKeyArn,
        }, parent);
        this.topicPolicy = new aws.sns.TopicPolicy(`${name}-topic-policy`, {
            arn: this.topic.arn,
            policy: policyDocument([
                {
                    Sid: "AccountManagesTopic", Effect: "Allow", Principal: { AWS: n.accountRootArn },
                    Action: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"],
                    Resource: n.topicArn,
                },
                {
                    Sid: "EventBridgeAndAlarmsPublish", Effect: "Allow",
                    Principal: { Service: ["events.amazonaws.com", "cloudwatch.amazonaws.com"] },
                    Action: "sns:Publish", Resource: n.topicArn,
                    Condition: { StringEquals: { "aws:SourceAccount": n.accountId } },
                },
                {
                    Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: n.topicArn,
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ]),
        }, parent);
        if (args.notificationEmail) {
            this.emailSubscription = new aws.sns.TopicSubscription(`${name}-email`, {
                topic: this.topic.arn, protocol: "email", endpoint: args.notificationEmail,
            }, parent);
        }
        this.failureRule = new aws.cloudwatch.EventRule(`${name}-pipeline-failed`, {
            name: `${n.pipelineName}-failed`,
            description: `Sends failed executions of ${n.pipelineName} to ${n.topicName}`,
            eventPattern: JSON.stringify({
                "source": ["aws.codepipeline"],
                "detail-type": ["CodePipeline Pipeline Execution State Change"],
                "detail": { pipeline: [n.pipelineName], state: ["FAILED"] },
            }),
        }, parent);
        this.failureTarget = new aws.cloudwatch.EventTarget(`${name}-pipeline-failed-target`, {
            rule: this.failureRule.name,
            arn: this.topic.arn,
            inputTransformer: {
                inputPaths: { pipeline: "$.detail.pipeline", execution: "$.detail.execution-id" },
                inputTemplate: "\"Pipeline <pipeline> execution <execution> FAILED.\"",
            },
        }, { parent: this, dependsOn: [this.topicPolicy] });
        const alarms = {} as Record<BuildKind, aws.cloudwatch.MetricAlarm>;
        for (const kind of buildKinds) {
            alarms[kind] = new aws.cloudwatch.MetricAlarm(`${name}-${kind}-failed`, {
                name: `${n.projectName(kind)}-failed-builds`,
                alarmDescription: `A ${n.projectName(kind)} build failed`,
                namespace: "AWS/CodeBuild",
                metricName: "FailedBuilds",
                dimensions: { ProjectName: n.projectName(kind) },
                statistic: "Sum",
                period: 300,
                evaluationPeriods: 1,
                threshold: 1,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                treatMissingData: "notBreaching",
                alarmActions: [this.topic.arn],
            }, parent);
        }
        this.buildAlarms = alarms;
        this.registerOutputs({ topicArn: this.topic.arn });
    }
}
