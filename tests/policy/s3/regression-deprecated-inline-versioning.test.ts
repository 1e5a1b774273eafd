// Regression: a bucket that keeps versions through the deprecated inline `versioning` property (and is
// otherwise configured through separate resources) is versioned: only the advisory about inline settings
// fires, no mandatory S3 policy does.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, previewProgram } from "../../helpers/preview";
import { requiredTags, tlsOnlyPolicy } from "../fixtures/s3";

const allBlocked = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

function program() {
    const tags = requiredTags;
    const key = new aws.kms.Key("artifacts-key", { enableKeyRotation: true, tags });
    const secure = (name: string, b: aws.s3.Bucket) => {
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
            bucket: b.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
        });
        new aws.s3.BucketPublicAccessBlock(`${name}-pab`, { bucket: b.id, ...allBlocked });
        new aws.s3.BucketPolicy(`${name}-policy`, { bucket: b.id, policy: tlsOnlyPolicy(b) });
    };
    const logs = new aws.s3.Bucket("access-logs", { tags });
    new aws.s3.BucketVersioning("access-logs-versioning", { bucket: logs.id, versioningConfiguration: { status: "Enabled" } });
    secure("access-logs", logs);

    const artifacts = new aws.s3.Bucket("artifacts", { versioning: { enabled: true }, tags });
    secure("artifacts", artifacts);
    new aws.s3.BucketLogging("artifacts-logging", { bucket: artifacts.id, targetBucket: logs.id, targetPrefix: "artifacts/" });
}

const s3Mandatory = [
    "s3-bucket-versioning-enabled", "s3-bucket-public-access-block", "s3-bucket-kms-encryption",
    "s3-bucket-access-logging", "s3-bucket-ssl-requests-only",
];

for (const mode of ["preview", "update"] as const) {
    describe(`regression: bucket with deprecated inline versioning (${mode})`, () => {
        let result: PreviewResult;
        before(async () => {
            result = await previewProgram(program, { mode });
        });

        it("fires only s3-bucket-no-inline-configuration, as advisory, on that bucket", () => {
            const fired = result.diagnostics.filter(d => !d.undecidable).map(d => `${d.policyName} ${d.enforcementLevel} ${d.resourceName}`);
            assert.deepStrictEqual(fired, ["s3-bucket-no-inline-configuration advisory artifacts"]);
            assert.match(findings(result, "s3-bucket-no-inline-configuration", "artifacts")[0].message, /inline versioning/);
        });

        it("accepts the inline versioning and decides every S3 policy with nothing undecidable", () => {
            for (const p of s3Mandatory) {
                assert.deepStrictEqual(findings(result, p), [], p);
            }
            assert.deepStrictEqual(result.diagnostics.filter(d => d.undecidable).map(d => d.policyName), []);
        });
    });
}
