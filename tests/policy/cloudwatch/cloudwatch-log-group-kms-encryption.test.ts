import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "cloudwatch-log-group-kms-encryption";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const key = new aws.kms.Key("logs-key", { enableKeyRotation: true });
            new aws.cloudwatch.LogGroup("encrypted-literal", { kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
            // Unknown at preview (the key does not exist yet): it is set, and it is the stack's own key.
            new aws.cloudwatch.LogGroup("encrypted-by-stack-key", { kmsKeyId: key.arn });
            new aws.cloudwatch.LogGroup("plain", { retentionInDays: 365 });
            new aws.cloudwatch.LogGroup("plain-exempt", {});
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "plain-*", reason: "public build logs" }] } }] });
    });

    it("flags a log group without kmsKeyId as mandatory, naming the property", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["plain"]);
        assert.match(findings(result, policy, "plain")[0].message, /'plain'.*set kmsKeyId/);
    });

    it("accepts a literal key ARN and a key created by the stack (unknown at preview) without an advisory", () => {
        assert.deepStrictEqual(findings(result, policy, "encrypted-literal"), []);
        assert.deepStrictEqual(findings(result, policy, "encrypted-by-stack-key"), []);
        assert.deepStrictEqual(undecided(result, policy), []);
    });

    it("reports an exemption pattern as not applicable with the reason", () => {
        assert.deepStrictEqual(findings(result, policy, "plain-exempt"), []);
        assert.match(notApplicableReasons(result, policy, "plain-exempt").join(), /public build logs/);
    });

    it("passes in update mode with the key's synthesised ARN", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("logs-key", { enableKeyRotation: true });
            new aws.cloudwatch.LogGroup("encrypted-by-stack-key", { kmsKeyId: key.arn });
            new aws.cloudwatch.LogGroup("plain", {});
        }, { mode: "update" });
        assert.deepStrictEqual(flagged(r, policy), ["plain"]);
    });
});
