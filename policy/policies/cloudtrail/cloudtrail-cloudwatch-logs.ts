import type { TrailArgs } from "@pulumi/aws/cloudtrail";
import { attributePolicy, attributeRule } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";

/** aws-native's cloudtrail.Trail spells the log group property as CloudFormation does. */
interface NativeTrailArgs { cloudWatchLogsLogGroupArn?: unknown }
type Args = TrailArgs & NativeTrailArgs;

const sent = (arn: unknown) => typeof arn === "string" && arn !== "";
const message = (name: string, path: string) =>
    `CloudTrail trail '${name}' does not send its events to CloudWatch Logs: set ${path} (and the role CloudTrail uses to write there).`;

export default attributePolicy<{}, Args>({
    name: "cloudtrail-cloudwatch-logs",
    description: "CloudTrail trails deliver their events to a CloudWatch Logs log group, where they can be monitored and alarmed on.",
    severity: "medium",
    pci: "10.3.3, 10.4.1",
    securityHub: ["CloudTrail.5"],
    resourceTypes: [awsTypes.cloudtrail.Trail, awsNativeTypes.cloudtrail.Trail],
    remediationSteps: "Set `cloudWatchLogsGroupArn` (a log group ARN ending in `:*`) and `cloudWatchLogsRoleArn` on the aws.cloudtrail.Trail, " +
        "or `cloudWatchLogsLogGroupArn` and `cloudWatchLogsRoleArn` on the aws-native cloudtrail.Trail.",
    when: c => c.type === awsTypes.cloudtrail.Trail,
    path: "cloudWatchLogsGroupArn",
    compliant: sent,
    message: c => message(c.name, "cloudWatchLogsGroupArn"),
    andThen: [attributeRule<{}, Args>({
        when: c => c.type === awsNativeTypes.cloudtrail.Trail,
        path: "cloudWatchLogsLogGroupArn",
        compliant: sent,
        message: c => message(c.name, "cloudWatchLogsLogGroupArn"),
    })],
});
