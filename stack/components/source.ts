// Where the pipeline's source comes from, selected by config:
// - codestar: a CodeStarSourceConnection to a Git repository, through an existing connection (config
//   connectionArn) or one this stack creates, which stays PENDING until the one-time hand-shake;
// - s3: a versioned, encrypted source bucket that sends its events to EventBridge; the pipeline
//   component adds the rule that starts the pipeline on a new source.zip.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming } from "../naming";
import { policyDocument } from "./policy-document";
import { SecureBucket, accessLogPrefix } from "./storage";

export type SourceArgs = {
    naming: Naming;
} & ({
    kind: "codestar";
    repository: string;
    branch: string;
    connectionArn?: string;
    /** The pipeline role, which gets UseConnection on a connection this component creates. */
    pipelineRoleName: pulumi.Input<string>;
} | {
    kind: "s3";
    kmsKeyArn: pulumi.Input<string>;
    logBucket: pulumi.Input<string>;
});

export class Source extends pulumi.ComponentResource {
    readonly kind: "codestar" | "s3";
    readonly connection?: aws.codestarconnections.Connection;
    /** UseConnection on the created connection's exact ARN, for the pipeline role. */
    readonly connectionPolicy?: aws.iam.RolePolicy;
    /** The connection the pipeline uses (codestar). */
    readonly connectionArn?: pulumi.Output<string>;
    /** Console page where an administrator completes the connection hand-shake (created connection only). */
    readonly handshakeUrl?: pulumi.Output<string>;
    readonly bucket?: SecureBucket;
    readonly notification?: aws.s3.BucketNotification;

    constructor(name: string, args: SourceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payments:cicd:Source", name, {}, opts);
        const n = args.naming;
        this.kind = args.kind;
        if (args.kind === "codestar") {
            if (args.connectionArn) {
                this.connectionArn = pulumi.output(args.connectionArn);
            } else {
                this.connection = new aws.codestarconnections.Connection(`${name}-connection`, {
                    name: n.connectionName,
                    providerType: "GitHub",
                }, { parent: this });
                this.connectionArn = this.connection.arn;
                // The ARN holds a random id, so this one document is known only after `pulumi up`.
                this.connectionPolicy = new aws.iam.RolePolicy(`${name}-connection-use`, {
                    name: "use-source-connection",
                    role: args.pipelineRoleName,
                    policy: policyDocument([{
                        Sid: "UseSourceConnection", Effect: "Allow",
                        Action: ["codestar-connections:UseConnection"], Resource: this.connection.arn,
                    }]),
                }, { parent: this });
                this.handshakeUrl = this.connection.arn.apply(arn =>
                    `https://${n.region}.console.aws.amazon.com/codesuite/settings/${arn.split(":")[4]}/${n.region}/connections/${arn.split("/").pop()}`);
            }
        } else {
            this.bucket = new SecureBucket(`${name}-bucket`, {
                bucketName: n.bucketName("source"),
                bucketArn: n.bucketArn("source"),
                kmsKeyArn: args.kmsKeyArn,
                accessLogs: { bucket: args.logBucket, prefix: `${accessLogPrefix}source/` },
                lifecycle: { noncurrentToInfrequentAccessDays: 30, noncurrentExpirationDays: 90, expirationDays: 365 },
            }, { parent: this });
            this.notification = new aws.s3.BucketNotification(`${name}-bucket-events`, {
                bucket: this.bucket.bucket.id,
                eventbridge: true,
            }, { parent: this });
        }
        this.registerOutputs({ connectionArn: this.connectionArn, handshakeUrl: this.handshakeUrl });
    }
}
