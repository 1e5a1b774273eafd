import type { TableArgs } from "@pulumi/aws/dynamodb";
import { attributePolicy, attributeRule } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";

/** aws-native's dynamodb.Table (CloudFormation AWS::DynamoDB::Table), the part this policy reads. */
interface NativeTableArgs { pointInTimeRecoverySpecification?: { pointInTimeRecoveryEnabled?: unknown } }
type Args = TableArgs & NativeTableArgs;

const message = (name: string, path: string) =>
    `DynamoDB table '${name}' has no point-in-time recovery: set ${path} to true.`;

export default attributePolicy<{}, Args>({
    name: "dynamodb-table-pitr-enabled",
    description: "DynamoDB tables have point-in-time recovery enabled (aws and aws-native providers).",
    severity: "medium",
    pci: "12.10.1",
    securityHub: ["DynamoDB.2"],
    resourceTypes: [awsTypes.dynamodb.Table, awsNativeTypes.dynamodb.Table],
    remediationSteps: "Set `pointInTimeRecovery: { enabled: true }` on the aws.dynamodb.Table, or " +
        "`pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }` on the aws-native dynamodb.Table.",
    when: c => c.type === awsTypes.dynamodb.Table,
    path: "pointInTimeRecovery.enabled",
    absent: false,
    compliant: [true],
    message: c => message(c.name, "pointInTimeRecovery.enabled"),
    fix: true,
    andThen: [attributeRule<{}, Args>({
        when: c => c.type === awsNativeTypes.dynamodb.Table,
        path: "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled",
        absent: false,
        compliant: [true],
        message: c => message(c.name, "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled"),
        fix: true,
    })],
});
