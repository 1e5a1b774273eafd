import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "cloudtrail-multi-region";

describe(policy, () => {
    it("flags single-region trails of both providers; unknown is undecided", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.cloudtrail.Trail("aws-default", { s3BucketName: "logs" });
            new aws.cloudtrail.Trail("aws-multi", { s3BucketName: "logs", isMultiRegionTrail: true });
            new aws.cloudtrail.Trail("aws-unknown", { s3BucketName: "logs", isMultiRegionTrail: key.arn.apply(() => true) });
            nativeResource(awsNativeTypes.cloudtrail.Trail, "native-off", { s3BucketName: "logs", isLogging: true, isMultiRegionTrail: false });
            nativeResource(awsNativeTypes.cloudtrail.Trail, "native-multi", { s3BucketName: "logs", isLogging: true, isMultiRegionTrail: true });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-default", "native-off"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-unknown"]);
        assert.match(findings(r, policy, "aws-default")[0].message, /records only its own region: set isMultiRegionTrail to true/);
        assert.strictEqual(findings(r, policy, "aws-default")[0].severity, "high");
    });
});
