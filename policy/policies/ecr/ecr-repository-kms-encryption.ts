import { resourcePolicy } from "../../lib/policy";
import { classifyKmsKeyReference } from "../../lib/kms-key-references";
import { asList, deferUnknown, isPlainObject, isUnknown } from "../../lib/unknowns";

const repositoryType = "aws:ecr/repository:Repository";

export default resourcePolicy<{ requireCustomerManagedKey: boolean }>({
    name: "ecr-repository-kms-encryption",
    description: "ECR repositories encrypt images with KMS (a customer-managed key unless configured otherwise), not the default AES256.",
    severity: "medium",
    pci: "3.5.1",
    resourceTypes: [repositoryType],
    remediationSteps: "Set `encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <customer-managed key ARN> }]` on the aws.ecr.Repository (this replaces the repository: encryption cannot change in place).",
    config: {
        properties: {
            requireCustomerManagedKey: {
                type: "boolean", default: true,
                description: "Require `kmsKey` to be a customer-managed key; when false, KMS with the AWS-managed aws/ecr key is accepted.",
            },
        },
    },
    validate: c => {
        const configs = c.props.encryptionConfigurations;
        if (isUnknown(configs)) {
            deferUnknown(c.proxied, ["encryptionConfigurations"]);
            return;
        }
        const list = asList(configs);
        const first = list[0];
        if (isUnknown(first)) {
            deferUnknown(c.proxied, ["encryptionConfigurations", 0]);
            return;
        }
        if (!isPlainObject(first)) {
            c.report(`ECR repository '${c.name}' uses the default AES256 encryption: set encryptionConfigurations to [{ encryptionType: "KMS", kmsKey: <customer-managed key ARN> }].`);
            return;
        }
        const type = first.encryptionType;
        if (isUnknown(type)) {
            deferUnknown(c.proxied, ["encryptionConfigurations", 0, "encryptionType"]);
            return;
        }
        if (type !== "KMS" && type !== "KMS_DSSE") {
            // Echo only ECR's own encryption types: any other value could be a secret.
            const used = type === undefined || type === null || type === "AES256" ? "AES256" : "non-KMS";
            c.report(`ECR repository '${c.name}' uses ${used} encryption: set encryptionConfigurations[0].encryptionType to "KMS" with a customer-managed kmsKey.`);
            return;
        }
        if (!c.config.requireCustomerManagedKey) return;
        const key = classifyKmsKeyReference(first.kmsKey);
        if (key === "absent" || key === "aws-managed") {
            c.report(`ECR repository '${c.name}' is encrypted with the AWS-managed aws/ecr key: set encryptionConfigurations[0].kmsKey to a customer-managed KMS key ARN.`);
        }
        // "unknown": the key comes from a resource the stack creates, which is customer-managed.
    },
});
