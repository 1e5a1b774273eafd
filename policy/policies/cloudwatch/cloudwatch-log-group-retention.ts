import type { LogGroupArgs } from "@pulumi/aws/cloudwatch";
import { attributePolicy, attributeRule } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";

/** The values CloudWatch Logs accepts for retentionInDays (0 = never expire). */
export const allowedRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** The smallest retention CloudWatch accepts that keeps logs at least `minimum` days; 0 (never expire) above the largest. */
export function retentionFor(minimum: number): number {
    return allowedRetentionDays.find(d => d >= minimum) ?? 0;
}

export default attributePolicy<{ minimumRetentionDays: number }, LogGroupArgs>({
    name: "cloudwatch-log-group-retention",
    description: "CloudWatch log groups keep their logs at least the configured number of days (a year by default); 0 or unset means never expire and complies. " +
        "A DELIVERY class log group keeps logs 2 days whatever its retentionInDays, so it fails.",
    severity: "medium",
    pci: "10.5.1",
    securityHub: ["CloudWatch.16"],
    resourceTypes: [awsTypes.cloudwatch.LogGroup],
    remediationSteps: "Set `retentionInDays` on the aws.cloudwatch.LogGroup to at least the configured minimum (365 by default), or leave it unset (0) to keep logs forever; do not use logGroupClass DELIVERY (2 days) for logs that must be kept.",
    config: {
        properties: {
            minimumRetentionDays: { type: "integer", minimum: 1, maximum: 3653, default: 365, description: "Fewest days a log group must keep its logs." },
        },
    },
    path: "retentionInDays",
    absent: 0,
    compliant: (days, c) => days === 0 || (typeof days === "number" && days >= c.config.minimumRetentionDays),
    echo: days => (typeof days === "number" ? `${days} days` : undefined),
    message: (c, v) => `CloudWatch log group '${c.name}' keeps logs for ${v.shown ?? "an invalid period"}: ` +
        `set retentionInDays to ${retentionFor(c.config.minimumRetentionDays)} or more (or 0 to never expire).`,
    fix: c => ({ retentionInDays: retentionFor(c.config.minimumRetentionDays) }),
    andThen: [attributeRule<{ minimumRetentionDays: number }, LogGroupArgs>({
        path: "logGroupClass",
        absent: "STANDARD",
        // CloudWatch forces a DELIVERY log group's retention to 2 days.
        compliant: (cls, c) => cls !== "DELIVERY" || c.config.minimumRetentionDays <= 2,
        message: c => `CloudWatch log group '${c.name}' is of the DELIVERY class, which keeps logs only 2 days whatever retentionInDays says: ` +
            `use logGroupClass "STANDARD" (or "INFREQUENT_ACCESS") with retentionInDays ${retentionFor(c.config.minimumRetentionDays)} or more.`,
    })],
});
