// What the engine does that a policy, or the exit code, can see — each checked against the engine's
// source (the file:line is in the offline preview's code) with a program that would have told the
// old capture apart.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult, runPreview } from "../../preview/src";
import { fixturesDir, previewProgram } from "../helpers/preview";

const echoPack = path.join(fixturesDir, "packs", "echo-pack");

/** A resource of a made-up provider, for properties no real provider would take. */
class Thing extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs, type = "test:index:Thing") {
        super(type, name, props);
    }
}
const mainPack = path.join(fixturesDir, "packs", "main-pack");

function echoed(result: PreviewResult, policy: string, resource?: string): any {
    const d = result.diagnostics.find(x => x.policyName === policy && (resource === undefined || x.resourceName === resource));
    assert.ok(d, `no ${policy} diagnostic${resource ? ` for ${resource}` : ""}`);
    return JSON.parse(d.message.slice(d.message.indexOf("\n") + 1));
}

describe("engine behaviour a policy can see", function () {
    this.timeout(120_000);

    it("update mode stops at the first mandatory violation, as `pulumi up --skip-preview` does: no AnalyzeStack", async () => {
        const r = await previewProgram(() => {
            const first = new aws.s3.Bucket("first");
            first.id.apply(() => new aws.s3.Bucket("second"));
        }, { policyPacks: [echoPack], mode: "update", stopOnMandatory: true, allowFailure: true });
        assert.strictEqual(r.failure?.kind, "stopped");
        assert.match(r.failure!.message, /resource urn:pulumi:dev::test::aws:s3\/bucket:Bucket::first is invalid: policy flag-buckets/);
        assert.deepStrictEqual(r.diagnostics.filter(d => d.policyName === "flag-buckets").map(d => d.resourceName), ["first"]);
        assert.ok(!r.resources.some(x => x.name === "second"), "nothing registers after the invalid resource");
        assert.deepStrictEqual(r.diagnostics.filter(d => d.policyName === "echo-stack"), []);
    });

    it("a preview goes on past mandatory violations and runs AnalyzeStack", async () => {
        const r = await previewProgram(() => {
            new aws.s3.Bucket("first");
            new aws.s3.Bucket("second");
        }, { policyPacks: [echoPack], stopOnMandatory: true });
        assert.deepStrictEqual(r.diagnostics.filter(d => d.policyName === "flag-buckets").map(d => d.resourceName).sort(), ["first", "second"]);
        assert.strictEqual(r.diagnostics.filter(d => d.policyName === "echo-stack").length, 1);
    });

    it("a violation at level remediate counts as mandatory", async () => {
        const r = await previewProgram(() => { new aws.s3.Bucket("b"); },
            { policyPacks: [echoPack], policyPackConfigs: [{ "flag-buckets": "remediate" }] });
        assert.deepStrictEqual(r.diagnostics.filter(d => d.policyName === "flag-buckets").map(d => d.enforcementLevel), ["mandatory"]);
        assert.strictEqual(r.summary.mandatory, 1);
    });

    it("applies stack and resource transforms before Analyze", async () => {
        const r = await runPreview({ programDir: path.join(fixturesDir, "programs", "transforms"), policyPacks: [echoPack], typeCheck: false, programOutput: () => undefined });
        assert.strictEqual(r.failure, undefined, JSON.stringify(r.failure));
        const bucket = r.resources.find(x => x.name === "tagged-bucket")!;
        assert.deepStrictEqual(bucket.inputs.tags, { Owner: "platform", Environment: "development" });
        const queue = r.resources.find(x => x.name === "tagged-queue")!;
        assert.deepStrictEqual(queue.inputs.tags, { CostCentre: "42", Owner: "platform", Environment: "development" });
    });

    it("adds what the aws provider's Check adds: tagsAll (over defaultTags, {} without tags) and region", async () => {
        const r = await previewProgram(() => {
            const tagged = new aws.Provider("tagged", { region: "us-west-2", defaultTags: { tags: { Owner: "payments" } } });
            new aws.sns.Topic("probe-with-defaults", { tags: { Team: "a" } }, { provider: tagged });
            new aws.sns.Topic("probe-untagged");
        }, { policyPacks: [echoPack] });
        const withDefaults = echoed(r, "echo-inputs", "probe-with-defaults");
        assert.deepStrictEqual(withDefaults.props.tagsAll, { Owner: "payments", Team: "a" });
        assert.strictEqual(withDefaults.props.region, "us-west-2");
        const untagged = echoed(r, "echo-inputs", "probe-untagged");
        assert.deepStrictEqual(untagged.props.tagsAll, {});
        assert.strictEqual(untagged.props.region, "eu-west-1");
        // source_eval.go:2669: an explicit provider's inputs carry its plugin version.
        assert.strictEqual(withDefaults.provider.props.version, "7.48.0");
    });

    it("parses custom timeouts as Go durations, and drops top-level `__` keys from Analyze and AnalyzeStack", async () => {
        const r = await previewProgram(() => {
            new aws.sqs.Queue("probe-timeouts", {}, { customTimeouts: { create: "1h30m", update: "90s", delete: "1.5h" } });
            new Thing("probe-internal", { __defaults: ["name"], name: "x" });
        }, { policyPacks: [echoPack] });
        assert.deepStrictEqual(echoed(r, "echo-inputs", "probe-timeouts").opts.customTimeouts, { createSeconds: 5400, updateSeconds: 90, deleteSeconds: 5400 });
        assert.deepStrictEqual(echoed(r, "echo-inputs", "probe-internal").props, { name: "x" });
        const graph: any[] = echoed(r, "echo-stack");
        assert.deepStrictEqual(graph.find(g => g.urn.endsWith("::probe-internal")).outputs, { name: "x" });
    });

    it("an invalid custom timeout fails the registration with the engine's message", async () => {
        const r = await previewProgram(() => {
            new aws.sqs.Queue("q", {}, { customTimeouts: { create: "an hour" } });
        }, { policyPacks: [echoPack], allowFailure: true });
        assert.strictEqual(r.failure?.kind, "program");
        assert.match(r.failure!.details.join("\n") + r.failure!.message, /unable to parse customTimeout Value an hour/);
    });

    it("starts a pack from package.json main, with PulumiPolicy.yaml's version, and only the engine's variables", async () => {
        const r = await previewProgram(() => { new aws.s3.Bucket("b"); }, { policyPacks: [mainPack] });
        assert.deepStrictEqual(r.policyPacks.map(p => [p.name, p.version]), [["main-pack", "9.9.9"]]);
        const seen = echoed(r, "started-from-package-main");
        assert.strictEqual(seen.project, "test");
        const pulumiVars = seen.env.filter((k: string) => !(k in process.env));
        assert.deepStrictEqual(pulumiVars, ["PULUMI_CONFIG", "PULUMI_NODEJS_DRY_RUN", "PULUMI_NODEJS_ORGANIZATION",
            "PULUMI_NODEJS_PROJECT", "PULUMI_NODEJS_STACK", "PULUMI_NODEJS_TYPESCRIPT"]);
        assert.strictEqual(r.diagnostics.find(d => d.policyName === "started-from-package-main")!.policyPackVersion, "9.9.9");
    });

    it("--state judges existing state as `pulumi policy analyze --file`: reads too, no ConfigureStack, remediations not applied", async () => {
        const stack = "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod";
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "state-")), "state.json");
        fs.writeFileSync(file, JSON.stringify({
            version: 3,
            deployment: {
                resources: [
                    { urn: stack, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
                    { urn: "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::existing", custom: true, external: true, id: "existing", type: "aws:s3/bucket:Bucket", parent: stack, inputs: {}, outputs: { bucket: "existing" } },
                ],
            },
        }));
        const r = await runPreview({ stateFile: file, policyPacks: [echoPack, mainPack] });
        assert.deepStrictEqual(r.diagnostics.filter(d => d.policyName === "flag-buckets").map(d => d.resourceName), ["existing"], "a read is analysed");
        const graph: any[] = echoed(r, "echo-stack");
        assert.ok(graph.some(g => g.urn.endsWith("::existing")), "and is in AnalyzeStack");
        assert.strictEqual(echoed(r, "started-from-package-main").project, null, "no ConfigureStack, so no stack context");
    });
});
