// The stack's one customer-managed KMS key (yearly rotation) and its alias. The key policy lets the
// account administer the key, lets the stack's service roles use it only through the AWS services
// that encrypt for them, and lets the service principals that write encrypted data use it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming, RoleService } from "../naming";
import { Statement, policyDocument } from "./policy-document";

export interface EncryptionArgs {
    naming: Naming;
    /** Roles that may use the key through AWS services (they must exist before the key: see dependsOn). */
    keyUsers: RoleService[];
    /** Log groups whose data CloudWatch Logs encrypts with the key. */
    logGroupNames: string[];
    /** Days before a scheduled deletion completes (7-30). */
    deletionWindowInDays?: number;
}

/** The services that encrypt on behalf of the key users (kms:ViaService). */
export const viaServices = ["s3", "codebuild", "codepipeline", "ecr", "secretsmanager", "sns", "logs"] as const;

/** Key administration and delegation to IAM, without kms:* (actions listed explicitly). */
const administrationActions = [
    "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
    "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
    "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
    "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant",
];

export class Encryption extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;
    readonly alias: aws.kms.Alias;
    /** `alias/<prefix>-pipeline`. */
    readonly aliasName: string;

    constructor(name: string, args: EncryptionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payments:security:Encryption", name, {}, opts);
        const n = args.naming;
        const statements: Statement[] = [
            {
                Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: n.accountRootArn },
                Action: administrationActions, Resource: "*",
            },
            {
                Sid: "ServiceRolesUseKeyThroughServices", Effect: "Allow",
                Principal: { AWS: args.keyUsers.map(r => n.roleArn(r)) },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
                Condition: {
                    StringEquals: {
                        "kms:CallerAccount": n.accountId,
                        "kms:ViaService": viaServices.map(s => `${s}.${n.region}.amazonaws.com`),
                    },
                },
            },
            {
                Sid: "CloudWatchLogsEncryptsLogGroups", Effect: "Allow",
                Principal: { Service: `logs.${n.region}.amazonaws.com` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": args.logGroupNames.map(g => n.logGroupArn(g)) } },
            },
            {
                Sid: "PublishersAndLogDeliveryEncrypt", Effect: "Allow",
                Principal: { Service: ["events.amazonaws.com", "cloudwatch.amazonaws.com", "logging.s3.amazonaws.com"] },
                Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": n.accountId } },
            },
        ];
        this.key = new aws.kms.Key(`${name}-key`, {
            description: `Encrypts the ${n.prefix} pipeline's artifacts, images, logs and notifications`,
            keyUsage: "ENCRYPT_DECRYPT",
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            enableKeyRotation: true,
            rotationPeriodInDays: 365,
            deletionWindowInDays: args.deletionWindowInDays ?? 30,
            multiRegion: false,
            policy: policyDocument(statements),
        }, { parent: this });
        this.aliasName = n.keyAlias;
        this.alias = new aws.kms.Alias(`${name}-alias`, {
            name: n.keyAlias,
            targetKeyId: this.key.keyId,
        }, { parent: this });
        this.registerOutputs({ keyArn: this.key.arn, alias: this.aliasName });
    }
}
