import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, previewProgram } from "../../helpers/preview";
import { codecommitSource, codestarSource, pipeline, s3Source } from "../fixtures/pipelines";

const policy = "eventbridge-pipeline-trigger-matches-source";
const roleArn = "arn:aws:iam::123456789012:role/events";

const codecommitPattern = (extra: Record<string, unknown> = {}) => JSON.stringify({
    source: ["aws.codecommit"], "detail-type": ["CodeCommit Repository State Change"],
    resources: ["arn:aws:codecommit:eu-west-1:123456789012:app"],
    detail: { event: ["referenceCreated", "referenceUpdated"], referenceType: ["branch"], referenceName: ["main"] },
    ...extra,
});

/** An EventBridge rule with one target: the pipeline. */
function trigger(name: string, target: aws.codepipeline.Pipeline | string, rule: Partial<aws.cloudwatch.EventRuleArgs>) {
    const r = new aws.cloudwatch.EventRule(name, rule);
    new aws.cloudwatch.EventTarget(`${name}-target`, { rule: r.name, arn: typeof target === "string" ? target : target.arn, roleArn });
    return r;
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const repo = new aws.codecommit.Repository("repo", { repositoryName: "app" });
            const github = pipeline("github-pipeline", { source: [codestarSource()] });
            const codecommit = pipeline("codecommit-pipeline", { source: [codecommitSource("app", "main")] });
            const s3 = pipeline("s3-pipeline", { source: [s3Source("acme-source", "app/source.zip")] });
            const ecr = pipeline("ecr-pipeline", {
                source: [{ name: "Image", category: "Source", owner: "AWS", provider: "ECR", version: "1", outputArtifacts: ["img"], configuration: { RepositoryName: "app", ImageTag: "release" } }],
            });
            // A CodeCommit pattern on a GitHub (CodeStarSourceConnection) pipeline never fires.
            trigger("codecommit-rule-on-github", github, { eventPattern: codecommitPattern() });
            // The same, with the pattern built from the repository's ARN (unknown at preview): its dependency says what it is.
            trigger("codecommit-rule-unknown-on-github", github, {
                eventPattern: pulumi.jsonStringify({ source: ["aws.codecommit"], resources: [repo.arn] }),
            });
            trigger("codecommit-rule-ok", codecommit, { eventPattern: codecommitPattern() });
            trigger("codecommit-rule-wrong-branch", codecommit, { eventPattern: codecommitPattern({ detail: { referenceType: ["branch"], referenceName: ["develop"] } }) });
            trigger("codecommit-rule-wrong-repo", codecommit, { eventPattern: codecommitPattern({ resources: ["arn:aws:codecommit:eu-west-1:123456789012:other"] }) });
            trigger("s3-object-created-ok", s3, {
                eventPattern: JSON.stringify({ source: ["aws.s3"], "detail-type": ["Object Created"], detail: { bucket: { name: ["acme-source"] }, object: { key: ["app/source.zip"] } } }),
            });
            trigger("s3-prefix-ok", s3, {
                eventPattern: JSON.stringify({ source: ["aws.s3"], "detail-type": ["Object Created"], detail: { bucket: { name: ["acme-source"] }, object: { key: [{ prefix: "app/" }] } } }),
            });
            trigger("s3-cloudtrail-ok", s3, {
                eventPattern: JSON.stringify({
                    source: ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"],
                    detail: { eventSource: ["s3.amazonaws.com"], eventName: ["PutObject", "CompleteMultipartUpload", "CopyObject"], requestParameters: { bucketName: ["acme-source"], key: ["app/source.zip"] } },
                }),
            });
            trigger("s3-object-deleted", s3, {
                eventPattern: JSON.stringify({ source: ["aws.s3"], "detail-type": ["Object Deleted"], detail: { bucket: { name: ["acme-source"] } } }),
            });
            trigger("s3-wrong-key", s3, {
                eventPattern: JSON.stringify({ source: ["aws.s3"], "detail-type": ["Object Created"], detail: { bucket: { name: ["acme-source"] }, object: { key: ["other.zip"] } } }),
            });
            trigger("s3-with-codecommit-pattern", s3, { eventPattern: codecommitPattern() });
            trigger("ecr-push-ok", ecr, {
                eventPattern: JSON.stringify({ source: ["aws.ecr"], "detail-type": ["ECR Image Action"], detail: { "action-type": ["PUSH"], result: ["SUCCESS"], "repository-name": ["app"], "image-tag": ["release"] } }),
            });
            trigger("ecr-wrong-tag", ecr, {
                eventPattern: JSON.stringify({ source: ["aws.ecr"], "detail-type": ["ECR Image Action"], detail: { "action-type": ["PUSH"], "repository-name": ["app"], "image-tag": ["latest"] } }),
            });
            // Not about the source: chaining after another pipeline, a schedule, a custom event.
            trigger("chained-after-pipeline", github, { eventPattern: JSON.stringify({ source: ["aws.codepipeline"], "detail-type": ["CodePipeline Pipeline Execution State Change"] }) });
            trigger("nightly", github, { scheduleExpression: "cron(0 2 * * ? *)" });
            trigger("custom-event", github, { eventPattern: JSON.stringify({ source: ["acme.release"] }) });
            // Linked by ARN and name, without dependencies.
            const byName = pipeline("named-pipeline", { pipelineName: "release", source: [codestarSource()] });
            trigger("codecommit-rule-by-arn", "arn:aws:codepipeline:eu-west-1:123456789012:release", { name: "by-arn", eventPattern: codecommitPattern() });
            void byName;
            // Change detection off and nothing starts the pipeline.
            pipeline("codestar-detect-off", { source: [codestarSource({ DetectChanges: "false" })] });
            pipeline("codestar-detect-off-with-trigger", {
                source: [codestarSource({ DetectChanges: "false" })],
                triggers: [{ providerType: "CodeStarSourceConnection", gitConfiguration: { sourceActionName: "Source", pushes: [{ branches: { includes: ["main"] } }] } }],
            });
            pipeline("codestar-detect-on", { source: [codestarSource()] });
            pipeline("codecommit-no-poll-no-rule", { source: [codecommitSource("app", "main")] });
            pipeline("codecommit-polling", { source: [codecommitSource("app", "main", { PollForSourceChanges: "true" })] });
        });
    });

    it("flags rules whose pattern the pipeline's source never produces, as advisory with severity high", () => {
        // (the two pipelines at the end are the change-detection findings of the next tests)
        assert.deepStrictEqual(flagged(result, policy, "advisory"), [
            "codecommit-no-poll-no-rule", "codecommit-rule-by-arn", "codecommit-rule-on-github", "codecommit-rule-unknown-on-github",
            "codecommit-rule-wrong-branch", "codecommit-rule-wrong-repo", "codestar-detect-off", "ecr-wrong-tag", "s3-object-deleted",
            "s3-with-codecommit-pattern", "s3-wrong-key",
        ]);
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), []);
        const d = findings(result, policy, "codecommit-rule-on-github")[0];
        assert.strictEqual(d.severity, "high");
        assert.match(d.message, /EventRule 'codecommit-rule-on-github' starts pipeline 'github-pipeline' on aws\.codecommit events, but the pipeline's Source actions use CodeStarSourceConnection/);
        assert.match(findings(result, policy, "s3-object-deleted")[0].message, /eventPattern does not match the changes of pipeline 's3-pipeline' source \(action 'Source' in stage 'Source'/);
    });

    it("passes matching patterns, S3 Object Created and CloudTrail forms, and rules that are not about the source", () => {
        for (const name of ["codecommit-rule-ok", "s3-object-created-ok", "s3-prefix-ok", "s3-cloudtrail-ok", "ecr-push-ok", "chained-after-pipeline", "nightly", "custom-event"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("flags a source with change detection off that nothing starts", () => {
        for (const name of ["codestar-detect-off-with-trigger", "codestar-detect-on", "codecommit-polling", "codecommit-pipeline", "s3-pipeline", "ecr-pipeline", "github-pipeline"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
        assert.match(findings(result, policy, "codecommit-no-poll-no-rule")[0].message, /PollForSourceChanges to "true" or add an EventBridge rule/);
        assert.match(findings(result, policy, "codestar-detect-off")[0].message, /set stages\[0\]\.actions\[0\]\.configuration\.DetectChanges to "true" or add a triggers entry/);
    });

    it("leaves a pattern that is unknown at preview and could match to the SDK's advisory, after the decidable findings", async () => {
        const r = await previewProgram(() => {
            const repo = new aws.codecommit.Repository("repo", { repositoryName: "app" });
            const codecommit = pipeline("codecommit-pipeline", { source: [codecommitSource("app", "main")] });
            const github = pipeline("github-pipeline", { source: [codestarSource()] });
            trigger("codecommit-rule-unknown", codecommit, { eventPattern: pulumi.jsonStringify({ source: ["aws.codecommit"], resources: [repo.arn] }) });
            trigger("codecommit-rule-on-github", github, { eventPattern: codecommitPattern() });
        });
        const diags = findings(r, policy);
        assert.deepStrictEqual(diags.filter(d => !d.undecidable).map(d => d.resourceName), ["codecommit-rule-on-github"]);
        const undecidable = diags.filter(d => d.undecidable);
        assert.strictEqual(undecidable.length, 1);
        assert.strictEqual(undecidable[0].enforcementLevel, "advisory");
        assert.match(undecidable[0].message, /eventPattern/);
    });

    it("honours exemptions and requireTriggerWithoutChangeDetection", async () => {
        const r = await previewProgram(() => {
            const github = pipeline("github-pipeline", { source: [codestarSource()] });
            trigger("codecommit-rule-on-github", github, { eventPattern: codecommitPattern() });
            pipeline("codestar-detect-off", { source: [codestarSource({ DetectChanges: "false" })] });
        }, { policyPackConfigs: [{ [policy]: { requireTriggerWithoutChangeDetection: false, exemptions: [{ resource: "codecommit-rule-*", reason: "legacy rule, removed in OPS-2" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), []);
    });
    // Behaviour change: the policy read its undecided pattern through the proxy itself, past the exemptions; now the wrapper applies them.
    it("gives no advisory about an exempted rule whose pattern is unknown", async () => {
        const r = await previewProgram(() => {
            const repo = new aws.codecommit.Repository("repo", { repositoryName: "app" });
            const codecommit = pipeline("codecommit-pipeline", { source: [codecommitSource("app", "main")] });
            trigger("legacy-rule-unknown", codecommit, { eventPattern: pulumi.jsonStringify({ source: ["aws.codecommit"], resources: [repo.arn] }) });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "legacy-rule-*", reason: "replaced in OPS-3" }] } }] });
        assert.deepStrictEqual(findings(r, policy), []);
    });
});
