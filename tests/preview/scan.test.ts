// Many projects at once (`--programs`): discovery, each project with its own stack config, one
// combined report, the worst exit code, a failing project not stopping the others.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { discoverProjects, globToRegExp } from "../../preview/src/scan/discover";
import { runMany } from "../../preview/src/scan/run-many";
import { fixturesDir, repoRoot } from "../helpers/preview";

const monorepo = path.join(fixturesDir, "monorepo");
const echoPack = path.join(fixturesDir, "packs", "echo-pack");
const cli = path.join(repoRoot, "preview", "bin", "pulumi-offline-preview.js");

function run(args: string[]) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: "utf8", timeout: 300_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("scanning many projects (--programs)", function () {
    this.timeout(300_000);

    it("matches globs as shells do: * within a segment, ** across segments", () => {
        const cases: [string, string, boolean][] = [
            ["infra/**/Pulumi.yaml", "infra/keys/Pulumi.yaml", true],
            ["infra/**/Pulumi.yaml", "infra/Pulumi.yaml", true],
            ["infra/**/Pulumi.yaml", "infra/a/b/Pulumi.yaml", true],
            ["infra/*/Pulumi.yaml", "infra/a/b/Pulumi.yaml", false],
            ["*/keys", "infra/keys", true],
            ["app?/x", "apps/x", true],
            ["a.b", "axb", false],
        ];
        for (const [pattern, p, expected] of cases) {
            assert.strictEqual(globToRegExp(pattern).test(p), expected, `${pattern} vs ${p}`);
        }
    });

    it("finds every Node.js project under a folder or matching a pattern, and lists the others as skipped", () => {
        const all = discoverProjects(monorepo);
        assert.deepStrictEqual(all.projects.map(p => path.relative(monorepo, p)), ["apps/broken", "infra/keys", "infra/storage"]);
        assert.deepStrictEqual(all.skipped.map(s => [path.relative(monorepo, s.dir), s.reason]), [["tools/python-thing", "runtime python"]]);
        const infra = discoverProjects(path.join(path.relative(process.cwd(), monorepo), "infra/**/Pulumi.yaml"));
        assert.deepStrictEqual(infra.projects.map(p => path.relative(monorepo, p)), ["infra/keys", "infra/storage"]);
        assert.throws(() => discoverProjects(path.join(monorepo, "tools")), /no Pulumi Node.js project found \(1 of other runtimes skipped\)/);
    });

    it("runs each project with its own stack config, and one failure does not stop the others", async () => {
        const outcomes = await runMany(discoverProjects(monorepo).projects, { policyPacks: [echoPack], stack: "prod", programOutput: () => undefined }, { parallel: 2 });
        const byName = Object.fromEntries(outcomes.map(o => [path.basename(o.dir), o]));
        assert.strictEqual(byName.broken.result?.failure?.kind, "program");
        assert.strictEqual(byName.keys.result?.failure, undefined);
        const bucket = byName.storage.result!.resources.find(r => r.name === "data")!;
        assert.strictEqual(bucket.inputs.region, "eu-central-1", "Pulumi.prod.yaml of that project");
    });

    it("writes one report, text or JSON, with the worst exit code", () => {
        const text = run(["--programs", monorepo, "--policy-pack", echoPack, "--parallel", "3"]);
        assert.strictEqual(text.code, 2, text.stderr);
        assert.match(text.stdout, /^Project\s+Resources\s+Mandatory\s+Advisory\s+Undecidable\s+Not analysed\s+Status\n/);
        assert.match(text.stdout, /infra\/storage\s+3\s+1\s+\d+\s+0\s+0\s+violations/);
        assert.match(text.stdout, /infra\/keys\s+3\s+0\s+\d+\s+0\s+0\s+ok/);
        assert.match(text.stdout, /apps\/broken\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+program failed/);
        assert.match(text.stdout, /skipped .*tools\/python-thing: runtime python/);
        assert.match(text.stderr, /\[3\/3\] /, "a progress line per project");

        const json = run(["--programs", `${path.relative(repoRoot, monorepo)}/infra/**/Pulumi.yaml`, "--policy-pack", echoPack, "--format", "json", "--quiet"]);
        assert.strictEqual(json.code, 1, json.stderr);
        const doc = JSON.parse(json.stdout);
        assert.deepStrictEqual(doc.projects.map((p: any) => [path.basename(p.dir), p.status]), [["keys", "ok"], ["storage", "violations"]]);
        const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "preview", "schema", "report.schema.json"), "utf8"));
        const validate = new Ajv({ allErrors: true }).compile(schema);
        for (const p of doc.projects) assert.ok(validate(p.report), JSON.stringify(validate.errors));

        const sarif = run(["--programs", `${path.relative(repoRoot, monorepo)}/infra/**/Pulumi.yaml`, "--policy-pack", echoPack, "--format", "sarif", "--quiet"]);
        assert.deepStrictEqual(JSON.parse(sarif.stdout).runs.map((r: any) => r.automationDetails.id), ["pulumi-offline-preview/keys/dev/", "pulumi-offline-preview/storage/dev/"]);
    });
});
