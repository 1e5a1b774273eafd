import type { SecretArgs } from "@pulumi/aws/secretsmanager";
import { kmsKeyPolicy } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";

export default kmsKeyPolicy<{}, SecretArgs>({
    name: "secretsmanager-secret-kms-encryption",
    description: "Secrets Manager secrets, and each of their replicas, are encrypted with a customer-managed KMS key rather than the default aws/secretsmanager key.",
    severity: "high",
    pci: "3.5.1, 8.3.2",
    resourceTypes: [awsTypes.secretsmanager.Secret],
    remediationSteps: "Set `kmsKeyId` on the aws.secretsmanager.Secret (and `kmsKeyId` on every entry of `replicas`) to a customer-managed KMS key that the secret's readers may decrypt with.",
    what: "Secrets Manager secret",
    key: ["kmsKeyId", "replicas[].kmsKeyId"],
    defaultKey: "alias/aws/secretsmanager",
});
