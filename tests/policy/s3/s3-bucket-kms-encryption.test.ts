import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram } from "../../helpers/preview";
import { undecidable } from "../fixtures/s3";

const policy = "s3-bucket-kms-encryption";

function sse(name: string, bucket: aws.s3.Bucket | aws.s3.BucketV2, sseAlgorithm: any, kmsMasterKeyId?: any) {
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
        bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm, kmsMasterKeyId } }],
    });
}

function program() {
    const key = new aws.kms.Key("cmk", { enableKeyRotation: true });
    const alias = new aws.kms.Alias("cmk-alias", { name: "alias/pipeline-artifacts", targetKeyId: key.keyId });

    sse("cmk-sse", new aws.s3.Bucket("cmk", {}), "aws:kms", key.arn);
    const v6 = new aws.s3.BucketV2("v6-cmk", {});
    new aws.s3.BucketServerSideEncryptionConfigurationV2("v6-cmk-sse", {
        bucket: v6.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }],
    });
    sse("dsse-sse", new aws.s3.Bucket("dsse", {}), "aws:kms:dsse", key.keyId);
    sse("via-alias-sse", new aws.s3.Bucket("via-alias", {}), "aws:kms", alias.arn);
    sse("literal-key-sse", new aws.s3.Bucket("literal-key", {}), "aws:kms", "arn:aws:kms:eu-west-1:123456789012:key/0b6a1e2c-1111-4222-a333-444455556666");
    new aws.s3.Bucket("inline-cmk", {
        serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } } },
    });
    new aws.s3.BucketV2("v6-inline-cmk", {
        serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }] }] }],
    });

    new aws.s3.Bucket("no-encryption", {});
    new aws.s3.BucketV2("v6-no-encryption", {});
    sse("sse-s3-sse", new aws.s3.Bucket("sse-s3", {}), "AES256");
    sse("kms-no-key-sse", new aws.s3.Bucket("kms-no-key", {}), "aws:kms");
    sse("aws-managed-sse", new aws.s3.Bucket("aws-managed", {}), "aws:kms", "alias/aws/s3");
    sse("aws-managed-arn-sse", new aws.s3.Bucket("aws-managed-arn", {}), "aws:kms", "arn:aws:kms:eu-west-1:123456789012:alias/aws/s3");
    new aws.s3.BucketV2("v6-inline-sse-s3", {
        serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] }],
    });
    // A separate configuration overrides the inline one.
    const overridden = new aws.s3.Bucket("inline-cmk-overridden", {
        serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } } },
    });
    sse("inline-cmk-overridden-sse", overridden, "AES256");

    // A key id unknown at preview that does not come from a KMS key resource: undecidable.
    const other = new aws.s3.Bucket("key-source", {});
    sse("key-unknown-sse", new aws.s3.Bucket("key-unknown", {}), "aws:kms", other.arn.apply(() => "arn:aws:kms:eu-west-1:123456789012:key/x"));
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(program);
    });

    it("flags buckets without a customer-managed KMS default, v7 and v6 tokens, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), [
            "aws-managed", "aws-managed-arn", "inline-cmk-overridden", "key-source", "kms-no-key", "no-encryption", "sse-s3",
            "v6-inline-sse-s3", "v6-no-encryption",
        ]);
    });

    it("accepts customer-managed keys that are unknown at preview but come from aws.kms.Key/Alias", () => {
        for (const name of ["cmk", "v6-cmk", "dsse", "via-alias", "literal-key", "inline-cmk", "v6-inline-cmk"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("names the property to change", () => {
        assert.match(findings(result, policy, "sse-s3")[0].message, /BucketServerSideEncryptionConfiguration 'sse-s3-sse' rules\[0\]\.applyServerSideEncryptionByDefault\.sseAlgorithm to "aws:kms"/);
        assert.match(findings(result, policy, "kms-no-key")[0].message, /rules\[0\]\.applyServerSideEncryptionByDefault\.kmsMasterKeyId to a customer-managed KMS key \(unset/);
        assert.match(findings(result, policy, "aws-managed")[0].message, /kmsMasterKeyId to a customer-managed KMS key \(it names an AWS-managed key\)/);
        assert.match(findings(result, policy, "v6-inline-sse-s3")[0].message, /inline serverSideEncryptionConfigurations\[0\]\.rules\[0\]\.applyServerSideEncryptionByDefaults\[0\]\.sseAlgorithm/);
        assert.match(findings(result, policy, "no-encryption")[0].message, /add an aws\.s3\.BucketServerSideEncryptionConfiguration/);
        assert.strictEqual(findings(result, policy, "no-encryption")[0].framework?.reference, "3.5.1, 3.6.1");
    });

    it("leaves a key id of unknown origin undecided (SDK advisory), never mandatory", () => {
        assert.deepStrictEqual(findings(result, policy, "key-unknown"), []);
        const u = undecidable(result, policy);
        assert.strictEqual(u.length, 1);
        assert.strictEqual(u[0].enforcementLevel, "advisory");
        assert.match(u[0].message, /bucket 'key-unknown' \(BucketServerSideEncryptionConfiguration 'key-unknown-sse' rules\[0\]\.applyServerSideEncryptionByDefault\.kmsMasterKeyId\)/);
    });

    it("decides the same buckets in update mode", async () => {
        const r = await previewProgram(program, { mode: "update" });
        assert.deepStrictEqual(undecidable(r, policy), []);
        assert.deepStrictEqual(flagged(r, policy), flagged(result, policy));
    });

    it("takes the accepted algorithms from config, and reports exemptions as not applicable", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("cmk", { enableKeyRotation: true });
            sse("dsse-sse", new aws.s3.Bucket("dsse", {}), "aws:kms:dsse", key.arn);
            sse("kms-sse", new aws.s3.Bucket("kms", {}), "aws:kms", key.arn);
            new aws.s3.Bucket("legacy", {});
        }, {
            policyPackConfigs: [{
                [policy]: { allowedSseAlgorithms: ["aws:kms"], exemptions: [{ resource: "urn:pulumi:dev::test::aws:s3/bucket:Bucket::leg*", reason: "migrating in Q3" }] },
            }],
        });
        assert.deepStrictEqual(flagged(r, policy), ["dsse"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "legacy"), ["exempted by configuration: migrating in Q3"]);
    });
});
