import { resourcePolicy } from "../../lib/policy";
import { classifyKmsKeyReference } from "../../lib/kms-key-references";

const topicType = "aws:sns/topic:Topic";

export default resourcePolicy({
    name: "sns-topic-kms-encryption",
    description: "SNS topics are encrypted at rest with a customer-managed KMS key (not the AWS-managed alias/aws/sns key).",
    severity: "medium",
    pci: "3.5.1",
    resourceTypes: [topicType],
    remediationSteps: "Set `kmsMasterKeyId` on the aws.sns.Topic to a customer-managed KMS key (id, ARN or alias) whose key policy lets the publishing services use it.",
    validate: c => {
        const key = classifyKmsKeyReference(c.props.kmsMasterKeyId);
        if (key === "absent") {
            c.report(`SNS topic '${c.name}' is not encrypted: set kmsMasterKeyId to a customer-managed KMS key.`);
        } else if (key === "aws-managed") {
            c.report(`SNS topic '${c.name}' is encrypted with the AWS-managed alias/aws/sns key: set kmsMasterKeyId to a customer-managed KMS key.`);
        }
        // "unknown" at preview: the output of a key or alias resource in the stack, hence customer-managed.
    },
});
