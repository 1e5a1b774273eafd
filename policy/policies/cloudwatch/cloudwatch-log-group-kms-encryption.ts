import { resourcePolicy } from "../../lib/policy";

const logGroupType = "aws:cloudwatch/logGroup:LogGroup";

export default resourcePolicy({
    name: "cloudwatch-log-group-kms-encryption",
    description: "CloudWatch log groups are encrypted with a customer-managed KMS key.",
    severity: "medium",
    pci: "3.5.1, 10.3.2",
    resourceTypes: [logGroupType],
    remediationSteps: "Set `kmsKeyId` on the aws.cloudwatch.LogGroup to the ARN of a customer-managed KMS key whose key policy lets the CloudWatch Logs service principal of the region use it.",
    validate: c => {
        const key = c.props.kmsKeyId;
        // An unknown value is set: it is the ARN of a key that the stack creates (known at update time).
        if (key === undefined || key === null || key === "") {
            c.report(`CloudWatch log group '${c.name}' is not encrypted with a KMS key: set kmsKeyId to a customer-managed key ARN.`);
        }
    },
});
