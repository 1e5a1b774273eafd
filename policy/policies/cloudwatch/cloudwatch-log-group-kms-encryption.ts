import type { LogGroupArgs } from "@pulumi/aws/cloudwatch";
import { kmsKeyPolicy } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";

// A key unknown at preview is set: the ARN of a key the stack creates (known at update time). CloudWatch
// Logs accepts only key ARNs of customer-managed keys, so any key that is set passes here.
export default kmsKeyPolicy<{}, LogGroupArgs>({
    name: "cloudwatch-log-group-kms-encryption",
    description: "CloudWatch log groups are encrypted with a customer-managed KMS key.",
    severity: "medium",
    pci: "3.5.1, 10.3.2",
    resourceTypes: [awsTypes.cloudwatch.LogGroup],
    remediationSteps: "Set `kmsKeyId` on the aws.cloudwatch.LogGroup to the ARN of a customer-managed KMS key whose key policy lets the CloudWatch Logs service principal of the region use it.",
    what: "CloudWatch log group",
    key: "kmsKeyId",
    customerManaged: false,
});
