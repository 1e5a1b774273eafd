import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "s3-bucket-single-configuration";

function program() {
    const key = new aws.kms.Key("source", { enableKeyRotation: true });
    const acl = new aws.s3.Bucket("two-acls", {});
    new aws.s3.BucketAcl("two-acls-1", { bucket: acl.id, acl: "private" });
    new aws.s3.BucketAclV2("two-acls-2", { bucket: acl.id, acl: "private" });
    const logs = new aws.s3.BucketV2("two-loggings", {});
    new aws.s3.BucketLoggingV2("two-loggings-1", { bucket: logs.id, targetBucket: "log-sink", targetPrefix: "a/" });
    new aws.s3.BucketLogging("two-loggings-2", { bucket: logs.id, targetBucket: "log-sink", targetPrefix: "b/" });
    // By literal name: the second resource names the bucket the first one reaches through its id.
    const named = new aws.s3.Bucket("by-name", { bucket: "single-config-by-name" });
    new aws.s3.BucketLifecycleConfiguration("by-name-1", { bucket: named.id, rules: [{ id: "a", status: "Enabled", expiration: { days: 400 } }] });
    new aws.s3.BucketLifecycleConfiguration("by-name-2", { bucket: "single-config-by-name", rules: [{ id: "b", status: "Enabled", expiration: { days: 500 } }] });
    // One of each kind, and a second resource whose bucket is unknown and comes from no bucket: not a duplicate.
    const one = new aws.s3.Bucket("one-each", {});
    new aws.s3.BucketVersioning("one-each-versioning", { bucket: one.id, versioningConfiguration: { status: "Enabled" } });
    new aws.s3.BucketAcl("one-each-acl", { bucket: one.id, acl: "private" });
    new aws.s3.BucketVersioning("elsewhere-versioning", { bucket: key.arn.apply(() => "elsewhere"), versioningConfiguration: { status: "Enabled" } });
    const exempt = new aws.s3.Bucket("exempt", {});
    new aws.s3.BucketVersioning("exempt-1", { bucket: exempt.id, versioningConfiguration: { status: "Enabled" } });
    new aws.s3.BucketVersioning("exempt-2", { bucket: exempt.id, versioningConfiguration: { status: "Enabled" } });
}

describe(policy, () => {
    const results: Record<string, PreviewResult> = {};
    before(async () => {
        const options = { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "exempt", reason: "migration in progress" }] } }] };
        [results.preview, results.update] = await Promise.all([
            previewProgram(program, options), previewProgram(program, { ...options, mode: "update" }),
        ]);
    });

    for (const mode of ["preview", "update"]) {
        it(`flags buckets with two configuration resources of one kind, v6 and v7 tokens, linked by id or name, as mandatory (${mode})`, () => {
            const r = results[mode];
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["by-name", "two-acls", "two-loggings"]);
            assert.deepStrictEqual(undecided(r, policy), []);
            assert.deepStrictEqual(findings(r, policy, "one-each"), []);
        });
    }

    it("names the kind and the resources, with severity and PCI reference", () => {
        const d = findings(results.preview, policy, "two-loggings")[0];
        assert.match(d.message, /'two-loggings' has 2 access logging configuration resources \(BucketLoggingV2 'two-loggings-1', BucketLogging 'two-loggings-2'\); S3 keeps only the one applied last/);
        assert.ok(!d.message.includes("log-sink"), d.message);
        assert.match(findings(results.preview, policy, "by-name")[0].message, /2 lifecycle configuration resources/);
        assert.strictEqual(d.severity, "high");
        assert.strictEqual(d.framework?.reference, "2.2.1");
    });

    it("reports an exempted bucket as not applicable with the reason", () => {
        assert.deepStrictEqual(findings(results.preview, policy, "exempt"), []);
        assert.deepStrictEqual(notApplicableReasons(results.preview, policy, "exempt"), ["exempted by configuration: migration in progress"]);
    });
});
