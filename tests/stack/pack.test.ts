// The stack passes the pack: zero diagnostics (mandatory, advisory or undecidable) in preview and
// update mode with the pack's default config, and the sources and approval variants.
import * as assert from "assert";
import { PreviewResult } from "../../preview/src";
import { notApplicableReasons } from "../helpers/preview";
import { account, byName, json, ofType, prodConfig, previewStack, region, statements } from "./helpers";

const connectionArn = `arn:aws:codestar-connections:${region}:${account}:connection/0b3a3c6e-5c59-4bb6-9f0a-1d2c3e4f5a6b`;
const describeDiagnostics = (r: PreviewResult) => r.diagnostics.map(d => `${d.enforcementLevel} ${d.policyName} ${d.resourceName}: ${d.message}`).join("\n");

describe("reference stack passes the pack", function () {
    describe("dev (s3 source, no approval)", () => {
        let preview: PreviewResult, update: PreviewResult;
        before(async () => {
            preview = await previewStack({ mode: "preview" });
            update = await previewStack({ mode: "update" });
        });

        it("preview mode: zero diagnostics, summary.undecidable 0", () => {
            assert.strictEqual(describeDiagnostics(preview), "");
            assert.deepStrictEqual(preview.summary, { mandatory: 0, advisory: 0, remediated: 0, undecidable: 0, notAnalysed: 0 });
            assert.ok(preview.policyPacks[0].policies.length >= 30, "the whole pack ran");
        });

        it("update mode: zero diagnostics, summary.undecidable 0", () => {
            assert.strictEqual(describeDiagnostics(update), "");
            assert.deepStrictEqual(update.summary, { mandatory: 0, advisory: 0, remediated: 0, undecidable: 0, notAnalysed: 0 });
        });

        it("privileged mode is judged not applicable for the image build project only, because its buildspec runs docker", () => {
            assert.deepStrictEqual(notApplicableReasons(preview, "codebuild-privileged-mode", "build-build"),
                ["the project builds container images (its buildspec runs docker), which needs privileged mode"]);
            assert.deepStrictEqual(notApplicableReasons(preview, "codebuild-privileged-mode", "build-test"), []);
        });
    });

    describe("codestar source with a connection the stack creates (dev)", () => {
        let r: PreviewResult;
        before(async () => {
            r = await previewStack({ config: { sourceProvider: "codestar", repository: "example-org/payments-service", branch: "release" } });
        });

        it("creates a GitHub connection and uses it in a CodeStarSourceConnection action, no S3 source", () => {
            const conn = ofType(r, "aws:codestarconnections/connection:Connection");
            assert.deepStrictEqual(conn.map(c => [c.name, c.inputs.name, c.inputs.providerType]), [["source-connection", "payments-dev-source", "GitHub"]]);
            const action = byName(r, "pipeline").inputs.stages[0].actions[0];
            assert.deepStrictEqual([action.owner, action.provider, action.configuration.FullRepositoryId, action.configuration.BranchName],
                ["AWS", "CodeStarSourceConnection", "example-org/payments-service", "release"]);
            assert.deepStrictEqual(ofType(r, "aws:s3/bucket:Bucket").map(b => b.name).sort(), ["storage-access-logs", "storage-artifacts"]);
            assert.deepStrictEqual(ofType(r, "aws:cloudwatch/eventRule:EventRule").map(e => e.name), ["monitoring-pipeline-failed"]);
        });

        it("grants UseConnection on the connection's exact ARN in its own policy", () => {
            const p = byName(r, "source-connection-use");
            assert.deepStrictEqual(p.propertyDependencies.policy, [byName(r, "source-connection").urn]);
            const pipelinePolicy = statements(json(byName(r, "iam-codepipeline-policy").inputs.policy));
            assert.ok(!pipelinePolicy.some(s => s.Sid === "UseSourceConnection"));
        });

        it("no mandatory or advisory finding; only that policy's document is undecidable at preview (its ARN is new)", () => {
            assert.deepStrictEqual(r.diagnostics.filter(d => !d.undecidable), []);
            assert.deepStrictEqual(r.diagnostics.map(d => `${d.resourceName} ${d.policyName}`).sort(), [
                "source-connection-use iam-action-resource-mismatch", "source-connection-use iam-no-wildcard-action", "source-connection-use iam-no-wildcard-resource",
            ]);
            assert.strictEqual(r.summary.undecidable, 3);
        });
    });

    describe("prod (codestar through an existing connection, approval by default)", () => {
        let preview: PreviewResult, update: PreviewResult;
        const config = prodConfig({ sourceProvider: "codestar", repository: "example-org/payments-service", connectionArn, notificationEmail: "payments-oncall@example.com" });
        before(async () => {
            preview = await previewStack({ stack: "prod", config });
            update = await previewStack({ stack: "prod", config, mode: "update" });
        });

        it("adds a manual Approval stage before Deploy that notifies the SNS topic", () => {
            const stages = byName(preview, "pipeline").inputs.stages;
            assert.deepStrictEqual(stages.map((s: any) => s.name), ["Source", "Build", "Test", "Approval", "Deploy"]);
            const approval = stages[3].actions[0];
            assert.deepStrictEqual([approval.category, approval.provider, approval.configuration.NotificationArn],
                ["Approval", "Manual", `arn:aws:sns:${region}:${account}:payments-prod-pipeline-events`]);
            const allowed = statements(json(byName(preview, "iam-codepipeline-policy").inputs.policy));
            assert.deepStrictEqual(allowed.find(s => s.Sid === "NotifyApprovers")?.Resource, approval.configuration.NotificationArn);
        });

        it("uses the configured connection (nothing created) and scopes UseConnection to it", () => {
            assert.deepStrictEqual(ofType(preview, "aws:codestarconnections/connection:Connection"), []);
            assert.strictEqual(byName(preview, "pipeline").inputs.stages[0].actions[0].configuration.ConnectionArn, connectionArn);
            const use = statements(json(byName(preview, "iam-codepipeline-policy").inputs.policy)).find(s => s.Sid === "UseSourceConnection");
            assert.deepStrictEqual([use.Action, use.Resource], [["codestar-connections:UseConnection"], connectionArn]);
        });

        it("tags say prod, the service runs two tasks, and the e-mail subscriber is added", () => {
            assert.strictEqual(json(byName(preview, "aws").inputs.defaultTags).tags.Environment, "prod");
            assert.strictEqual(byName(preview, "runtime-service").inputs.desiredCount, 2);
            assert.deepStrictEqual(byName(preview, "monitoring-email").inputs.protocol, "email");
        });

        it("zero diagnostics in preview and update mode, summary.undecidable 0", () => {
            assert.strictEqual(describeDiagnostics(preview), "");
            assert.strictEqual(describeDiagnostics(update), "");
            assert.deepStrictEqual([preview.summary.undecidable, update.summary.undecidable], [0, 0]);
        });
    });
});
