import type { TopicArgs } from "@pulumi/aws/sns";
import { kmsKeyPolicy } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";

export default kmsKeyPolicy<{}, TopicArgs>({
    name: "sns-topic-kms-encryption",
    description: "SNS topics are encrypted at rest with a customer-managed KMS key (not the AWS-managed alias/aws/sns key).",
    severity: "medium",
    pci: "3.5.1",
    securityHub: ["SNS.1"],
    resourceTypes: [awsTypes.sns.Topic],
    remediationSteps: "Set `kmsMasterKeyId` on the aws.sns.Topic to a customer-managed KMS key (id, ARN or alias) whose key policy lets the publishing services use it.",
    what: "SNS topic",
    key: "kmsMasterKeyId",
    awsManagedKey: "alias/aws/sns",
});
