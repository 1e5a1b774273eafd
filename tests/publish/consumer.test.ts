// Organisation-wide enforcement as it really runs, outside this repository: the pack as
// `pulumi policy publish` packs it (npm pack) and a consumer's CLI installs it
// (pkg/backend/httpstate/policypack.go installRequiredPolicy: the tarball's package/ folder becomes
// ~/.pulumi/policies/<org>/pulumi-analyzer-<name>-v<version>, then a plain `npm install
// --loglevel=error` there, with no lockfile but the shrinkwrap the tarball carries), started
// through the engine's launch path; and the reference stack copied alone into an empty folder.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { runPreview } from "../../preview/src";
import { policyPackDir, repoRoot } from "../helpers/preview";

const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("organisation-wide: the published pack and the copied stack, outside the repository", function () {
    this.timeout(900_000);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
    const manifest = JSON.parse(fs.readFileSync(path.join(policyPackDir, "package.json"), "utf8"));
    const installed = path.join(home, ".pulumi", "policies", "example-org", `pulumi-analyzer-${manifest.name.replace(/\./g, "_")}-v${manifest.version}`);
    let files: string[];

    before(() => {
        // What `pulumi policy publish ./policy` runs (sdk/nodejs/npm/npm.go:139 Pack).
        const packed = JSON.parse(npm(["pack", "--json", "--loglevel=error", "--pack-destination", home], policyPackDir))[0];
        files = packed.files.map((f: any) => f.path);
        const extracted = path.join(home, "extract");
        fs.mkdirSync(extracted);
        execFileSync("tar", ["-xzf", path.join(home, packed.filename), "-C", extracted]);
        fs.mkdirSync(path.dirname(installed), { recursive: true });
        fs.renameSync(path.join(extracted, "package"), installed);
        // What the consumer's CLI runs there (sdk/nodejs/npm/npm.go:82 Install, without --production).
        npm(["install", "--loglevel=error", "--no-audit", "--no-fund"], installed);
    });
    after(() => fs.rmSync(home, { recursive: true, force: true }));

    it("ships the compiled pack, its config and its pinned dependencies, and nothing of the repository", () => {
        assert.ok(files.includes("bin/index.js") && files.includes("PulumiPolicy.yaml") && files.includes("npm-shrinkwrap.json"));
        assert.deepStrictEqual(files.filter(f => !/^bin\/.*\.js$/.test(f) && !["PulumiPolicy.yaml", "package.json", "npm-shrinkwrap.json", "README.md"].includes(f)), []);
        assert.ok(!fs.existsSync(path.join(installed, "tsconfig.json")), "no tsconfig that extends a file the consumer lacks");
        for (const [dep, version] of Object.entries<string>(manifest.dependencies)) {
            assert.match(version, /^\d+\.\d+\.\d+$/, `${dep} is pinned exactly`);
            const got = JSON.parse(fs.readFileSync(path.join(installed, "node_modules", dep, "package.json"), "utf8")).version;
            assert.strictEqual(got.replace(/^v/, ""), version, `${dep} as installed by the consumer`);
        }
    });

    it("starts on the consumer's machine through the engine's launch path and judges a violating and a compliant resource", async () => {
        const r = await runPreview({
            policyPacks: [installed], project: "consumer", stack: "prod", config: { "aws:region": "eu-west-1" },
            programOutput: () => undefined,
            program: () => {
                new aws.kms.Key("rotating", { enableKeyRotation: true, tags: { Environment: "production", Owner: "o", DataClassification: "d" } });
                new aws.kms.Key("static", { tags: { Environment: "production", Owner: "o", DataClassification: "d" } });
            },
        });
        assert.deepStrictEqual(r.policyPacks.map(p => [p.name, p.version]), [[manifest.name, manifest.version]]);
        const rotation = r.diagnostics.filter(d => d.policyName === "kms-key-rotation-enabled");
        assert.deepStrictEqual(rotation.map(d => [d.resourceName, d.enforcementLevel]), [["static", "mandatory"]]);
    });

    it("the reference stack, copied alone into an empty folder and installed, passes the installed pack with zero findings", async () => {
        const stack = path.join(home, "payments-stack");
        fs.cpSync(path.join(repoRoot, "stack"), stack, { recursive: true, filter: src => !src.includes(`${path.sep}node_modules`) });
        npm(["install", "--loglevel=error", "--no-audit", "--no-fund"], stack);
        for (const mode of ["preview", "update"] as const) {
            const r = await runPreview({ programDir: stack, policyPacks: [installed], mode, programOutput: () => undefined });
            assert.strictEqual(r.failure, undefined, JSON.stringify(r.failure));
            assert.ok(r.resources.length > 80, `${mode}: the whole stack registered (${r.resources.length})`);
            assert.deepStrictEqual(r.diagnostics.map(d => `${d.policyName} ${d.resourceName}`), [], `${mode}: no finding`);
        }
    });
});
