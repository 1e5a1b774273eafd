import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram } from "../../helpers/preview";
import { undecidable } from "../fixtures/s3";

const policy = "s3-bucket-access-logging";

function program() {
    const logs = new aws.s3.Bucket("logs", {});
    const app = new aws.s3.Bucket("app", {});
    new aws.s3.BucketLogging("app-logging", { bucket: app.id, targetBucket: logs.id, targetPrefix: "app/" });
    const v6 = new aws.s3.BucketV2("v6-app", {});
    new aws.s3.BucketLoggingV2("v6-app-logging", { bucket: v6.id, targetBucket: logs.bucket, targetPrefix: "v6-app/" });
    new aws.s3.Bucket("inline-logging", { logging: { targetBucket: logs.id, targetPrefix: "inline/" } });
    new aws.s3.BucketV2("v6-inline-logging", { loggings: [{ targetBucket: logs.id, targetPrefix: "v6-inline/" }] });
    const external = new aws.s3.Bucket("external-target", {});
    new aws.s3.BucketLogging("external-target-logging", { bucket: external.id, targetBucket: "central-audit-logs", targetPrefix: "x/" });
    // A target only known later, not derived from the bucket itself: another bucket.
    const key = new aws.kms.Key("target-source", { enableKeyRotation: true });
    const later = new aws.s3.Bucket("target-unknown", {});
    new aws.s3.BucketLogging("target-unknown-logging", { bucket: later.id, targetBucket: key.arn.apply(() => "org-log-archive"), targetPrefix: "y/" });

    new aws.s3.Bucket("no-logging", {});
    new aws.s3.BucketV2("v6-no-logging", {});
    const self = new aws.s3.Bucket("self-logging", {});
    new aws.s3.BucketLogging("self-logging-logging", { bucket: self.id, targetBucket: self.id, targetPrefix: "self/" });
    new aws.s3.BucketV2("v6-self-inline", { bucket: "v6-self-inline-bucket", loggings: [{ targetBucket: "v6-self-inline-bucket", targetPrefix: "s/" }] });
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(program);
    });

    it("flags buckets without access logging to another bucket, v7 and v6 tokens, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["no-logging", "self-logging", "v6-no-logging", "v6-self-inline"]);
    });

    it("accepts logging linked through propertyDependencies at preview, inline and to buckets outside the stack", () => {
        for (const name of ["app", "v6-app", "inline-logging", "v6-inline-logging", "external-target", "target-unknown"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
        assert.deepStrictEqual(undecidable(result, policy), []);
    });

    it("exempts the bucket that receives the other buckets' logs (a stack policy cannot report per-resource not-applicable)", () => {
        assert.deepStrictEqual(findings(result, policy, "logs"), []);
    });

    it("names the property to change", () => {
        assert.match(findings(result, policy, "self-logging")[0].message, /'self-logging' writes its access logs to itself: set targetBucket/);
        assert.match(findings(result, policy, "no-logging")[0].message, /add an aws\.s3\.BucketLogging with bucket set to this bucket and targetBucket/);
        assert.strictEqual(findings(result, policy, "no-logging")[0].framework?.reference, "10.2.1, 10.3.3");
    });

    it("can require logging of log buckets too, and reports exemptions as not applicable", async () => {
        const r = await previewProgram(() => {
            const logs = new aws.s3.Bucket("logs", {});
            const app = new aws.s3.Bucket("app", {});
            new aws.s3.BucketLogging("app-logging", { bucket: app.id, targetBucket: logs.id, targetPrefix: "app/" });
            new aws.s3.Bucket("tmp", {});
        }, {
            policyPackConfigs: [{
                [policy]: { exemptLoggingTargets: false, exemptions: [{ resource: "tmp", reason: "ephemeral CI scratch space" }] },
            }],
        });
        assert.deepStrictEqual(flagged(r, policy), ["logs"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "tmp"), ["exempted by configuration: ephemeral CI scratch space"]);
    });
});
