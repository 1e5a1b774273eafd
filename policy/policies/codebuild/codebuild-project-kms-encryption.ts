import { classifyKmsKeyReference } from "../../lib/kms-key-references";
import { resourcePolicy } from "../../lib/policy";

const projectType = "aws:codebuild/project:Project";

export default resourcePolicy({
    name: "codebuild-project-kms-encryption",
    description: "CodeBuild projects encrypt build artifacts with a customer-managed KMS key (`encryptionKey`), not the default AWS-managed aws/s3 key.",
    severity: "high",
    pci: "3.5.1",
    resourceTypes: [projectType],
    remediationSteps: "Set `encryptionKey` on the aws.codebuild.Project to the ARN of a customer-managed KMS key (an aws.kms.Key in the stack), " +
        "and allow the project's service role to use it.",
    validate: c => {
        // "unknown" at preview: the key comes from a resource the stack creates, and no program can create an AWS-managed key.
        switch (classifyKmsKeyReference(c.props.encryptionKey)) {
            case "absent":
                c.report(`CodeBuild project '${c.name}' has no encryptionKey, so artifacts use the AWS-managed aws/s3 key: ` +
                    "set encryptionKey to a customer-managed KMS key ARN.");
                break;
            case "aws-managed":
                c.report(`CodeBuild project '${c.name}' encryptionKey is an AWS-managed key alias (alias/aws/...): ` +
                    "set encryptionKey to a customer-managed KMS key ARN.");
                break;
        }
    },
});
