import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult, wire } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "kms-key-rotation-enabled";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            new aws.kms.Key("rotating", { enableKeyRotation: true });
            new aws.kms.Key("no-rotation", {});
            new aws.kms.Key("rotation-off", { enableKeyRotation: false });
            new aws.kms.Key("slow-rotation", { enableKeyRotation: true, rotationPeriodInDays: 730 });
            new aws.kms.Key("asymmetric", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
            new aws.kms.Key("hmac", { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" });
            new aws.kms.ExternalKey("imported", {});
            const other = new aws.kms.Key("source", { enableKeyRotation: true });
            // Rotation depends on a value only known after another key exists.
            new aws.kms.Key("rotation-unknown", { enableKeyRotation: other.arn.apply(a => a.length > 0) });
        });
    });

    it("flags keys without rotation as mandatory, naming the property", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["no-rotation", "rotation-off", "slow-rotation"]);
        assert.match(findings(result, policy, "no-rotation")[0].message, /enableKeyRotation/);
        assert.match(findings(result, policy, "slow-rotation")[0].message, /rotationPeriodInDays to 365/);
    });

    it("does not demand rotation of keys that cannot rotate, and says why", () => {
        assert.match(notApplicableReasons(result, policy, "asymmetric").join(), /asymmetric/);
        assert.match(notApplicableReasons(result, policy, "hmac").join(), /HMAC/);
        assert.match(notApplicableReasons(result, policy, "imported").join(), /imported key material/);
    });

    it("leaves a rotation flag that is unknown at preview undecided, not mandatory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["rotation-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "rotation-unknown").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("carries its PCI DSS reference and severity", () => {
        const d = findings(result, policy, "no-rotation")[0];
        assert.strictEqual(d.severity, "high");
        assert.strictEqual(d.framework?.reference, "3.7.4");
        assert.strictEqual(d.framework?.version, "4.0.1");
    });

    it("honours maxRotationPeriodDays from the pack config", async () => {
        const r = await previewProgram(() => {
            new aws.kms.Key("slow-rotation", { enableKeyRotation: true, rotationPeriodInDays: 730 });
        }, { policyPackConfigs: [{ [policy]: { maxRotationPeriodDays: 1000 } }] });
        assert.deepStrictEqual(flagged(r, policy), []);
    });

    it("turns rotation on when the level is remediate", async () => {
        const r = await previewProgram(() => {
            new aws.kms.Key("no-rotation", { description: pulumi.secret("s3kr1t-description") as any });
        }, { policyPackConfigs: [{ [policy]: "remediate" }] });
        assert.deepStrictEqual(r.remediations.map(x => [x.policyName, x.resourceName]), [[policy, "no-rotation"]]);
        assert.deepStrictEqual(flagged(r, policy), []);
        const key = r.resources.find(x => x.name === "no-rotation")!;
        assert.strictEqual(key.inputs.enableKeyRotation, true);
        // The remediated inputs keep the secret a secret.
        assert.ok(wire.isSecret(key.inputs.description), "the secret description is still a secret");
    });
    // Behaviour change: the remediation set enableKeyRotation even over a value not known yet; a fix now applies only to known values.
    it("does not remediate a key whose rotation flag is unknown at preview (it stays undecided)", async () => {
        const r = await previewProgram(() => {
            const other = new aws.kms.Key("source", { enableKeyRotation: true });
            new aws.kms.Key("rotation-unknown", { enableKeyRotation: other.arn.apply(a => a.length > 0) });
        }, { policyPackConfigs: [{ [policy]: "remediate" }] });
        assert.deepStrictEqual(r.remediations.map(x => x.resourceName), []);
        assert.deepStrictEqual(undecided(r, policy), ["rotation-unknown"]);
    });
});
