import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "sns-topic-kms-encryption";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const key = new aws.kms.Key("sns-key", { enableKeyRotation: true });
            new aws.sns.Topic("cmk-from-stack", { kmsMasterKeyId: key.id });
            new aws.sns.Topic("cmk-alias", { kmsMasterKeyId: "alias/pipeline-notifications" });
            new aws.sns.Topic("unencrypted", {});
            new aws.sns.Topic("aws-managed", { kmsMasterKeyId: "alias/aws/sns" });
            new aws.sns.Topic("aws-managed-arn", { kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/sns" });
            new aws.sns.Topic("exempt", {});
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "urn:pulumi:dev::test::aws:sns/topic:Topic::exempt", reason: "public status feed" }] } }] });
    });

    it("flags unencrypted topics and the AWS-managed alias/aws/sns key as mandatory, naming kmsMasterKeyId", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["aws-managed", "aws-managed-arn", "unencrypted"]);
        assert.match(findings(result, policy, "aws-managed")[0].message, /alias\/aws\/sns.*set kmsMasterKeyId/);
        assert.strictEqual(findings(result, policy, "unencrypted")[0].framework?.reference, "3.5.1");
    });

    it("accepts a customer-managed alias and the stack's own key, unknown at preview, without an advisory", () => {
        assert.deepStrictEqual(findings(result, policy, "cmk-alias"), []);
        assert.deepStrictEqual(findings(result, policy, "cmk-from-stack"), []);
        assert.deepStrictEqual(undecided(result, policy), []);
    });

    it("honours an exemption by URN, with its reason", () => {
        assert.deepStrictEqual(findings(result, policy, "exempt"), []);
        assert.match(notApplicableReasons(result, policy, "exempt").join(), /public status feed/);
    });
});
