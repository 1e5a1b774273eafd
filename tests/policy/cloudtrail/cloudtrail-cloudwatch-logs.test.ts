import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "cloudtrail-cloudwatch-logs";

describe(policy, () => {
    it("flags trails of both providers that do not deliver to CloudWatch Logs, each by its own property name", async () => {
        const r = await previewProgram(() => {
            const group = new aws.cloudwatch.LogGroup("trail-logs", { retentionInDays: 365 });
            new aws.cloudtrail.Trail("aws-none", { s3BucketName: "logs" });
            new aws.cloudtrail.Trail("aws-group", { s3BucketName: "logs", cloudWatchLogsGroupArn: group.arn.apply(a => `${a}:*`), cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/trail" });
            new aws.cloudtrail.Trail("aws-literal", { s3BucketName: "logs", cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*" });
            // The aws provider's property name on an aws-native trail does not deliver anything.
            nativeResource(awsNativeTypes.cloudtrail.Trail, "native-wrong-name", { s3BucketName: "logs", isLogging: true, cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*" });
            nativeResource(awsNativeTypes.cloudtrail.Trail, "native-group", { s3BucketName: "logs", isLogging: true, cloudWatchLogsLogGroupArn: group.arn });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-none", "native-wrong-name"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-group", "native-group"]);
        assert.match(findings(r, policy, "native-wrong-name")[0].message, /set cloudWatchLogsLogGroupArn/);
        assert.match(findings(r, policy, "aws-none")[0].message, /set cloudWatchLogsGroupArn/);
    });
});
