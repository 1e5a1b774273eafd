import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "ecr-repository-kms-encryption";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const key = new aws.kms.Key("ecr-key", { enableKeyRotation: true });
            new aws.ecr.Repository("cmk", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }] });
            new aws.ecr.Repository("cmk-literal", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }] });
            new aws.ecr.Repository("default-aes", {});
            new aws.ecr.Repository("explicit-aes", { encryptionConfigurations: [{ encryptionType: "AES256" }] });
            new aws.ecr.Repository("aws-managed", { encryptionConfigurations: [{ encryptionType: "KMS" }] });
            new aws.ecr.Repository("aws-managed-alias", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "alias/aws/ecr" }] });
            new aws.ecr.Repository("exempt", {});
            new aws.ecr.Repository("type-unknown", { encryptionConfigurations: [{ encryptionType: key.arn.apply(() => "KMS") }] });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "exempt", reason: "public images only" }] } }] });
    });

    it("flags AES256 and the AWS-managed key as mandatory, naming the property", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["aws-managed", "aws-managed-alias", "default-aes", "explicit-aes"]);
        assert.match(findings(result, policy, "aws-managed")[0].message, /encryptionConfigurations\[0\]\.kmsKey/);
        assert.match(findings(result, policy, "explicit-aes")[0].message, /encryptionConfigurations\[0\]\.encryptionType to "KMS"/);
    });

    it("accepts a customer-managed key, also one that is unknown at preview (the stack's own key)", () => {
        assert.deepStrictEqual(findings(result, policy, "cmk"), []);
        assert.deepStrictEqual(findings(result, policy, "cmk-literal"), []);
    });

    it("leaves an unknown encryptionType undecided, and honours exemptions", () => {
        assert.deepStrictEqual(undecided(result, policy), ["type-unknown"]);
        assert.match(notApplicableReasons(result, policy, "exempt").join(), /public images only/);
    });

    it("accepts the AWS-managed key when requireCustomerManagedKey is false", async () => {
        const r = await previewProgram(() => {
            new aws.ecr.Repository("aws-managed", { encryptionConfigurations: [{ encryptionType: "KMS" }] });
            new aws.ecr.Repository("default-aes", {});
        }, { policyPackConfigs: [{ [policy]: { requireCustomerManagedKey: false } }] });
        assert.deepStrictEqual(flagged(r, policy), ["default-aes"]);
    });
});
