// Evasion: repositories created by pull-through cache or replication take their encryption from an
// aws.ecr.RepositoryCreationTemplate, not from an aws.ecr.Repository of the stack. Correct verdict: a template
// without encryptionConfigurations (AES256) or with the AWS-managed key is a mandatory finding, in both modes;
// a template with KMS and a customer-managed key is compliant.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "ecr-repository-kms-encryption";

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: repository creation templates (${mode})`, () => {
        it("judges a template's encryption like a repository's", async () => {
            const r = await previewProgram(() => {
                const key = new aws.kms.Key("key", { enableKeyRotation: true });
                new aws.ecr.RepositoryCreationTemplate("template-aes", { prefix: "docker-hub", appliedFors: ["PULL_THROUGH_CACHE"] });
                new aws.ecr.RepositoryCreationTemplate("template-aws-key", { prefix: "ghcr", appliedFors: ["PULL_THROUGH_CACHE"], encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "alias/aws/ecr" }] });
                new aws.ecr.RepositoryCreationTemplate("template-cmk", { prefix: "quay", appliedFors: ["PULL_THROUGH_CACHE"], encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }] });
            }, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["template-aes", "template-aws-key"]);
            assert.match(findings(r, policy, "template-aes")[0].message, /ECR repository creation template 'template-aes' uses AES256 encryption/);
        });
    });
}
