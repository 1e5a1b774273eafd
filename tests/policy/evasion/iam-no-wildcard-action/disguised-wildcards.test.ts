// Evasion: `service:*` written so that it does not look like `service:*`. IAM's `?` matches one character,
// so `s3:?*` and `iam:*?` match every action of the service; `*:*` every action of every service; a pattern
// that starts with a wildcard and spans access levels (`s3:*Object*`: Read, Write, Tagging, Permissions
// management) is a service wildcard too. Correct verdict: each is a mandatory finding. Verb-led patterns
// (`s3:Get*`, `ec2:Describe*`) stay compliant here (iam-no-wildcard-resource judges their resources).
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "iam-no-wildcard-action";
const doc = (Action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource: "arn:aws:s3:::artifacts/*" }] });

describe(`evasion: ${policy}: wildcards in disguise`, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            new aws.iam.Policy("question-star", { policy: doc("s3:?*") });
            new aws.iam.Policy("star-question", { policy: doc("iam:*?") });
            new aws.iam.Policy("star-colon-star", { policy: doc("*:*") });
            new aws.iam.Policy("question-only-star", { policy: doc("?*") });
            new aws.iam.Policy("object-family", { policy: doc("s3:*Object*") });
            new aws.iam.Policy("verb-get", { policy: doc("s3:Get*") });
            new aws.iam.Policy("verb-describe", { policy: doc("ec2:Describe*") });
            new aws.iam.Policy("list-family", { policy: doc("s3:*List*") });
        }, { mode: "preview" });
    });

    it("flags `s3:?*`, `iam:*?`, `*:*`, `?*` and `s3:*Object*` as mandatory; verb-led patterns pass", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["object-family", "question-only-star", "question-star", "star-colon-star", "star-question"]);
    });

    it("says why the disguised pattern is a wildcard", () => {
        assert.match(findings(result, policy, "question-star")[0].message, /wildcard pattern matching every action in s3/);
        assert.match(findings(result, policy, "object-family")[0].message, /\d+ actions of \d access levels \(.*Write.*\) in s3/);
    });
});
