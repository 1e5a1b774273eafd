import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { encryptedStore, pipeline } from "../fixtures/pipelines";

const policy = "codepipeline-artifact-store-kms";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const key = new aws.kms.Key("artifacts-key", { enableKeyRotation: true });
            pipeline("customer-key", { artifactStores: [encryptedStore()] });
            pipeline("no-key", { artifactStores: [{ location: "acme-artifacts", type: "S3" }] });
            pipeline("aws-managed-alias", { artifactStores: [encryptedStore({ encryptionKey: { id: "alias/aws/s3", type: "KMS" } })] });
            pipeline("aws-managed-alias-arn", { artifactStores: [encryptedStore({ encryptionKey: { id: "arn:aws:kms:eu-west-1:123456789012:alias/aws/s3", type: "KMS" } })] });
            // A key created in the stack is unknown at preview, and always customer-managed.
            pipeline("key-from-stack", { artifactStores: [encryptedStore({ encryptionKey: { id: key.arn, type: "KMS" } })] });
            pipeline("second-store-unencrypted", {
                artifactStores: [encryptedStore({ region: "eu-west-1" }), { location: "acme-us", type: "S3", region: "us-east-1" }],
            });
            // The whole store list depends on an output: the SDK's preview advisory.
            pipeline("stores-unknown", { artifactStores: key.arn.apply(id => [encryptedStore({ encryptionKey: { id, type: "KMS" } })]) });
        });
    });

    it("flags stores without a customer-managed key as mandatory, naming the store", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"),
            ["aws-managed-alias", "aws-managed-alias-arn", "no-key", "second-store-unencrypted"]);
        assert.match(findings(result, policy, "no-key")[0].message, /set artifactStores\[0\]\.encryptionKey/);
        assert.match(findings(result, policy, "aws-managed-alias")[0].message, /artifactStores\[0\]\.encryptionKey\.id/);
        assert.match(findings(result, policy, "second-store-unencrypted")[0].message, /artifactStores\[1\]/);
    });

    it("accepts a key created in the stack (unknown at preview) and defers a store list that is unknown", () => {
        assert.deepStrictEqual(findings(result, policy, "key-from-stack"), []);
        assert.deepStrictEqual(undecided(result, policy), ["stores-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "stores-unknown").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("carries its PCI reference", () => {
        const d = findings(result, policy, "no-key")[0];
        assert.strictEqual(d.framework?.reference, "3.5.1");
        assert.strictEqual(d.severity, "high");
    });

    it("reports an exempted pipeline as not applicable with the reason", async () => {
        const r = await previewProgram(() => {
            pipeline("no-key", { artifactStores: [{ location: "acme-artifacts", type: "S3" }] });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "no-key", reason: "sandbox account" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), []);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "no-key"), ["exempted by configuration: sandbox account"]);
    });
    // Behaviour change (one undecided rule for the pack, lib/policy.ts): a resource with a decidable finding gets the finding only, no "can't run" advisory.
    it("reports a store without a key beside a store that is unknown, without an advisory", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("artifacts-key", { enableKeyRotation: true });
            pipeline("no-key-and-unknown-store", {
                artifactStores: [{ location: "acme-artifacts", type: "S3", region: "eu-west-1" }, key.arn.apply(id => encryptedStore({ region: "us-east-1", encryptionKey: { id, type: "KMS" } }))],
            });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["no-key-and-unknown-store"]);
        assert.deepStrictEqual(undecided(r, policy), []);
    });
});
