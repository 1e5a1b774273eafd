// The reference PCI DSS CI/CD stack for the payments service: builds, tests, scans and deploys a
// containerised transaction processor. Config is validated before any resource is created.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Build } from "./components/build";
import { Encryption } from "./components/encryption";
import { Iam } from "./components/iam";
import { Monitoring } from "./components/monitoring";
import { Pipeline } from "./components/pipeline";
import { Runtime } from "./components/runtime";
import { Source } from "./components/source";
import { Storage } from "./components/storage";
import { loadConfig } from "./config";
import { Naming, buildKinds, sourceObjectKey } from "./naming";

const cfg = loadConfig();

// Every resource gets the required tags through this provider's default tags.
const provider = new aws.Provider("aws", {
    region: cfg.region as aws.Region,
    defaultTags: {
        tags: {
            Environment: cfg.environment,
            Owner: cfg.owner,
            DataClassification: cfg.dataClassification,
            ManagedBy: "pulumi",
            Project: pulumi.getProject(),
        },
    },
});
const opts = { providers: [provider] };

const identity = aws.getCallerIdentityOutput({}, { provider });
const partition = aws.getPartitionOutput({}, { provider });
const naming = new Naming(cfg.resourcePrefix, { accountId: identity.accountId, region: cfg.region, partition: partition.partition });

const iam = new Iam("iam", {
    naming,
    sourceProvider: cfg.sourceProvider,
    connectionArn: cfg.connectionArn,
    approvalRequired: cfg.approvalRequired,
}, opts);

// The key policy names the roles, which must exist before the key.
const encryption = new Encryption("encryption", {
    naming,
    keyUsers: iam.services.filter(s => s === "codepipeline" || s === "codebuild" || s === "ecs-execution"),
    logGroupNames: [...buildKinds.map(k => naming.codeBuildLogGroup(k)), naming.appLogGroup, naming.flowLogGroup],
}, { ...opts, dependsOn: Object.values(iam.roles) });
const kmsKeyArn = encryption.key.arn;

const storage = new Storage("storage", { naming, kmsKeyArn }, opts);

const monitoring = new Monitoring("monitoring", { naming, kmsKeyArn, notificationEmail: cfg.notificationEmail }, opts);

const build = new Build("build", {
    naming, kmsKeyArn, serviceRoleArn: iam.role("codebuild").arn,
}, { ...opts, dependsOn: iam.ready("codebuild") });

const runtime = new Runtime("runtime", {
    naming,
    vpcCidr: cfg.vpcCidr,
    kmsKeyArn,
    executionRoleArn: iam.role("ecs-execution").arn,
    flowLogsRoleArn: iam.role("flow-logs").arn,
    desiredCount: cfg.environment === "prod" ? 2 : 1,
}, { ...opts, dependsOn: [...iam.ready("ecs-execution"), ...iam.ready("flow-logs"), build.repository] });

const source = cfg.sourceProvider === "codestar"
    ? new Source("source", { naming, kind: "codestar", repository: cfg.repository!, branch: cfg.branch, connectionArn: cfg.connectionArn, pipelineRoleName: iam.role("codepipeline").name }, opts)
    : new Source("source", { naming, kind: "s3", kmsKeyArn, logBucket: storage.logs.bucket.id }, { ...opts, dependsOn: [storage.logs.policy] });

const pipeline = new Pipeline("pipeline", {
    naming,
    roleArn: iam.role("codepipeline").arn,
    artifactBucket: storage.artifacts.bucket.bucket,
    kmsKeyArn,
    source: source.kind === "codestar"
        ? { kind: "codestar", connectionArn: source.connectionArn!, repository: cfg.repository!, branch: cfg.branch }
        : { kind: "s3", bucket: source.bucket!.bucket.bucket, eventsRoleArn: iam.role("events").arn },
    approvalRequired: cfg.approvalRequired,
    approvalTopicArn: naming.topicArn,
}, {
    ...opts,
    dependsOn: [
        ...iam.ready("codepipeline"), ...(source.kind === "s3" ? [...iam.ready("events"), source.notification!] : []),
        ...(source.connectionPolicy ? [source.connectionPolicy] : []),
        ...Object.values(build.projects), runtime.service, monitoring.topic, storage.artifacts.policy,
    ],
});

export const environment = cfg.environment;
export const pipelineName = pipeline.pipeline.name;
export const pipelineConsoleUrl = naming.pipelineConsoleUrl;
export const artifactBucket = storage.artifacts.bucket.bucket;
export const accessLogBucket = storage.logs.bucket.bucket;
export const ecrRepositoryUrl = build.repository.repositoryUrl;
export const notificationTopicArn = monitoring.topic.arn;
export const kmsKeyAlias = encryption.aliasName;
export const approvalRequired = cfg.approvalRequired;
export const sourceProvider = cfg.sourceProvider;
/** codestar with a connection created by this stack: open this page once to complete the hand-shake. */
export const connectionHandshakeUrl: pulumi.Input<string> = source.handshakeUrl
    ?? (cfg.sourceProvider === "codestar" ? "not needed: the configured connection is used" : "not needed: the source is the S3 bucket");
/** s3 source: upload a new source.zip here to start the pipeline. */
export const sourceUpload: pulumi.Input<string> = source.bucket
    ? pulumi.interpolate`s3://${source.bucket.bucket.bucket}/${sourceObjectKey}`
    : "not used: the source is the CodeStar connection";
