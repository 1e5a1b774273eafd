import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "ec2-imdsv2-required";

describe(policy, () => {
    it("flags instances and launch templates (aws and aws-native) that do not require IMDSv2", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.ec2.Instance("aws-default", { ami: "ami-123", instanceType: "t3.micro" });
            new aws.ec2.Instance("aws-optional", { ami: "ami-123", instanceType: "t3.micro", metadataOptions: { httpTokens: "optional" } });
            new aws.ec2.Instance("aws-required", { ami: "ami-123", instanceType: "t3.micro", metadataOptions: { httpTokens: "required" } });
            new aws.ec2.Instance("aws-disabled", { ami: "ami-123", instanceType: "t3.micro", metadataOptions: { httpEndpoint: "disabled" } });
            new aws.ec2.Instance("aws-unknown", { ami: "ami-123", instanceType: "t3.micro", metadataOptions: { httpTokens: key.arn.apply(() => "required") } });
            new aws.ec2.Instance("aws-endpoint-unknown", { ami: "ami-123", instanceType: "t3.micro", metadataOptions: { httpEndpoint: key.arn.apply(() => "disabled") } });
            new aws.ec2.LaunchTemplate("lt-default", {});
            new aws.ec2.LaunchTemplate("lt-required", { metadataOptions: { httpTokens: "required" } });
            nativeResource(awsNativeTypes.ec2.LaunchTemplate, "native-default", { launchTemplateData: {} });
            nativeResource(awsNativeTypes.ec2.LaunchTemplate, "native-optional", { launchTemplateData: { metadataOptions: { httpTokens: "optional" } } });
            nativeResource(awsNativeTypes.ec2.LaunchTemplate, "native-required", { launchTemplateData: { metadataOptions: { httpTokens: "required" } } });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-default", "aws-optional", "lt-default", "native-default", "native-optional"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-endpoint-unknown", "aws-unknown"]);
        assert.match(findings(r, policy, "aws-optional")[0].message, /EC2 instance 'aws-optional' allows IMDSv1: set metadataOptions.httpTokens to "required"/);
        assert.match(findings(r, policy, "native-default")[0].message, /launch template 'native-default' .*launchTemplateData.metadataOptions.httpTokens/);
        assert.strictEqual(notApplicableReasons(r, policy, "aws-disabled").length, 1);
    });

    it("remediates to required on both shapes", async () => {
        const r = await previewProgram(() => {
            new aws.ec2.LaunchTemplate("lt-default", {});
            nativeResource(awsNativeTypes.ec2.LaunchTemplate, "native-optional", { launchTemplateData: { metadataOptions: { httpTokens: "optional" } } });
        }, { policyPackConfigs: [{ [policy]: "remediate" }] });
        assert.deepStrictEqual(flagged(r, policy), []);
        assert.strictEqual(r.resources.find(x => x.name === "lt-default")!.inputs.metadataOptions.httpTokens, "required");
        assert.strictEqual(r.resources.find(x => x.name === "native-optional")!.inputs.launchTemplateData.metadataOptions.httpTokens, "required");
    });
});
