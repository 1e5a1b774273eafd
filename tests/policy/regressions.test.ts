// Real pipelines that failed in known ways, each as a program that is otherwise compliant, asserting
// exactly which policies of the WHOLE pack fire (and so that every other policy stays quiet), and that
// no credential reaches a message.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../preview/src";
import { previewProgram } from "../helpers/preview";
import { codestarSource, encryptedStore, githubV1Source, keyArn, pipeline } from "./fixtures/pipelines";

/** Every resource gets the required tags from the default provider, as a team's stack config does. */
const taggedStack = {
    "aws:defaultTags": JSON.stringify({ tags: { Environment: "dev", Owner: "payments", DataClassification: "internal" } }),
};

/** "resource: policy (level)" for every finding of any policy, undecidable ones included. */
function fired(r: PreviewResult): string[] {
    return [...new Set(r.diagnostics.map(d => `${d.resourceName}: ${d.policyName} (${d.undecidable ? "undecidable" : d.enforcementLevel})`))].sort();
}

function run(program: () => void, mode: "preview" | "update" = "preview"): Promise<PreviewResult> {
    return previewProgram(program, { config: taggedStack, mode, redactSecrets: false });
}

/** No message quotes any part of a GitHub token (not even its `ghp_` prefix). */
function assertNoToken(r: PreviewResult): void {
    assert.deepStrictEqual(r.diagnostics.filter(d => d.message.includes("ghp_")).map(d => d.policyName), []);
}

describe("regressions across the whole pack", () => {
    it("a single-region pipeline whose artifact store sets region", async () => {
        const r = await run(() => {
            pipeline("app-pipeline", { artifactStores: [encryptedStore({ region: "eu-west-1" })], source: [codestarSource()] });
        });
        assert.deepStrictEqual(fired(r), ["app-pipeline: codepipeline-artifact-store-region (mandatory)"]);
    });

    it("a GitHub v1 source with an OAuth token in plain config", async () => {
        const token = "ghp_" + "0123456789abcdefghijABCDEFGHIJ012345";
        const r = await run(() => {
            pipeline("app-pipeline", { source: [githubV1Source({ OAuthToken: token, PollForSourceChanges: "true" })] });
        });
        assert.deepStrictEqual(fired(r), [
            "app-pipeline: codepipeline-no-github-v1-source (mandatory)",
            "app-pipeline: no-plaintext-credentials (mandatory)",
        ]);
        assert.ok(!JSON.stringify(r.diagnostics).includes(token));
        assertNoToken(r);
    });

    /** A CodeCommit pattern on a pipeline whose source is a GitHub (CodeStar) connection: the rule never fires. */
    const codecommitRuleOnGithub = (pipelineName?: string) => () => {
        const github = pipeline("app-pipeline", { source: [codestarSource()], pipelineName });
        const rule = new aws.cloudwatch.EventRule("on-push", {
            eventPattern: JSON.stringify({
                source: ["aws.codecommit"], "detail-type": ["CodeCommit Repository State Change"],
                resources: ["arn:aws:codecommit:eu-west-1:123456789012:app"], detail: { referenceType: ["branch"], referenceName: ["main"] },
            }),
        });
        new aws.cloudwatch.EventTarget("on-push-target", { rule: rule.name, arn: github.arn, roleArn: "arn:aws:iam::123456789012:role/events" });
    };

    it("an EventBridge rule with a CodeCommit pattern on a GitHub (CodeStar connection) pipeline, in update mode", async () => {
        const r = await run(codecommitRuleOnGithub("app-pipeline"), "update");
        assert.deepStrictEqual(fired(r), ["on-push: eventbridge-pipeline-trigger-matches-source (advisory)"]);
    });

    it("the same rule in preview mode, where the pipeline's ARN is unknown (linked through the target's dependencies)", async () => {
        const r = await run(codecommitRuleOnGithub());
        assert.deepStrictEqual(fired(r), ["on-push: eventbridge-pipeline-trigger-matches-source (advisory)"]);
    });

    it("a CodeBuild project with 7-day log retention, a Production Environment tag on a dev stack and a PLAINTEXT GITHUB_TOKEN", async () => {
        const token = "ghp_" + "abcdefghij0123456789ABCDEFGHIJabcdef";
        const r = await run(() => {
            new aws.cloudwatch.LogGroup("build-logs", { name: "/codebuild/app", retentionInDays: 7, kmsKeyId: keyArn });
            new aws.codebuild.Project("app-build", {
                serviceRole: "arn:aws:iam::123456789012:role/build",
                artifacts: { type: "CODEPIPELINE" },
                source: { type: "CODEPIPELINE", buildspec: "version: 0.2\nphases:\n  build:\n    commands:\n      - npm ci\n      - npm test\n" },
                encryptionKey: keyArn,
                environment: {
                    computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER",
                    environmentVariables: [{ name: "GITHUB_TOKEN", value: token, type: "PLAINTEXT" }],
                },
                logsConfig: { cloudwatchLogs: { groupName: "/codebuild/app", status: "ENABLED" } },
                tags: { Environment: "Production" },
            });
        });
        assert.deepStrictEqual(fired(r), [
            "app-build: no-plaintext-credentials (mandatory)",
            "app-build: required-tags (mandatory)",
            "build-logs: cloudwatch-log-group-retention (mandatory)",
        ]);
        assert.match(r.diagnostics.find(d => d.policyName === "required-tags")!.message, /Environment tag that does not match stack 'dev'/);
        assert.ok(!JSON.stringify(r.diagnostics).includes(token));
        assertNoToken(r);
    });
});
