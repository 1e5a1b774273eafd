import type { VolumeArgs } from "@pulumi/aws/ebs";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";

export default attributePolicy<{}, VolumeArgs>({
    name: "ebs-volume-encrypted",
    description: "EBS volumes are encrypted at rest (aws.ebs.Volume and aws-native ec2.Volume).",
    severity: "high",
    pci: "3.5.1",
    securityHub: ["EC2.3"],
    resourceTypes: [awsTypes.ebs.Volume, awsNativeTypes.ec2.Volume],
    remediationSteps: "Set `encrypted: true` on the aws.ebs.Volume (or aws-native ec2.Volume), optionally with `kmsKeyId` naming a " +
        "customer-managed key; an existing unencrypted volume is replaced (copy its data through an encrypted snapshot). " +
        "Account-wide, aws.ebs.EncryptionByDefault encrypts new volumes too, but the pack cannot see the account's setting, so the volume says it.",
    path: "encrypted",
    absent: false,
    compliant: [true],
    message: c => `EBS volume '${c.name}' is not declared encrypted: set encrypted to true.`,
    fix: true,
});
