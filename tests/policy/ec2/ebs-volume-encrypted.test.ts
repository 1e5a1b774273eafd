import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "ebs-volume-encrypted";

describe(policy, () => {
    it("flags volumes of both providers not declared encrypted; unknown is undecided", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.ebs.Volume("aws-default", { availabilityZone: "eu-west-1a", size: 8 });
            new aws.ebs.Volume("aws-on", { availabilityZone: "eu-west-1a", size: 8, encrypted: true });
            new aws.ebs.Volume("aws-unknown", { availabilityZone: "eu-west-1a", size: 8, encrypted: key.arn.apply(() => true) });
            nativeResource(awsNativeTypes.ec2.Volume, "native-off", { availabilityZone: "eu-west-1a", encrypted: false });
            nativeResource(awsNativeTypes.ec2.Volume, "native-on", { availabilityZone: "eu-west-1a", encrypted: true });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-default", "native-off"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-unknown"]);
        assert.match(findings(r, policy, "aws-default")[0].message, /EBS volume 'aws-default' .*set encrypted to true/);
        assert.strictEqual(findings(r, policy, "aws-default")[0].severity, "high");
    });
});
