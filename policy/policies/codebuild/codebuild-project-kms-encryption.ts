import type { ProjectArgs } from "@pulumi/aws/codebuild";
import { kmsKeyPolicy } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";

export default kmsKeyPolicy<{}, ProjectArgs>({
    name: "codebuild-project-kms-encryption",
    description: "CodeBuild projects encrypt build artifacts with a customer-managed KMS key (`encryptionKey`), not the default AWS-managed aws/s3 key.",
    severity: "high",
    pci: "3.5.1",
    resourceTypes: [awsTypes.codebuild.Project],
    remediationSteps: "Set `encryptionKey` on the aws.codebuild.Project to the ARN of a customer-managed KMS key (an aws.kms.Key in the stack), " +
        "and allow the project's service role to use it.",
    what: "CodeBuild project",
    key: "encryptionKey",
    defaultKey: "alias/aws/s3",
});
