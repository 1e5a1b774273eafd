import { artifactStoresOf, pipelineType } from "../../lib/codepipeline-actions";
import { classifyKmsKeyReference } from "../../lib/kms-key-references";
import { resourcePolicy } from "../../lib/policy";
import { deferUnknown, isPlainObject, isUnknown } from "../../lib/unknowns";

export default resourcePolicy({
    name: "codepipeline-artifact-store-kms",
    description: "Every CodePipeline artifact store encrypts artifacts with a customer-managed KMS key (`encryptionKey`), not the default AWS-managed aws/s3 key.",
    severity: "high",
    pci: "3.5.1",
    resourceTypes: [pipelineType],
    remediationSteps: "Set `encryptionKey: { id: <customer-managed KMS key ARN>, type: \"KMS\" }` on every entry of the pipeline's `artifactStores`, " +
        "and allow the pipeline role and the build roles to use that key.",
    validate: c => {
        const list = artifactStoresOf(c);
        let undecided: (string | number)[] | undefined;
        list.forEach((store, i) => {
            if (isUnknown(store)) {
                undecided ??= ["artifactStores", i];
                return;
            }
            const key = isPlainObject(store) ? store.encryptionKey : undefined;
            if (isUnknown(key)) {
                undecided ??= ["artifactStores", i, "encryptionKey"];
                return;
            }
            const id = isPlainObject(key) ? key.id : undefined;
            // "unknown": the key comes from a resource the stack creates, which is customer-managed.
            switch (classifyKmsKeyReference(id)) {
                case "absent":
                    c.report(`Pipeline '${c.name}' artifactStores[${i}] has no KMS key: set artifactStores[${i}].encryptionKey ` +
                        "to { id: <customer-managed KMS key ARN>, type: \"KMS\" }.");
                    break;
                case "aws-managed":
                    c.report(`Pipeline '${c.name}' artifactStores[${i}] uses the AWS-managed aws/s3 key: set artifactStores[${i}].encryptionKey.id ` +
                        "to a customer-managed KMS key ARN.");
                    break;
            }
        });
        if (undecided) deferUnknown(c.proxied, undecided);
    },
});
