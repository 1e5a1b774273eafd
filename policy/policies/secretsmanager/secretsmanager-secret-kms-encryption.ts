import { resourcePolicy } from "../../lib/policy";
import { classifyKmsKeyReference } from "../../lib/kms-key-references";
import { asList, at, deferUnknown, isUnknown } from "../../lib/unknowns";

const secretType = "aws:secretsmanager/secret:Secret";

export default resourcePolicy({
    name: "secretsmanager-secret-kms-encryption",
    description: "Secrets Manager secrets, and each of their replicas, are encrypted with a customer-managed KMS key rather than the default aws/secretsmanager key.",
    severity: "high",
    pci: "3.5.1, 8.3.2",
    resourceTypes: [secretType],
    remediationSteps: "Set `kmsKeyId` on the aws.secretsmanager.Secret (and `kmsKeyId` on every entry of `replicas`) to a customer-managed KMS key that the secret's readers may decrypt with.",
    validate: c => {
        const key = classifyKmsKeyReference(c.props.kmsKeyId);
        if (key === "absent") {
            c.report(`Secrets Manager secret '${c.name}' uses the default aws/secretsmanager key: set kmsKeyId to a customer-managed KMS key.`);
        } else if (key === "aws-managed") {
            c.report(`Secrets Manager secret '${c.name}' is encrypted with an AWS-managed key alias: set kmsKeyId to a customer-managed KMS key.`);
        }
        const replicas = c.props.replicas;
        if (isUnknown(replicas)) {
            deferUnknown(c.proxied, ["replicas"]);
            return;
        }
        const list = asList(replicas);
        let unknownAt: number | undefined;
        list.forEach((replica, i) => {
            if (isUnknown(replica)) {
                unknownAt ??= i;
                return;
            }
            const k = classifyKmsKeyReference(at(replica, "kmsKeyId"));
            if (k === "absent" || k === "aws-managed") {
                c.report(`Secrets Manager secret '${c.name}' has a replica (replicas[${i}]) without a customer-managed key: set replicas[${i}].kmsKeyId to a customer-managed KMS key of that region.`);
            }
        });
        if (unknownAt !== undefined) {
            deferUnknown(c.proxied, ["replicas", unknownAt]);
        }
    },
});
