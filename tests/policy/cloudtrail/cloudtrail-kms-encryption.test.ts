import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "cloudtrail-kms-encryption";

describe(policy, () => {
    it("flags trails of both providers without a KMS key; a key of the stack passes", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.cloudtrail.Trail("aws-none", { s3BucketName: "logs" });
            new aws.cloudtrail.Trail("aws-key", { s3BucketName: "logs", kmsKeyId: key.arn });
            new aws.cloudtrail.Trail("aws-literal", { s3BucketName: "logs", kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
            nativeResource(awsNativeTypes.cloudtrail.Trail, "native-none", { s3BucketName: "logs", isLogging: true });
            nativeResource(awsNativeTypes.cloudtrail.Trail, "native-key", { s3BucketName: "logs", isLogging: true, kmsKeyId: key.arn });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-none", "native-none"]);
        assert.deepStrictEqual(undecided(r, policy), []);
        assert.match(findings(r, policy, "aws-none")[0].message, /kmsKeyId/);
    });
});
