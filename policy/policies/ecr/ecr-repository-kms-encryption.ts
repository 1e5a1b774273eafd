import type { RepositoryArgs } from "@pulumi/aws/ecr";
import { attributePolicy, kmsKeyRule } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";

type Config = { requireCustomerManagedKey: boolean };

export default attributePolicy<Config, RepositoryArgs>({
    name: "ecr-repository-kms-encryption",
    description: "ECR repositories and repository creation templates (the repositories pull-through cache and replication create) encrypt images with KMS (a customer-managed key unless configured otherwise), not the default AES256.",
    severity: "medium",
    pci: "3.5.1",
    resourceTypes: [awsTypes.ecr.Repository, awsTypes.ecr.RepositoryCreationTemplate],
    remediationSteps: "Set `encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <customer-managed key ARN> }]` on the aws.ecr.Repository or aws.ecr.RepositoryCreationTemplate (this replaces the repository: encryption cannot change in place).",
    config: {
        properties: {
            requireCustomerManagedKey: {
                type: "boolean", default: true,
                description: "Require `kmsKey` to be a customer-managed key; when false, KMS with the AWS-managed aws/ecr key is accepted.",
            },
        },
    },
    path: "encryptionConfigurations[0].encryptionType",
    absent: "AES256",
    compliant: ["KMS", "KMS_DSSE"],
    echo: /^AES256$/,
    message: (c, v) => `${c.type === awsTypes.ecr.RepositoryCreationTemplate ? "ECR repository creation template" : "ECR repository"} '${c.name}' uses ${v.shown ?? "non-KMS"} encryption: ` +
        "set encryptionConfigurations[0].encryptionType to \"KMS\" with a customer-managed kmsKey.",
    andThen: [kmsKeyRule<Config, RepositoryArgs>({
        what: "ECR repository",
        key: "encryptionConfigurations[0].kmsKey",
        defaultKey: "alias/aws/ecr",
        when: c => !!c.config.requireCustomerManagedKey,
    })],
});
