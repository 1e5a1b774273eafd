// Evasion: `logGroupClass: "DELIVERY"` with a compliant-looking retentionInDays (or none): CloudWatch forces a
// DELIVERY log group's retention to 2 days. Correct verdict: a mandatory finding in both modes; STANDARD and
// INFREQUENT_ACCESS groups are judged by retentionInDays alone; an unknown class is undecided at preview.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram, undecided } from "../../../helpers/preview";

const policy = "cloudwatch-log-group-retention";

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: the DELIVERY class (${mode})`, () => {
        it("fails a DELIVERY log group whatever its retention", async () => {
            const r = await previewProgram(() => {
                new aws.cloudwatch.LogGroup("delivery", { logGroupClass: "DELIVERY", retentionInDays: 365 });
                new aws.cloudwatch.LogGroup("delivery-unset", { logGroupClass: "DELIVERY" });
                new aws.cloudwatch.LogGroup("standard", { logGroupClass: "STANDARD", retentionInDays: 365 });
                new aws.cloudwatch.LogGroup("infrequent", { logGroupClass: "INFREQUENT_ACCESS", retentionInDays: 400 });
            }, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["delivery", "delivery-unset"]);
            assert.match(findings(r, policy, "delivery")[0].message, /DELIVERY class, which keeps logs only 2 days/);
        });
    });
}

describe(`evasion: ${policy}: a class not known at preview`, () => {
    it("is undecided", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.cloudwatch.LogGroup("unknown-class", { logGroupClass: key.arn.apply(() => "DELIVERY"), retentionInDays: 365 });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), []);
        assert.deepStrictEqual(undecided(r, policy), ["unknown-class"]);
    });
});
