import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram } from "../../helpers/preview";
import { undecidable } from "../fixtures/s3";

const policy = "s3-bucket-versioning-enabled";

function program() {
    const v7 = new aws.s3.Bucket("separate-enabled", {});
    new aws.s3.BucketVersioning("separate-enabled-versioning", { bucket: v7.id, versioningConfiguration: { status: "Enabled" } });
    const v6 = new aws.s3.BucketV2("v6-separate-enabled", {});
    new aws.s3.BucketVersioningV2("v6-separate-enabled-versioning", { bucket: v6.id, versioningConfiguration: { status: "Enabled" } });
    const mixed = new aws.s3.BucketV2("v6-bucket-v7-versioning", {});
    new aws.s3.BucketVersioning("v6-bucket-v7-versioning-versioning", { bucket: mixed.bucket, versioningConfiguration: { status: "Enabled" } });
    new aws.s3.Bucket("inline-enabled", { versioning: { enabled: true } });
    new aws.s3.BucketV2("v6-inline-enabled", { versionings: [{ enabled: true }] });
    new aws.s3.BucketV2("by-name", { bucket: "versioned-by-literal-name" });
    new aws.s3.BucketVersioning("by-name-versioning", { bucket: "versioned-by-literal-name", versioningConfiguration: { status: "Enabled" } });
    // Configuration of a bucket outside the stack: must not make any bucket here compliant.
    new aws.s3.BucketVersioning("outside-versioning", { bucket: "some-other-stacks-bucket", versioningConfiguration: { status: "Enabled" } });

    new aws.s3.Bucket("no-versioning", {});
    new aws.s3.BucketV2("v6-no-versioning", {});
    const suspended = new aws.s3.Bucket("suspended", {});
    new aws.s3.BucketVersioning("suspended-versioning", { bucket: suspended.id, versioningConfiguration: { status: "Suspended" } });
    new aws.s3.Bucket("inline-disabled", { versioning: { enabled: false } });
    // Separate resource wins over inline: inline says enabled, the applied resource says Suspended.
    const conflict = new aws.s3.Bucket("inline-enabled-resource-suspended", { versioning: { enabled: true } });
    new aws.s3.BucketVersioning("conflict-versioning", { bucket: conflict.id, versioningConfiguration: { status: "Suspended" } });

    // The status only becomes known once another resource exists.
    const key = new aws.kms.Key("status-source", { enableKeyRotation: true });
    const unknown = new aws.s3.Bucket("status-unknown", {});
    new aws.s3.BucketVersioning("status-unknown-versioning", { bucket: unknown.id, versioningConfiguration: { status: key.arn.apply(() => "Enabled") } });
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(program);
    });

    it("flags buckets without enabled versioning, v7 and v6 tokens, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"),
            ["inline-disabled", "inline-enabled-resource-suspended", "no-versioning", "suspended", "v6-no-versioning"]);
        assert.deepStrictEqual(flagged(result, policy, "advisory"), []);
    });

    it("links BucketVersioning(V2) through propertyDependencies at preview, and by literal name", () => {
        for (const name of ["separate-enabled", "v6-separate-enabled", "v6-bucket-v7-versioning", "by-name", "inline-enabled", "v6-inline-enabled"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("names the resource and the property to change", () => {
        assert.match(findings(result, policy, "suspended")[0].message, /'suspended'.*versioningConfiguration\.status to "Enabled" on BucketVersioning 'suspended-versioning'/);
        assert.match(findings(result, policy, "no-versioning")[0].message, /aws\.s3\.BucketVersioning/);
        assert.match(findings(result, policy, "inline-disabled")[0].message, /inline versioning\.enabled is not true/);
        const d = findings(result, policy, "no-versioning")[0];
        assert.strictEqual(d.framework?.reference, "10.3.4, 10.5.1");
        assert.strictEqual(d.severity, "medium");
    });

    it("leaves only the bucket whose status is unknown undecided, with the SDK's preview advisory", () => {
        const u = undecidable(result, policy);
        assert.strictEqual(u.length, 1);
        assert.strictEqual(u[0].enforcementLevel, "advisory");
        assert.match(u[0].message, /^can't run policy 's3-bucket-versioning-enabled'.*during preview/);
        assert.match(u[0].message, /bucket 'status-unknown' \(BucketVersioning 'status-unknown-versioning'\.versioningConfiguration\.status\)/);
        assert.deepStrictEqual(findings(result, policy, "status-unknown"), []);
    });

    it("decides the unknown status in update mode", async () => {
        const r = await previewProgram(program, { mode: "update" });
        assert.deepStrictEqual(undecidable(r, policy), []);
        assert.deepStrictEqual(flagged(r, policy), flagged(result, policy));
    });

    it("reports an exempted bucket as not applicable with the reason", async () => {
        const r = await previewProgram(() => {
            new aws.s3.Bucket("scratch", {});
            new aws.s3.BucketV2("other", {});
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "scratch", reason: "throw-away test data" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), ["other"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "scratch"), ["exempted by configuration: throw-away test data"]);
    });
});
