import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "cloudtrail-log-file-validation";

describe(policy, () => {
    it("flags trails of both providers without log file validation; unknown is undecided; remediates", async () => {
        const program = () => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.cloudtrail.Trail("aws-default", { s3BucketName: "logs" });
            new aws.cloudtrail.Trail("aws-on", { s3BucketName: "logs", enableLogFileValidation: true });
            new aws.cloudtrail.Trail("aws-unknown", { s3BucketName: "logs", enableLogFileValidation: key.arn.apply(() => true) });
            nativeResource(awsNativeTypes.cloudtrail.Trail, "native-default", { s3BucketName: "logs", isLogging: true });
            nativeResource(awsNativeTypes.cloudtrail.Trail, "native-on", { s3BucketName: "logs", isLogging: true, enableLogFileValidation: true });
        };
        const r = await previewProgram(program);
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-default", "native-default"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-unknown"]);
        assert.match(findings(r, policy, "native-default")[0].message, /set enableLogFileValidation to true/);
        const fixed = await previewProgram(program, { policyPackConfigs: [{ [policy]: "remediate" }] });
        assert.deepStrictEqual(flagged(fixed, policy), []);
        assert.strictEqual(fixed.resources.find(x => x.name === "native-default")!.inputs.enableLogFileValidation, true);
    });
});
