import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { project } from "../fixtures/codebuild-project";

const policy = "codebuild-project-logging";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const bucket = new aws.s3.Bucket("logs", {});
            project("default-logging");
            project("cloudwatch-on", { logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: "/codebuild/app" } } });
            project("s3-only", { logsConfig: { cloudwatchLogs: { status: "DISABLED" }, s3Logs: { status: "ENABLED", location: "acme-logs/build" } } });
            project("both-disabled", { logsConfig: { cloudwatchLogs: { status: "DISABLED" }, s3Logs: { status: "DISABLED" } } });
            project("cloudwatch-disabled-s3-absent", { logsConfig: { cloudwatchLogs: { status: "DISABLED" } } });
            project("s3-unencrypted", { logsConfig: { s3Logs: { status: "ENABLED", location: "acme-logs/build", encryptionDisabled: true } } });
            // Unknown at preview: the CloudWatch status, with S3 logs off; and S3 encryption with S3 logs on.
            project("cloudwatch-status-unknown", { logsConfig: { cloudwatchLogs: { status: bucket.arn.apply(() => "DISABLED") } } });
            project("s3-encryption-unknown", { logsConfig: { s3Logs: { status: "ENABLED", location: "acme-logs/build", encryptionDisabled: bucket.arn.apply(() => false) } } });
            // CloudWatch on decides, whatever S3's unknown status is.
            project("cloudwatch-on-s3-unknown", { logsConfig: { s3Logs: { status: bucket.arn.apply(() => "DISABLED") } } });
        });
    });

    it("flags projects that keep no logs or write S3 logs unencrypted, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["both-disabled", "cloudwatch-disabled-s3-absent", "s3-unencrypted"]);
        assert.match(findings(result, policy, "both-disabled")[0].message, /set logsConfig\.cloudwatchLogs\.status to "ENABLED"/);
        assert.match(findings(result, policy, "s3-unencrypted")[0].message, /set logsConfig\.s3Logs\.encryptionDisabled to false/);
    });

    it("accepts the CloudWatch default, CloudWatch on, and encrypted S3 logs", () => {
        for (const name of ["default-logging", "cloudwatch-on", "s3-only", "cloudwatch-on-s3-unknown"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("leaves unknown statuses that decide the outcome to the SDK's preview advisory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["cloudwatch-status-unknown", "s3-encryption-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "cloudwatch-status-unknown").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("reports an exempted project as not applicable with the reason", async () => {
        const r = await previewProgram(() => {
            project("both-disabled", { logsConfig: { cloudwatchLogs: { status: "DISABLED" }, s3Logs: { status: "DISABLED" } } });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "both-*", reason: "throwaway sandbox" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), []);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "both-disabled"), ["exempted by configuration: throwaway sandbox"]);
    });
});
