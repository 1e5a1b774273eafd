// Buckets built only from the separate v7 S3 resources: no inline settings on aws.s3.Bucket.
// Every bucket: owner-enforced objects, versioning, SSE-KMS with the stack key, all four public access
// blocks, a TLS-only bucket policy, lifecycle rules, and server access logging to the log bucket
// (the log bucket itself is the logging target and does not log to itself).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../naming";
import { Statement, denyInsecureTransport, policyDocument } from "./policy-document";

export interface LifecycleArgs {
    /** Days before noncurrent versions move to STANDARD_IA (>= 30). */
    noncurrentToInfrequentAccessDays: number;
    /** Days before noncurrent versions expire. */
    noncurrentExpirationDays: number;
    /** Days before current objects move to GLACIER_IR, if set. */
    currentToGlacierDays?: number;
    /** Days before current objects expire. */
    expirationDays: number;
}

export interface SecureBucketArgs {
    bucketName: pulumi.Input<string>;
    /** ARN written from the deterministic name, so the bucket policy is known at preview. */
    bucketArn: pulumi.Input<string>;
    kmsKeyArn: pulumi.Input<string>;
    /** Where server access logs go; omit only for the log bucket itself. */
    accessLogs?: { bucket: pulumi.Input<string>; prefix: string };
    /** Statements added to the TLS-only bucket policy. */
    policyStatements?: Statement[];
    lifecycle: LifecycleArgs;
}

export class SecureBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly versioning: aws.s3.BucketVersioning;
    readonly encryption: aws.s3.BucketServerSideEncryptionConfiguration;
    readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
    readonly policy: aws.s3.BucketPolicy;
    readonly logging?: aws.s3.BucketLogging;
    readonly lifecycle: aws.s3.BucketLifecycleConfiguration;
    readonly ownership: aws.s3.BucketOwnershipControls;

    constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payments:storage:SecureBucket", name, {}, opts);
        const parent = { parent: this };
        this.bucket = new aws.s3.Bucket(name, { bucket: args.bucketName, forceDestroy: false }, parent);
        const bucket = this.bucket.id;
        this.ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, {
            bucket, rule: { objectOwnership: "BucketOwnerEnforced" },
        }, parent);
        this.publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-public-access-block`, {
            bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        }, parent);
        this.versioning = new aws.s3.BucketVersioning(`${name}-versioning`, {
            bucket, versioningConfiguration: { status: "Enabled" },
        }, parent);
        this.encryption = new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
            bucket,
            rules: [{
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
                bucketKeyEnabled: true,
            }],
        }, parent);
        this.policy = new aws.s3.BucketPolicy(`${name}-policy`, {
            bucket,
            policy: policyDocument([denyInsecureTransport(args.bucketArn), ...(args.policyStatements ?? [])]),
        }, { parent: this, dependsOn: [this.publicAccessBlock] });
        if (args.accessLogs) {
            this.logging = new aws.s3.BucketLogging(`${name}-logging`, {
                bucket,
                targetBucket: args.accessLogs.bucket,
                targetPrefix: args.accessLogs.prefix,
                targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
            }, parent);
        }
        const l = args.lifecycle;
        this.lifecycle = new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
            bucket,
            rules: [{
                id: "retention",
                status: "Enabled",
                filter: { prefix: "" },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                noncurrentVersionTransitions: [{ noncurrentDays: l.noncurrentToInfrequentAccessDays, storageClass: "STANDARD_IA" }],
                noncurrentVersionExpiration: { noncurrentDays: l.noncurrentExpirationDays },
                transitions: l.currentToGlacierDays ? [{ days: l.currentToGlacierDays, storageClass: "GLACIER_IR" }] : undefined,
                expiration: { days: l.expirationDays },
            }],
        }, { parent: this, dependsOn: [this.versioning] });
        this.registerOutputs({ bucket: this.bucket.bucket });
    }
}

export interface StorageArgs {
    naming: Naming;
    kmsKeyArn: pulumi.Input<string>;
}

/** Prefix under which every bucket of the stack writes its server access logs. */
export const accessLogPrefix = "s3-access-logs/";

/** The access-log bucket and the pipeline's artifact bucket. */
export class Storage extends pulumi.ComponentResource {
    readonly logs: SecureBucket;
    readonly artifacts: SecureBucket;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payments:storage:Storage", name, {}, opts);
        const n = args.naming;
        this.logs = new SecureBucket(`${name}-access-logs`, {
            bucketName: n.bucketName("logs"),
            bucketArn: n.bucketArn("logs"),
            kmsKeyArn: args.kmsKeyArn,
            // Access logs are audit records: keep them more than a year (PCI DSS 10.5.1).
            lifecycle: { noncurrentToInfrequentAccessDays: 30, noncurrentExpirationDays: 90, currentToGlacierDays: 90, expirationDays: 400 },
            policyStatements: [{
                Sid: "S3ServerAccessLogDelivery", Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: n.bucketObjectsArn("logs", `${accessLogPrefix}*`),
                Condition: {
                    StringEquals: { "aws:SourceAccount": n.accountId },
                    ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${n.partition}:s3:::${n.prefix}-*-${n.accountId}-${n.region}` },
                },
            }],
        }, { parent: this });
        this.artifacts = new SecureBucket(`${name}-artifacts`, {
            bucketName: n.bucketName("artifacts"),
            bucketArn: n.bucketArn("artifacts"),
            kmsKeyArn: args.kmsKeyArn,
            accessLogs: { bucket: this.logs.bucket.id, prefix: `${accessLogPrefix}artifacts/` },
            lifecycle: { noncurrentToInfrequentAccessDays: 30, noncurrentExpirationDays: 90, expirationDays: 180 },
        }, { parent: this, dependsOn: [this.logs.policy] });
        this.registerOutputs({ artifactBucket: this.artifacts.bucket.bucket, logBucket: this.logs.bucket.bucket });
    }
}
