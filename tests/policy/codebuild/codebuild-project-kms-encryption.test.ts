import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { project } from "../fixtures/codebuild-project";

const policy = "codebuild-project-kms-encryption";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const key = new aws.kms.Key("build-key", { enableKeyRotation: true });
            project("customer-key");
            project("no-key", { encryptionKey: undefined });
            project("aws-managed-alias", { encryptionKey: "alias/aws/s3" });
            project("aws-managed-alias-arn", { encryptionKey: "arn:aws:kms:eu-west-1:123456789012:alias/aws/s3" });
            project("customer-alias", { encryptionKey: "alias/build-artifacts" });
            // A key created in the stack: unknown at preview, and always customer-managed.
            project("key-from-stack", { encryptionKey: key.arn });
        });
    });

    it("flags projects without a customer-managed key as mandatory, naming encryptionKey", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["aws-managed-alias", "aws-managed-alias-arn", "no-key"]);
        assert.match(findings(result, policy, "no-key")[0].message, /CodeBuild project 'no-key' has no encryptionKey.*set encryptionKey/);
        assert.match(findings(result, policy, "aws-managed-alias")[0].message, /AWS-managed key alias/);
    });

    it("accepts customer-managed keys and aliases, and a key not known until the stack creates it", () => {
        assert.deepStrictEqual(undecided(result, policy), []);
        for (const name of ["customer-key", "customer-alias", "key-from-stack"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("carries its metadata", () => {
        const d = findings(result, policy, "no-key")[0];
        assert.strictEqual(d.severity, "high");
        assert.strictEqual(d.framework?.reference, "3.5.1");
    });

    it("reports an exempted project as not applicable with the reason", async () => {
        const r = await previewProgram(() => { project("no-key", { encryptionKey: undefined }); },
            { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "no-key", reason: "builds public docs only" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), []);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "no-key"), ["exempted by configuration: builds public docs only"]);
    });
});
