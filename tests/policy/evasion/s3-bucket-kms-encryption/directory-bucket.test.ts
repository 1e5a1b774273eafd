import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "s3-bucket-kms-encryption";

// Shape: an S3 Express directory bucket (aws.s3.DirectoryBucket), a type the S3 policies did not look at.
// Directory buckets always block public access and have no versioning, but default encryption is SSE-S3
// unless a BucketServerSideEncryptionConfiguration names a KMS key.
// Correct verdict: s3-bucket-kms-encryption fails a directory bucket without a customer-managed KMS default
// and passes one with it; the public access block and versioning policies do not report directory buckets.
function program() {
    const key = new aws.kms.Key("cmk", { enableKeyRotation: true });
    new aws.s3.DirectoryBucket("express-default", { bucket: "express-default--euw1-az1--x-s3", location: { name: "euw1-az1" } });
    const kms = new aws.s3.DirectoryBucket("express-kms", { bucket: "express-kms--euw1-az1--x-s3", location: { name: "euw1-az1" } });
    new aws.s3.BucketServerSideEncryptionConfiguration("express-kms-sse", {
        bucket: kms.bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
    });
    const aes = new aws.s3.DirectoryBucket("express-aes", { bucket: "express-aes--euw1-az1--x-s3", location: { name: "euw1-az1" } });
    new aws.s3.BucketServerSideEncryptionConfiguration("express-aes-sse", {
        bucket: aes.bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
}

for (const mode of ["preview", "update"] as const) {
    describe(`evasion ${policy}, directory bucket (${mode}): S3 Express buckets are judged for KMS encryption`, () => {
        let r: PreviewResult;
        before(async () => {
            r = await previewProgram(program, { mode });
        });

        it("fails directory buckets without a customer-managed KMS default, passes the one with it", () => {
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["express-aes", "express-default"]);
            assert.deepStrictEqual(findings(r, policy, "express-kms"), []);
            assert.match(findings(r, policy, "express-aes")[0].message, /BucketServerSideEncryptionConfiguration 'express-aes-sse'.*sseAlgorithm to "aws:kms"/);
        });

        it("leaves directory buckets to the policies that apply to them", () => {
            for (const p of ["s3-bucket-public-access-block", "s3-bucket-versioning-enabled", "s3-bucket-ssl-requests-only", "s3-bucket-access-logging"]) {
                assert.deepStrictEqual(flagged(r, p), [], p);
            }
        });
    });
}
