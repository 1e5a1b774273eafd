import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult, runPreview, wire } from "../../preview/src";
import { fixturesDir, previewProgram } from "../helpers/preview";

const echoPack = path.join(fixturesDir, "packs", "echo-pack");
const componentProgram = path.join(fixturesDir, "programs", "component-program");

function resource(result: PreviewResult, name: string) {
    const r = result.resources.find(x => x.name === name);
    assert.ok(r, `resource ${name} was not captured`);
    return r;
}

function echoed(result: PreviewResult, policyName: string, resourceName?: string): any {
    const d = result.diagnostics.find(x => x.policyName === policyName && (resourceName === undefined || x.resourceName === resourceName));
    assert.ok(d, `no ${policyName} diagnostic`);
    return JSON.parse(d.message.slice(d.message.indexOf("\n") + 1));
}

describe("offline preview: capturing a program", () => {
    let result: PreviewResult;
    const stackUrn = "urn:pulumi:dev::component-program::pulumi:pulumi:Stack::component-program-dev";
    const componentUrn = "urn:pulumi:dev::component-program::test:storage:ArtifactStore::artifacts";
    const bucketUrn = "urn:pulumi:dev::component-program::test:storage:ArtifactStore$aws:s3/bucket:Bucket::artifacts-bucket";
    const providerUrn = "urn:pulumi:dev::component-program::pulumi:providers:aws::default_7_48_0";

    before(async () => {
        result = await runPreview({
            programDir: componentProgram,
            policyPacks: [echoPack],
            secrets: { keyDescription: "very-secret-description" },
            typeCheck: false,
        });
    });

    it("gives resources engine URNs, with the parent's type chained for children of components", () => {
        assert.deepStrictEqual(result.resources.map(r => r.urn).sort(), [
            stackUrn,
            componentUrn,
            providerUrn,
            bucketUrn,
            "urn:pulumi:dev::component-program::test:storage:ArtifactStore$aws:s3/bucketVersioning:BucketVersioning::artifacts-versioning",
            "urn:pulumi:dev::component-program::aws:kms/key:Key::key",
            "urn:pulumi:dev::component-program::aws:kms/alias:Alias::key-alias",
        ].sort());
        assert.strictEqual(resource(result, "artifacts").parent, stackUrn);
        assert.strictEqual(resource(result, "artifacts-bucket").parent, componentUrn);
        assert.strictEqual(resource(result, "component-program-dev").parent, undefined);
    });

    it("records property dependencies and explicit dependencies", () => {
        const versioning = resource(result, "artifacts-versioning");
        assert.deepStrictEqual(versioning.propertyDependencies.bucket, [bucketUrn]);
        const alias = resource(result, "key-alias");
        // As in the real SDK, depending on a component means depending on the resources inside it.
        assert.ok(alias.dependencies.includes(bucketUrn), "dependsOn a component reaches its children");
        assert.deepStrictEqual(alias.propertyDependencies.targetKeyId, ["urn:pulumi:dev::component-program::aws:kms/key:Key::key"]);
    });

    it("synthesises the default provider from stack config and points custom resources at it", () => {
        const provider = resource(result, "default_7_48_0");
        assert.strictEqual(provider.type, "pulumi:providers:aws");
        assert.strictEqual(provider.inputs.region, "eu-central-1");
        assert.strictEqual(provider.inputs.version, "7.48.0");
        assert.strictEqual(resource(result, "artifacts-bucket").provider, providerUrn);
        assert.strictEqual(resource(result, "artifacts").provider, undefined, "components have no provider");
    });

    it("passes stack config (Pulumi.<stack>.yaml and project defaults) and secrets to the program", () => {
        const bucket = resource(result, "artifacts-bucket");
        assert.strictEqual(bucket.inputs.bucket, "team-a-artifacts");
        assert.deepStrictEqual(bucket.inputs.tags, { Greeting: "hello" });
        const key = resource(result, "key");
        assert.ok(wire.isSecret(key.inputs.description), "a secret config value stays secret on the wire");
        assert.strictEqual(key.inputs.description.value, "very-secret-description");
    });

    it("leaves output-only properties unknown in preview mode, and what depends on them", () => {
        const key = resource(result, "key");
        assert.strictEqual(key.outputs.arn, wire.unknownString);
        assert.strictEqual(key.id, undefined);
        const stack = resource(result, "component-program-dev");
        assert.strictEqual(stack.outputs.bucketName, "team-a-artifacts");
        assert.strictEqual(stack.outputs.keyArn, wire.unknownString);
        assert.strictEqual(resource(result, "key-alias").inputs.targetKeyId, wire.unknownString);
    });

    it("hands the pack the same graph in AnalyzeStack, and the run context in ConfigureStack", () => {
        const graph: any[] = echoed(result, "echo-stack");
        const bucket = graph.find(g => g.urn === bucketUrn);
        assert.strictEqual(bucket.parent, componentUrn);
        assert.strictEqual(bucket.provider, providerUrn);
        const versioning = graph.find(g => g.urn.endsWith("::artifacts-versioning"));
        assert.deepStrictEqual(versioning.propertyDependencies, { bucket: [bucketUrn] });
        const ctx = echoed(result, "echo-context");
        assert.strictEqual(ctx.project, "component-program");
        assert.strictEqual(ctx.stack, "dev");
        assert.strictEqual(ctx.dryRun, "true");
        assert.strictEqual(ctx.cwd, echoPack, "the pack runs with its own folder as cwd");
        assert.ok(ctx.configKeys.includes("aws:region") && ctx.configKeys.includes("component-program:keyDescription"));
        // main.go RunPlugin: the language host passes no PULUMI_CONFIG_SECRET_KEYS to a pack.
        assert.deepStrictEqual(ctx.secretKeys, []);
    });

    it("never shows a secret value in the report, even when a policy echoes it", () => {
        const text = JSON.stringify(result.diagnostics);
        assert.ok(!text.includes("very-secret-description"));
    });
});

describe("offline preview: preview and update modes", () => {
    const program = () => {
        const bucket = new aws.s3.Bucket("data");
        const role = new aws.iam.Role("deployer", {
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
        });
        new aws.cloudwatch.LogGroup("build-logs", { retentionInDays: 365 });
        new aws.iam.RolePolicy("unknown-policy", {
            role: role.id,
            policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: pulumi.interpolate`${bucket.arn}/*` }] }),
        });
        const identity = aws.getCallerIdentityOutput();
        const doc = aws.iam.getPolicyDocumentOutput({
            statements: [{ actions: ["s3:GetObject"], resources: [pulumi.interpolate`arn:aws:s3:::known-${identity.accountId}/*`] }],
        });
        new aws.iam.Policy("probe-policy", { policy: doc.json });
        const tagged = new aws.Provider("tagged", { region: "us-west-2", defaultTags: { tags: { Owner: "payments" } } });
        new aws.sns.Topic("probe-topic", {}, { provider: tagged });
        new aws.sqs.Queue("renamed", {}, { aliases: [{ name: "old-queue" }], protect: true, ignoreChanges: ["tags"] });
        aws.s3.Bucket.get("probe-existing", "existing-bucket");
    };
    let preview: PreviewResult;
    let update: PreviewResult;

    before(async () => {
        [preview, update] = await Promise.all([
            previewProgram(program, { policyPacks: [echoPack] }),
            previewProgram(program, { policyPacks: [echoPack], mode: "update" }),
        ]);
    });

    it("autonames like the provider's Check in both modes, deterministically", () => {
        const p = resource(preview, "data").inputs.bucket;
        assert.match(p, /^data-[0-9a-f]{7}$/);
        assert.strictEqual(resource(update, "data").inputs.bucket, p);
    });

    it("preview: ARNs of new resources are unknown; update: they are realistic for the type and region", () => {
        assert.strictEqual(resource(preview, "data").outputs.arn, wire.unknownString);
        const bucket = resource(update, "data");
        assert.strictEqual(bucket.outputs.arn, `arn:aws:s3:::${bucket.inputs.bucket}`);
        assert.strictEqual(bucket.id, bucket.inputs.bucket);
        assert.match(resource(update, "deployer").outputs.arn, /^arn:aws:iam::123456789012:role\/deployer-[0-9a-f]{7}$/);
        assert.match(resource(update, "build-logs").outputs.arn, /^arn:aws:logs:eu-west-1:123456789012:log-group:build-logs-[0-9a-f]{7}$/);
        assert.match(resource(update, "probe-topic").outputs.arn, /^arn:aws:sns:us-west-2:123456789012:probe-topic-/, "an explicit provider's region applies");
    });

    it("a policy document built on a new resource's ARN is undecidable in preview and decided in update", () => {
        const pd = preview.diagnostics.filter(d => d.policyName === "read-unknown");
        assert.deepStrictEqual(pd.map(d => [d.enforcementLevel, d.undecidable]), [["advisory", true]]);
        assert.match(pd[0].message, /can't run policy 'read-unknown'.*during preview/);
        assert.strictEqual(preview.summary.undecidable, 1);
        const ud = update.diagnostics.filter(d => d.policyName === "read-unknown");
        assert.deepStrictEqual(ud.map(d => [d.enforcementLevel, d.undecidable]), [["mandatory", false]]);
        assert.strictEqual(update.summary.undecidable, 0);
        assert.strictEqual(echoed(update, "echo-context").dryRun, "false");
    });

    it("answers data sources offline: getPolicyDocument renders real JSON from known inputs", () => {
        const probe = echoed(preview, "echo-inputs", "probe-policy");
        assert.deepStrictEqual(JSON.parse(probe.props.policy), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::known-123456789012/*" }],
        });
    });

    it("records aliases as URNs and resource options, as the engine hands them to analyzers", () => {
        const queue = resource(preview, "renamed");
        assert.deepStrictEqual(queue.aliasUrns, ["urn:pulumi:dev::test::aws:sqs/queue:Queue::old-queue"]);
        // step_generator.go:771-825: analyzers get the alias that matched old state; a new stack has none.
        assert.deepStrictEqual(queue.options.aliases, []);
        assert.deepStrictEqual(echoed(preview, "echo-inputs", "probe-topic").opts.aliases, []);
        assert.strictEqual(queue.options.protect, true);
        assert.deepStrictEqual(queue.options.ignoreChanges, ["tags"]);
    });

    it("reads (Resource.get) take part in neither Analyze nor AnalyzeStack, as in the engine", () => {
        const existing = resource(preview, "probe-existing");
        assert.strictEqual(existing.external, true);
        assert.strictEqual(existing.id, "existing-bucket");
        assert.deepStrictEqual(preview.diagnostics.filter(d => d.policyName === "echo-inputs" && d.resourceName === "probe-existing"), []);
        // step_executor.go:575: reads go to `reads`, and AnalyzeStack ranges over `news` only.
        const graph: any[] = echoed(preview, "echo-stack");
        assert.strictEqual(graph.find(g => g.urn.endsWith("::probe-existing")), undefined);
    });

    it("hands analyzers the explicit provider with its inputs (default tags)", () => {
        const probe = echoed(preview, "echo-inputs", "probe-topic");
        assert.strictEqual(probe.provider.urn, "urn:pulumi:dev::test::pulumi:providers:aws::tagged");
        // The SDK sends structured provider inputs as JSON strings, and so the engine hands them on.
        assert.deepStrictEqual(JSON.parse(probe.provider.props.defaultTags), { tags: { Owner: "payments" } });
        assert.strictEqual(probe.opts.parent, "urn:pulumi:dev::test::pulumi:pulumi:Stack::test-dev");
    });
});
