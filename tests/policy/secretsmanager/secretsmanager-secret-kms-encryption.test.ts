import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "secretsmanager-secret-kms-encryption";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const key = new aws.kms.Key("secrets-key", { enableKeyRotation: true });
            new aws.secretsmanager.Secret("cmk", { kmsKeyId: key.arn });
            new aws.secretsmanager.Secret("default-key", {});
            new aws.secretsmanager.Secret("aws-managed", { kmsKeyId: "alias/aws/secretsmanager" });
            new aws.secretsmanager.Secret("replica-default-key", {
                kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                replicas: [{ region: "eu-central-1", kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/abcd" }, { region: "us-east-1" }],
            });
            new aws.secretsmanager.Secret("exempt", {});
            new aws.secretsmanager.Secret("replicas-unknown", { kmsKeyId: key.arn, replicas: key.arn.apply(() => [{ region: "us-east-1" }]) });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "exempt", reason: "holds no cardholder data" }] } }] });
    });

    it("flags the default key, an AWS-managed alias and a replica without a key as mandatory, naming the property", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["aws-managed", "default-key", "replica-default-key"]);
        assert.match(findings(result, policy, "default-key")[0].message, /set kmsKeyId/);
        assert.deepStrictEqual(findings(result, policy, "replica-default-key").map(d => d.message.match(/replicas\[\d\]\.kmsKeyId/)?.[0]), ["replicas[1].kmsKeyId"]);
    });

    it("accepts the stack's own key (unknown at preview) and leaves unknown replicas undecided", () => {
        assert.deepStrictEqual(findings(result, policy, "cmk"), []);
        assert.deepStrictEqual(undecided(result, policy), ["replicas-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "replicas-unknown").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("honours exemptions with the reason", () => {
        assert.match(notApplicableReasons(result, policy, "exempt").join(), /no cardholder data/);
        assert.deepStrictEqual(findings(result, policy, "exempt"), []);
    });
    // Behaviour change (one undecided rule for the pack, lib/policy.ts): a resource with a decidable finding gets the finding only, no "can't run" advisory.
    it("reports the default key of a secret whose replicas are unknown, without an advisory", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("secrets-key", { enableKeyRotation: true });
            new aws.secretsmanager.Secret("default-key-replicas-unknown", { replicas: key.arn.apply(() => [{ region: "us-east-1" }]) });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["default-key-replicas-unknown"]);
        assert.deepStrictEqual(undecided(r, policy), []);
    });
});
