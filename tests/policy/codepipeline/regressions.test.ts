// Real-world failures this part of the pack must catch, each as its own program, asserting exactly which
// of the pipeline/build policies fire on which resource (other services' policies, e.g. required-tags, are
// asserted by their own tests).
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { previewProgram } from "../../helpers/preview";
import { codestarSource, encryptedStore, githubV1Source, keyArn, pipeline } from "./fixtures";

const pipelinePolicies = [
    "codepipeline-artifact-store-region", "codepipeline-artifact-store-kms", "codepipeline-no-github-v1-source",
    "no-plaintext-credentials", "eventbridge-pipeline-trigger-matches-source",
    "codebuild-project-kms-encryption", "codebuild-project-logging", "codebuild-privileged-mode",
];

/** "resource: policy" for every finding (not the SDK's undecidable advisories) of the pipeline/build policies. */
function fired(r: PreviewResult): string[] {
    return [...new Set(r.diagnostics.filter(d => pipelinePolicies.includes(d.policyName) && !d.undecidable)
        .map(d => `${d.resourceName}: ${d.policyName} (${d.enforcementLevel})`))].sort();
}

describe("regressions: pipelines and builds", () => {
    it("a single-region pipeline whose artifact store sets region fires only codepipeline-artifact-store-region", async () => {
        const r = await previewProgram(() => {
            pipeline("app-pipeline", { artifactStores: [encryptedStore({ region: "eu-west-1" })], source: [codestarSource()] });
        });
        assert.deepStrictEqual(fired(r), ["app-pipeline: codepipeline-artifact-store-region (mandatory)"]);
    });

    it("a GitHub v1 source with an OAuth token in plain config fires the GitHub v1 and plaintext-credential policies", async () => {
        const r = await previewProgram(() => {
            pipeline("app-pipeline", { source: [githubV1Source({ OAuthToken: "ghp_" + "0123456789abcdefghijABCDEFGHIJ012345", PollForSourceChanges: "true" })] });
        }, { redactSecrets: false });
        assert.deepStrictEqual(fired(r), [
            "app-pipeline: codepipeline-no-github-v1-source (mandatory)",
            "app-pipeline: no-plaintext-credentials (mandatory)",
        ]);
        assert.ok(!r.diagnostics.some(d => d.message.includes("ghp_")), "the token must not appear in any message");
    });

    it("an EventBridge rule with a CodeCommit pattern for a GitHub pipeline fires only the trigger policy, on the rule", async () => {
        const r = await previewProgram(() => {
            const github = pipeline("app-pipeline", { source: [codestarSource()] });
            const rule = new aws.cloudwatch.EventRule("on-push", {
                eventPattern: JSON.stringify({
                    source: ["aws.codecommit"], "detail-type": ["CodeCommit Repository State Change"],
                    resources: ["arn:aws:codecommit:eu-west-1:123456789012:app"], detail: { referenceType: ["branch"], referenceName: ["main"] },
                }),
            });
            new aws.cloudwatch.EventTarget("on-push-target", { rule: rule.name, arn: github.arn, roleArn: "arn:aws:iam::123456789012:role/events" });
        });
        assert.deepStrictEqual(fired(r), ["on-push: eventbridge-pipeline-trigger-matches-source (advisory)"]);
    });

    it("a CodeBuild project with a PLAINTEXT GITHUB_TOKEN fires only no-plaintext-credentials", async () => {
        const r = await previewProgram(() => {
            new aws.cloudwatch.LogGroup("build-logs", { name: "/codebuild/app", retentionInDays: 7 });
            new aws.codebuild.Project("app-build", {
                serviceRole: "arn:aws:iam::123456789012:role/build",
                artifacts: { type: "CODEPIPELINE" },
                source: { type: "CODEPIPELINE" },
                encryptionKey: keyArn,
                logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: "/codebuild/app" } },
                environment: {
                    computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER",
                    environmentVariables: [{ name: "GITHUB_TOKEN", value: "ghp_" + "abcdefghijABCDEFGHIJ0123456789abcdef", type: "PLAINTEXT" }],
                },
            });
        }, { redactSecrets: false });
        assert.deepStrictEqual(fired(r), ["app-build: no-plaintext-credentials (mandatory)"]);
        assert.ok(!r.diagnostics.some(d => d.message.includes("ghp_")), "the token must not appear in any message");
    });
});
