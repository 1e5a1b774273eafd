// Evasion: Resource "*" written as an ARN. `arn:aws:s3:::*` matches every bucket (and, with `?`, every
// object); `arn:*:*:*:*:*` and `arn:*:*:*:*:?*` match every resource of every service. Correct verdict:
// a mandatory finding for resource-level actions on them; a bucket's own objects stay compliant.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { flagged, previewProgram } from "../../../helpers/preview";

const policy = "iam-no-wildcard-resource";
const doc = (Action: string, Resource: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] });

describe(`evasion: ${policy}: all-matching ARNs`, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            new aws.iam.Policy("every-bucket", { policy: doc("s3:GetBucketPolicy", "arn:aws:s3:::*") });
            new aws.iam.Policy("every-object-question", { policy: doc("s3:GetObject", "arn:aws:s3:::?*") });
            new aws.iam.Policy("every-arn", { policy: doc("s3:GetObject", "arn:*:*:*:*:*") });
            new aws.iam.Policy("every-arn-question", { policy: doc("codebuild:StartBuild", "arn:*:*:*:*:?*") });
            new aws.iam.Policy("question-service", { policy: doc("s3:GetObject", "arn:aws:s?:::*") });
            new aws.iam.Policy("one-bucket-objects", { policy: doc("s3:GetObject", "arn:aws:s3:::artifacts/*") });
        }, { mode: "preview" });
    });

    it("flags `arn:aws:s3:::*`, `arn:aws:s3:::?*`, `arn:*:*:*:*:*`, `arn:*:*:*:*:?*` and a `?` service, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["every-arn", "every-arn-question", "every-bucket", "every-object-question", "question-service"]);
    });
});
