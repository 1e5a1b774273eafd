// Where a credential can hide: a CodePipeline V2 pipeline variable's defaultValue, which is plain text in the
// pipeline definition and in every execution. Tried: a credential-named variable with a literal default, a
// GitHub token under an innocent name. Correct verdict: a mandatory finding each. Compliant: a secret's ARN
// as the default, a numeric setting, a non-credential variable.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { flagged, previewProgram } from "../../../helpers/preview";

const policy = "no-plaintext-credentials";

function pipeline(name: string, variables: { name: string; defaultValue: string }[]) {
    new aws.codepipeline.Pipeline(name, {
        pipelineType: "V2",
        roleArn: "arn:aws:iam::123456789012:role/pipeline",
        artifactStores: [{ type: "S3", location: "artifacts-bucket" }],
        variables,
        stages: [
            { name: "Source", actions: [{ name: "Src", category: "Source", owner: "AWS", provider: "S3", version: "1", outputArtifacts: ["src"], configuration: { S3Bucket: "artifacts-bucket", S3ObjectKey: "src.zip" } }] },
            { name: "Build", actions: [{ name: "Build", category: "Build", owner: "AWS", provider: "CodeBuild", version: "1", inputArtifacts: ["src"], configuration: { ProjectName: "app" } }] },
        ],
    });
}

describe(`evasion: ${policy}: CodePipeline V2 variables`, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            pipeline("credential-named", [{ name: "DEPLOY_TOKEN", defaultValue: "s3cr3t-value-123" }]);
            pipeline("token-format", [{ name: "REF", defaultValue: "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8" }]);
            pipeline("compliant", [
                { name: "DB_PASSWORD", defaultValue: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf" },
                { name: "TOKEN_EXPIRY_SECONDS", defaultValue: "3600" },
                { name: "ENVIRONMENT", defaultValue: "staging" },
            ]);
        }, { mode: "preview" });
    });

    it("flags a credential in a variable's defaultValue, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["credential-named", "token-format"]);
    });
});
