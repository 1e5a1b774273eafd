// False alarms: Resource "*" that is not a wildcard grant. Tried: ABAC (`StringEquals aws:ResourceTag/team`
// on actions whose authorization data lists aws:ResourceTag), cloudwatch:PutMetricData (its only resource
// type is optional) with and without `cloudwatch:namespace`. Correct verdict: compliant. Still findings:
// a tag condition of wildcards only, an IfExists tag condition, aws:RequestTag, a tag condition on an action
// that does not support the key, ssm:StartSession (several optional resource types: one is always named).
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "iam-no-wildcard-resource";
const doc = (Action: string | string[], Condition?: object) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource: "*", ...(Condition ? { Condition } : {}) }] });
const tag = (op: string, value = "payments") => ({ [op]: { "aws:ResourceTag/team": value } });

describe(`evasion: ${policy}: ABAC and actions that need "*"`, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            new aws.iam.Policy("abac-ec2", { policy: doc(["ec2:StartInstances", "ec2:StopInstances"], tag("StringEquals")) });
            new aws.iam.Policy("abac-codebuild", { policy: doc("codebuild:StartBuild", tag("StringLike", "pay*")) });
            new aws.iam.Policy("put-metric-data", { policy: doc("cloudwatch:PutMetricData") });
            new aws.iam.Policy("put-metric-data-namespace", { policy: doc("cloudwatch:PutMetricData", { StringEquals: { "cloudwatch:namespace": "App" } }) });
            // Still findings
            new aws.iam.Policy("abac-wildcard-value", { policy: doc("ec2:StartInstances", tag("StringLike", "*")) });
            new aws.iam.Policy("abac-if-exists", { policy: doc("ec2:StartInstances", tag("StringEqualsIfExists")) });
            new aws.iam.Policy("request-tag", { policy: doc("ec2:StartInstances", { StringEquals: { "aws:RequestTag/team": "payments" } }) });
            new aws.iam.Policy("abac-unsupported-action", { policy: doc(["ec2:StartInstances", "iam:AddUserToGroup"], tag("StringEquals")) });
            new aws.iam.Policy("start-session", { policy: doc("ssm:StartSession") });
        }, { mode: "preview" });
    });

    it("passes ABAC-scoped actions and PutMetricData; flags the rest as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["abac-if-exists", "abac-unsupported-action", "abac-wildcard-value", "request-tag", "start-session"]);
    });

    it("names only the action the tag condition does not scope", () => {
        const m = findings(result, policy, "abac-unsupported-action")[0].message;
        assert.match(m, /iam:AddUserToGroup/);
        assert.doesNotMatch(m, /StartInstances/);
    });
});
