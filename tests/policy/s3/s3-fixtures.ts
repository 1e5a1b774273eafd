// Shared building blocks of the S3 policy tests (not a test file itself).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../../preview/src";
import { findings } from "../../helpers/preview";

type AnyBucket = aws.s3.Bucket | aws.s3.BucketV2;

/** A TLS-only bucket policy whose ARNs are built from the bucket's (known at preview) name. */
export function tlsOnlyPolicy(b: AnyBucket): pulumi.Output<string> {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [pulumi.interpolate`arn:aws:s3:::${b.bucket}`, pulumi.interpolate`arn:aws:s3:::${b.bucket}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        }],
    });
}

/** The same policy built over the bucket's ARN output: wholly unknown at preview. */
export function tlsOnlyPolicyOverArn(b: AnyBucket): pulumi.Output<string> {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Deny", Principal: "*", Action: "s3:*",
            Resource: [b.arn, pulumi.interpolate`${b.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        }],
    });
}

/** The undecidable ("can't run policy ... during preview") diagnostics of a policy. */
export function undecidable(result: PreviewResult, policy: string) {
    return findings(result, policy).filter(d => d.undecidable);
}

export const requiredTags = { Environment: "dev", Owner: "platform-team", DataClassification: "internal" };
