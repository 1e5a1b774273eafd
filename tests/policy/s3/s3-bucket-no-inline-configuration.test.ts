import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { tlsOnlyPolicyOverArn } from "../fixtures/s3";

const policy = "s3-bucket-no-inline-configuration";

function program() {
    new aws.s3.Bucket("clean", {});
    new aws.s3.BucketV2("v6-clean", {});
    new aws.s3.Bucket("private-acl", { acl: "private" });
    new aws.s3.Bucket("empty-lifecycle", { lifecycleRules: [] });

    new aws.s3.Bucket("inline-versioning", { versioning: { enabled: true } });
    new aws.s3.BucketV2("v6-inline-versioning", { versionings: [{ enabled: true }] });
    new aws.s3.Bucket("inline-sse", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } });
    new aws.s3.BucketV2("v6-inline-sse", { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] }] });
    new aws.s3.Bucket("inline-logging", { logging: { targetBucket: "central-logs" } });
    new aws.s3.Bucket("inline-lifecycle", { lifecycleRules: [{ enabled: true, expiration: { days: 30 } }] });
    new aws.s3.Bucket("inline-acl", { acl: "public-read" });
    new aws.s3.Bucket("inline-website", { website: { indexDocument: "index.html" } });
    new aws.s3.BucketV2("v6-inline-website", { websites: [{ indexDocument: "index.html" }] });
    // An inline policy that is unknown at preview is still an inline setting: decided, not undecidable.
    const other = new aws.s3.Bucket("arn-source", {});
    new aws.s3.Bucket("inline-policy-unknown", { policy: tlsOnlyPolicyOverArn(other) });
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(program);
    });

    it("flags inline settings, v7 and v6 shapes, at the advisory level only", () => {
        const expected = [
            "inline-acl", "inline-lifecycle", "inline-logging", "inline-policy-unknown", "inline-sse", "inline-versioning",
            "inline-website", "v6-inline-sse", "v6-inline-versioning", "v6-inline-website",
        ];
        assert.deepStrictEqual(flagged(result, policy, "advisory"), expected);
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), []);
        assert.deepStrictEqual(undecided(result, policy), []);
    });

    it("leaves buckets without inline settings alone (and a private canned ACL, S3's default)", () => {
        for (const name of ["clean", "v6-clean", "private-acl", "empty-lifecycle", "arn-source"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("names the inline property and its replacement resource", () => {
        assert.match(findings(result, policy, "inline-versioning")[0].message, /sets inline versioning \(deprecated\): remove versioning from the bucket and use aws\.s3\.BucketVersioning/);
        assert.match(findings(result, policy, "v6-inline-sse")[0].message, /serverSideEncryptionConfigurations .*aws\.s3\.BucketServerSideEncryptionConfiguration/);
        assert.match(findings(result, policy, "inline-lifecycle")[0].message, /lifecycleRules .*aws\.s3\.BucketLifecycleConfiguration/);
        assert.match(findings(result, policy, "inline-policy-unknown")[0].message, /inline policy .*aws\.s3\.BucketPolicy/);
    });

    it("reports only the configured settings, and exemptions as not applicable", async () => {
        const r = await previewProgram(() => {
            new aws.s3.Bucket("inline-versioning", { versioning: { enabled: true } });
            new aws.s3.Bucket("inline-website", { website: { indexDocument: "index.html" } });
            new aws.s3.Bucket("legacy-site", { website: { indexDocument: "index.html" } });
        }, {
            policyPackConfigs: [{
                [policy]: { settings: ["website"], exemptions: [{ resource: "legacy-site", reason: "retired next quarter" }] },
            }],
        });
        assert.deepStrictEqual(flagged(r, policy), ["inline-website"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "legacy-site"), ["exempted by configuration: retired next quarter"]);
    });
});
