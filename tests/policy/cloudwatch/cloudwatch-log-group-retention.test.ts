import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult, wire } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "cloudwatch-log-group-retention";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            new aws.cloudwatch.LogGroup("year", { retentionInDays: 365 });
            new aws.cloudwatch.LogGroup("longer", { retentionInDays: 3653 });
            new aws.cloudwatch.LogGroup("never-expires-unset", {});
            new aws.cloudwatch.LogGroup("never-expires-zero", { retentionInDays: 0 });
            new aws.cloudwatch.LogGroup("week", { retentionInDays: 7 });
            new aws.cloudwatch.LogGroup("half-year", { retentionInDays: 180 });
            new aws.cloudwatch.LogGroup("short-but-exempt", { retentionInDays: 1 });
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.cloudwatch.LogGroup("retention-unknown", { retentionInDays: key.arn.apply(a => a.length) });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "short-but-exempt", reason: "scratch logs, ticket SEC-12" }] } }] });
    });

    it("flags retention below 365 days as mandatory, naming retentionInDays", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["half-year", "week"]);
        const d = findings(result, policy, "week")[0];
        assert.match(d.message, /'week'.*7 days.*set retentionInDays to 365 or more/);
        assert.strictEqual(d.framework?.reference, "10.5.1");
    });

    it("treats unset and 0 (never expire) as compliant", () => {
        for (const n of ["never-expires-unset", "never-expires-zero", "year", "longer"]) {
            assert.deepStrictEqual(findings(result, policy, n), [], n);
        }
    });

    it("leaves a retention unknown at preview undecided (advisory), not mandatory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["retention-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "retention-unknown").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("reports an exempted log group as not applicable with the reason", () => {
        assert.deepStrictEqual(findings(result, policy, "short-but-exempt"), []);
        assert.match(notApplicableReasons(result, policy, "short-but-exempt").join(), /SEC-12/);
    });

    it("honours minimumRetentionDays", async () => {
        const r = await previewProgram(() => {
            new aws.cloudwatch.LogGroup("week", { retentionInDays: 7 });
            new aws.cloudwatch.LogGroup("month", { retentionInDays: 30 });
        }, { policyPackConfigs: [{ [policy]: { minimumRetentionDays: 30 } }] });
        assert.deepStrictEqual(flagged(r, policy), ["week"]);
        assert.match(findings(r, policy, "week")[0].message, /set retentionInDays to 30 or more/);
    });

    it("remediates to the smallest retention CloudWatch accepts at or above the minimum, keeping secrets secret", async () => {
        const r = await previewProgram(() => {
            new aws.cloudwatch.LogGroup("week", { retentionInDays: 7, kmsKeyId: pulumi.secret("arn:aws:kms:eu-west-1:111122223333:key/s3kr1t") });
            new aws.cloudwatch.LogGroup("unset", {});
        }, { policyPackConfigs: [{ [policy]: { enforcementLevel: "remediate", minimumRetentionDays: 366 } }] });
        assert.deepStrictEqual(r.remediations.map(x => [x.policyName, x.resourceName]), [[policy, "week"]]);
        assert.deepStrictEqual(flagged(r, policy), []);
        const lg = r.resources.find(x => x.name === "week")!;
        assert.strictEqual(lg.inputs.retentionInDays, 400);
        assert.ok(wire.isSecret(lg.inputs.kmsKeyId), "the secret kmsKeyId is still a secret");
        assert.strictEqual(r.resources.find(x => x.name === "unset")!.inputs.retentionInDays, undefined);
    });
});
