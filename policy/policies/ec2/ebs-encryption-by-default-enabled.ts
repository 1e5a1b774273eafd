import type { EncryptionByDefaultArgs } from "@pulumi/aws/ebs";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";

export default attributePolicy<{}, EncryptionByDefaultArgs>({
    name: "ebs-encryption-by-default-enabled",
    description: "A stack that manages the account's EBS encryption-by-default setting does not turn it off.",
    severity: "high",
    pci: "3.5.1",
    securityHub: ["EC2.7"],
    resourceTypes: [awsTypes.ebs.EncryptionByDefault],
    remediationSteps: "Set `enabled: true` on the aws.ebs.EncryptionByDefault (or leave it unset: true is the default). " +
        "The setting is per account and region; a stack that does not declare it is not judged (Security Hub checks the account).",
    path: "enabled",
    absent: true,
    compliant: [true],
    message: c => `EBS encryption by default '${c.name}' turns encryption of new volumes off: set enabled to true.`,
    fix: true,
});
