// Each failure class seen on real public programs, as a minimal program: it now runs as it does
// under `pulumi preview`, through the same language-host path (its own process, its own folder).
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult, runPreview, toJson, toSarif, toText, wire } from "../../preview/src";
import { fixturesDir, previewProgram, repoRoot } from "../helpers/preview";

const echoPack = path.join(fixturesDir, "packs", "echo-pack");
const programs = path.join(fixturesDir, "programs");

/** What the echo pack saw as a resource's Analyze inputs. */
function inputsOf(result: PreviewResult, name: string): any {
    const d = result.diagnostics.find(x => x.policyName === "echo-inputs" && x.resourceName === name);
    assert.ok(d, `the pack saw no ${name}`);
    return JSON.parse(d.message.slice(d.message.indexOf("\n") + 1)).props;
}

function run(dir: string, o: { mode?: "preview" | "update"; typeCheck?: boolean } = {}): Promise<PreviewResult & { output: string }> {
    let output = "";
    return runPreview({
        programDir: path.join(programs, dir), policyPacks: [echoPack], mode: o.mode, typeCheck: o.typeCheck ?? false,
        programOutput: s => { output += s; }, stopOnMandatory: false,
    }).then(r => Object.assign(r, { output }));
}

describe("real programs: the failure classes seen on public programs", function () {
    this.timeout(180_000);
    let preview: PreviewResult & { output: string };
    let update: PreviewResult & { output: string };
    before(async () => {
        [preview, update] = await Promise.all([run("real-shapes"), run("real-shapes", { mode: "update" })]);
    });

    it("runs to the end in both modes", () => {
        assert.strictEqual(preview.failure, undefined, JSON.stringify(preview.failure));
        assert.strictEqual(update.failure, undefined, JSON.stringify(update.failure));
    });

    it("a resource passed as an input becomes its id (unknown until created), a component its URN", () => {
        assert.strictEqual(inputsOf(preview, "probe-attachment").role, wire.unknownString);
        const roleName = update.resources.find(r => r.name === "probe-role")!.id;
        assert.match(String(roleName), /^probe-role-[0-9a-f]{7}$/);
        assert.strictEqual(inputsOf(update, "probe-attachment").role, roleName);
        const refs = inputsOf(preview, "probe-refs");
        assert.strictEqual(refs.component, "urn:pulumi:dev::real-shapes::test:index:Holder::holder");
        assert.strictEqual(refs.custom, wire.unknownString);
    });

    it("reads files relative to the program's folder, as the CLI runs it there", () => {
        assert.deepStrictEqual(JSON.parse(inputsOf(preview, "probe-file-policy").policy).Statement[0].Resource, "arn:aws:s3:::probe-known/*");
    });

    it("serialises a Lambda closure (CallbackFunction) into the function's code", () => {
        const fn = preview.resources.find(r => r.type === "aws:lambda/function:Function" && r.name === "probe-callback");
        assert.ok(fn, "the callback function registered");
        assert.ok(fn.inputs.code && typeof fn.inputs.code === "object", "its code archive is an input");
    });

    it("answers the data sources the program branches on as AWS would shape them", () => {
        const instance = inputsOf(preview, "probe-instance");
        assert.match(instance.ami, /^ami-[0-9a-f]{17}$/);
        assert.match(instance.subnetId, /^subnet-[0-9a-f]{17}$/);
        const topic = inputsOf(preview, "probe-topic");
        assert.match(topic.kmsMasterKeyArn ?? topic.kmsMasterKeyId, /^arn:aws:kms:eu-west-1:123456789012:key\/[0-9a-f-]{36}$/);
        assert.match(topic.tags.Root, /^r-[0-9a-z]{4,32}$/);
        const stack = preview.resources.find(r => r.type === "pulumi:pulumi:Stack")!;
        assert.strictEqual(stack.outputs.subnetCount, 2);
    });

    it("passes the program's own output on (to stderr on the CLI), and nothing of it into the report", () => {
        assert.match(preview.output, /hello from the program/);
        const cli = spawnSync(process.execPath, [path.join(repoRoot, "preview", "bin", "pulumi-offline-preview.js"), "--quiet",
            "--program", path.join(programs, "real-shapes"), "--policy-pack", echoPack, "--transpile-only", "--format", "json"],
        { cwd: repoRoot, encoding: "utf8" });
        assert.match(cli.stderr, /hello from the program/);
        assert.strictEqual(JSON.parse(cli.stdout).project, "real-shapes", "stdout is the report alone");
    });

    it("runs ES-module programs, TypeScript and JavaScript, with top-level await", async () => {
        const [ts, js] = await Promise.all([run("esm-ts"), run("esm-js")]);
        assert.strictEqual(ts.failure, undefined, JSON.stringify(ts.failure));
        assert.strictEqual(js.failure, undefined, JSON.stringify(js.failure));
        assert.deepStrictEqual(inputsOf(ts, "probe-esm-bucket").tags, { Region: "us-east-1" });
        assert.strictEqual(inputsOf(js, "probe-esm-key").description, "key of 123456789012");
    });

    it("reports a TypeScript program that does not compile with every compiler diagnostic, file:line:col", async () => {
        const r = await run("type-error", { typeCheck: true });
        assert.strictEqual(r.failure?.kind, "program");
        const text = r.failure!.details.join("\n");
        assert.match(text, /index\.ts\(3,7\): error TS2322: Type 'string' is not assignable to type 'number'\./);
        assert.match(text, /index\.ts\(4,\d+\): error TS2322: Type 'number' is not assignable to type 'Input<string \| undefined>'\./);
    });

    it("a program that fails half-way still reports what the policies found before, then the error; no AnalyzeStack", async () => {
        const r = await run("half-way");
        assert.strictEqual(r.failure?.kind, "program");
        assert.match(r.failure!.details.join("\n"), /the program gave up after its first bucket/);
        assert.deepStrictEqual(r.diagnostics.filter(d => d.policyName === "flag-buckets").map(d => d.resourceName), ["first-bucket"]);
        assert.deepStrictEqual(r.diagnostics.filter(d => d.policyName === "echo-stack"), [], "deployment_executor.go:409 skips AnalyzeStack");
    });
});

describe("real programs: components implemented by provider plugins", function () {
    this.timeout(120_000);

    it("reports a plugin component without a model as not analysed, in the summary and the report", async () => {
        const r = await previewProgram(() => {
            new pulumi.ComponentResource("acme:index:Widget", "widget", {}, {}, true);
        }, { policyPacks: [echoPack] });
        assert.deepStrictEqual(r.notAnalysed.map(n => [n.type, n.name]), [["acme:index:Widget", "widget"]]);
        assert.match(r.notAnalysed[0].reason, /implemented by a provider plugin.*not analysed/);
        assert.strictEqual(r.summary.notAnalysed, 1);
        assert.match(toText(r), /Not analysed \(components implemented by provider plugins, without an offline model\):\n    acme:index:Widget: widget/);
        assert.match(toText(r), /1 component\(s\) not analysed/);
        const sarif: any = toSarif(r, { toolVersion: "0" });
        const note = sarif.runs[0].results.find((x: any) => x.ruleId === "pulumi-offline-preview/not-analysed");
        assert.strictEqual(note.level, "note");
        assert.strictEqual(note.locations[0].logicalLocations[0].fullyQualifiedName, "urn:pulumi:dev::test::acme:index:Widget::widget");
        assert.deepStrictEqual((toJson(r) as any).notAnalysed.map((n: any) => n.type), ["acme:index:Widget"]);
    });

    it("an opaque component's resource outputs are references the program can use, kept out of analysis", async () => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const awsx = require("@pulumi/awsx");
        const r = await previewProgram(() => {
            const nlb = new awsx.lb.NetworkLoadBalancer("nlb", {});
            // As pulumi-eks does with `cluster.eksCluster.urn`: a reference's URN is known during a preview.
            nlb.loadBalancer.urn.apply((urn: string) => new aws.sns.Topic("probe-after", { displayName: urn.split("::").pop() }));
        }, { policyPacks: [echoPack] });
        assert.deepStrictEqual(r.notAnalysed.map(n => n.type), ["awsx:lb:NetworkLoadBalancer"]);
        const standIn = r.resources.find(x => x.type === "aws:lb/loadBalancer:LoadBalancer")!;
        assert.strictEqual(standIn.external, true, "not analysed, like a read");
        assert.strictEqual(inputsOf(r, "probe-after").displayName, standIn.name);
        assert.ok(!r.diagnostics.some(d => d.urn === standIn.urn));
    });

    it("update mode: a modelled component's outputs have values, so programs can apply over them", async () => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const awsx = require("@pulumi/awsx");
        const r = await previewProgram(() => {
            const vpc = new awsx.ec2.Vpc("app", { numberOfAvailabilityZones: 2 });
            vpc.privateSubnetIds.apply((ids: string[]) => ids.map((id, i) => new aws.ec2.NetworkAcl(`acl-${i}`, { vpcId: vpc.vpcId, subnetIds: [id] })));
        }, { policyPacks: [echoPack], mode: "update" });
        const acls = r.resources.filter(x => x.type === "aws:ec2/networkAcl:NetworkAcl");
        assert.deepStrictEqual(acls.map(a => a.name), ["acl-0", "acl-1"]);
        for (const a of acls) assert.match(String((a.inputs.subnetIds as string[])[0]), /^subnet-/);
    });
});
