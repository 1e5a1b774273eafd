import type { PipelineArgs } from "@pulumi/aws/codepipeline";
import { kmsKeyPolicy } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";
import { asList } from "../../lib/unknowns";

export default kmsKeyPolicy<{}, PipelineArgs>({
    name: "codepipeline-artifact-store-kms",
    description: "Every CodePipeline artifact store encrypts artifacts with a customer-managed KMS key (`encryptionKey`), not the default AWS-managed aws/s3 key.",
    severity: "high",
    pci: "3.5.1",
    resourceTypes: [awsTypes.codepipeline.Pipeline],
    remediationSteps: "Set `encryptionKey: { id: <customer-managed KMS key ARN>, type: \"KMS\" }` on every entry of the pipeline's `artifactStores`, " +
        "and allow the pipeline role and the build roles to use that key.",
    notApplicable: c => (asList(c.props.artifactStores).length === 0 ? "the pipeline declares no artifact store" : undefined),
    what: "Pipeline",
    key: "artifactStores[].encryptionKey.id",
    defaultKey: "alias/aws/s3",
});
