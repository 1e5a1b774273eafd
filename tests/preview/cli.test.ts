import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import { fixturesDir, repoRoot } from "../helpers/preview";

const cli = path.join(repoRoot, "preview", "bin", "pulumi-offline-preview.js");
const echoPack = path.join(fixturesDir, "packs", "echo-pack");
const componentProgram = path.join(fixturesDir, "programs", "component-program");
const advisoryConfig = path.join(fixturesDir, "packs", "echo-pack-advisory.json");

function run(args: string[]) {
    const r = spawnSync(process.execPath, [cli, "--quiet", ...args], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpFile(name: string, content?: string): string {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cli-")), name);
    if (content !== undefined) fs.writeFileSync(f, content);
    return f;
}

const programArgs = ["--program", componentProgram, "--policy-pack", echoPack, "--secret", "keyDescription=hush-hush-value", "--transpile-only"];

/** A small `pulumi stack export` (deployment v3) with a secret in plaintext and one still encrypted. */
function stateExport(): object {
    const stack = "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod";
    const provider = "urn:pulumi:prod::shop::pulumi:providers:aws::default_7_48_0";
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-01-01T00:00:00Z", magic: "x", version: "v3.200.0" },
            resources: [
                { urn: stack, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
                { urn: provider, custom: true, id: "11111111-2222", type: "pulumi:providers:aws", inputs: { region: "eu-west-1" }, outputs: { region: "eu-west-1" } },
                {
                    urn: "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::orders", custom: true, id: "orders-1234567", type: "aws:s3/bucket:Bucket",
                    parent: stack, provider: `${provider}::11111111-2222`,
                    inputs: { bucket: "orders-1234567", tags: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: "{\"Token\":\"state-secret-token\"}" } },
                    outputs: { bucket: "orders-1234567", arn: "arn:aws:s3:::orders-1234567", policy: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "AAAA" } },
                },
            ],
        },
    };
}

describe("offline preview CLI", () => {
    before(() => {
        fs.writeFileSync(advisoryConfig, JSON.stringify({ "flag-buckets": "advisory" }));
    });
    after(() => fs.rmSync(advisoryConfig, { force: true }));

    it("prints the preview like `pulumi preview` and exits 1 on a mandatory violation", () => {
        const r = run(programArgs);
        assert.strictEqual(r.code, 1, r.stderr);
        assert.match(r.stdout, /Previewing update \(dev\)/);
        assert.match(r.stdout, /[├└]─ aws:s3\/bucket:Bucket\s+artifacts-bucket\s+create/);
        assert.match(r.stdout, /Policies:\n    ❌ echo-pack@v1\.2\.3/);
        assert.match(r.stdout, /- \[mandatory\]  \[severity: high\]  flag-buckets \(aws:s3\/bucket:Bucket: artifacts-bucket\)/);
        assert.match(r.stdout, /Policy summary: 1 mandatory, \d+ advisory, 0 remediated, 0 undecidable/);
        assert.ok(!r.stdout.includes("hush-hush-value"), "secrets never reach the output");
    });

    it("exits 0 when no violation is mandatory (level lowered with --policy-pack-config)", () => {
        const r = run([...programArgs, "--policy-pack-config", advisoryConfig]);
        assert.strictEqual(r.code, 0, r.stderr);
        assert.match(r.stdout, /- \[advisory\]  \[severity: high\]  flag-buckets/);
    });

    it("writes JSON that validates against the report schema", () => {
        const out = tmpFile("report.json");
        const r = run([...programArgs, "--format", "json", "--output", out]);
        assert.strictEqual(r.code, 1, r.stderr);
        assert.strictEqual(r.stdout, "");
        const report: any = JSON.parse(fs.readFileSync(out, "utf8"));
        const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "preview", "schema", "report.schema.json"), "utf8"));
        const validate = new Ajv({ allErrors: true }).compile<any>(schema);
        const valid = validate(report);
        assert.ok(valid, JSON.stringify(validate.errors));
        assert.deepStrictEqual(report.policyPacks, [{ name: "echo-pack", version: "1.2.3" }]);
        assert.strictEqual(report.mode, "preview");
        assert.strictEqual(report.resources, 7);
        const flag = report.diagnostics.find((d: any) => d.policyName === "flag-buckets");
        assert.deepStrictEqual(flag.framework, { name: "Test", version: "1", reference: "1.2.3", specification: "test" });
        assert.strictEqual(report.summary.mandatory, 1);
    });

    it("writes SARIF 2.1.0 that validates against the official schema", () => {
        const r = run([...programArgs, "--format", "sarif"]);
        assert.strictEqual(r.code, 1, r.stderr);
        const sarif: any = JSON.parse(r.stdout);
        const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "tests", "schemas", "sarif-2.1.0-rtm.5.json"), "utf8"));
        const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile<any>(schema);
        const valid = validate(sarif);
        assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5)));
        const run0 = sarif.runs[0];
        assert.deepStrictEqual(run0.tool.driver.rules.map((x: any) => x.id).sort(),
            ["echo-pack/echo-context", "echo-pack/echo-inputs", "echo-pack/echo-stack", "echo-pack/flag-buckets", "echo-pack/read-unknown"]);
        const result = run0.results.find((x: any) => x.ruleId === "echo-pack/flag-buckets");
        assert.strictEqual(result.level, "error");
        assert.strictEqual(run0.tool.driver.rules[result.ruleIndex].id, result.ruleId);
        assert.strictEqual(result.locations[0].physicalLocation.artifactLocation.uri, "tests/fixtures/programs/component-program/index.ts");
        assert.strictEqual(result.locations[0].logicalLocations[0].fullyQualifiedName,
            "urn:pulumi:dev::component-program::test:storage:ArtifactStore$aws:s3/bucket:Bucket::artifacts-bucket");
    });

    it("judges a `pulumi stack export` file: inputs with Analyze, outputs with AnalyzeStack", () => {
        const file = tmpFile("state.json", JSON.stringify(stateExport()));
        const r = run(["--state", file, "--policy-pack", echoPack, "--format", "json"]);
        assert.strictEqual(r.code, 1, r.stderr);
        const report = JSON.parse(r.stdout);
        assert.strictEqual(report.mode, "update");
        assert.strictEqual(report.resources, 3);
        assert.deepStrictEqual(report.diagnostics.filter((d: any) => d.policyName === "flag-buckets").map((d: any) => d.urn),
            ["urn:pulumi:prod::shop::aws:s3/bucket:Bucket::orders"]);
        const graph = JSON.parse(report.diagnostics.find((d: any) => d.policyName === "echo-stack").message.split("\n").slice(1).join("\n"));
        const orders = graph.find((g: any) => g.urn.endsWith("::orders"));
        assert.strictEqual(orders.provider, "urn:pulumi:prod::shop::pulumi:providers:aws::default_7_48_0");
        assert.strictEqual(orders.outputs.arn, "arn:aws:s3:::orders-1234567");
        assert.ok(!r.stdout.includes("state-secret-token"), "a decrypted secret from the export stays out of the report");
    });

    it("exits 2 for a program that fails, with the program's own message as the CLI shows it, marked as the program's", () => {
        const r = run(["--program", path.join(fixturesDir, "programs", "throwing-program"), "--policy-pack", echoPack, "--transpile-only"]);
        assert.strictEqual(r.code, 2, `${r.stdout}\n${r.stderr}`);
        assert.match(r.stderr, /^error: Program throwing-program \(.*throwing-program\) exited with code 32\.\n    Missing required configuration variable 'throwing-program:serviceName'\n/);
        assert.match(r.stderr, /This is the program's own error/);
        assert.doesNotMatch(r.stderr, /offline-preview|preview\/dist/, "nothing of ours in it");
    });

    const usageErrors: [string, string[], RegExp][] = [
        ["an unknown option", ["--frobnicate"], /Unknown option '--frobnicate'.*--help/],
        ["a bad mode", ["--mode", "apply"], /--mode must be 'preview' or 'update'/],
        ["a missing policy pack folder", ["--program", componentProgram, "--policy-pack", "nope/"], /Policy pack folder nope\/ does not exist/],
        ["a folder without Pulumi.yaml", ["--program", fixturesDir, "--policy-pack", echoPack], /No Pulumi.yaml in .*fixtures/],
        ["a pack that prints to stdout before its port", ["--program", componentProgram, "--policy-pack", path.join(fixturesDir, "packs", "stdout-pack"), "--secret", "keyDescription=x", "--transpile-only"],
            /wrote 'loading my policies...' to stdout before its port/],
        ["a policy that throws", ["--program", componentProgram, "--policy-pack", path.join(fixturesDir, "packs", "throwing-pack"), "--secret", "keyDescription=x", "--transpile-only"],
            /throwing-pack failed in analyze: Error validating resource with policy 'always-throws'/],
        ["a state file that is not JSON", ["--state", "tests/fixtures/programs/throwing-program/index.ts", "--policy-pack", echoPack], /State file .*index.ts is not valid JSON/],
        ["a state file of an unknown version", ["--state", "__VERSION9__", "--policy-pack", echoPack], /deployment version 9; this tool reads versions 1, 2, 3/],
    ];
    for (const [what, args, message] of usageErrors) {
        it(`exits 2 with a one-paragraph message for ${what}`, () => {
            const resolved = args.map(a => a === "__VERSION9__" ? tmpFile("v9.json", JSON.stringify({ version: 9, deployment: {} })) : a);
            const r = run(resolved);
            assert.strictEqual(r.code, 2, `${r.stdout}\n${r.stderr}`);
            assert.match(r.stderr, /^error: /);
            assert.match(r.stderr, message);
            assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
            assert.strictEqual(r.stderr.trim().split("\n").length, 1, "one paragraph");
        });
    }
});
