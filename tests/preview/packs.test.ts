import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { UserError, runPreview } from "../../preview/src";
import { fixturesDir, previewProgram } from "../helpers/preview";

const packs = path.join(fixturesDir, "packs");
const echoPack = path.join(packs, "echo-pack");
const secondPack = path.join(packs, "second-pack");

const twoResources = () => {
    new aws.s3.Bucket("logs", { bucket: "logs-bucket" });
    new aws.kms.Key("key", { enableKeyRotation: true });
};

async function expectUserError(run: () => Promise<unknown>, pattern: RegExp): Promise<UserError> {
    try {
        await run();
    } catch (e) {
        assert.ok(e instanceof UserError, `expected a UserError, got ${e}`);
        assert.match(e.describe(), pattern);
        assert.doesNotMatch(e.describe(), /\n\s+at /, "no stack trace in a user-facing error");
        return e;
    }
    assert.fail("expected the run to fail");
}

function processAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

function runPolicyPackPids(): number[] {
    return fs.readdirSync("/proc").filter(d => /^\d+$/.test(d)).map(Number).filter(pid => {
        try {
            return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("run-policy-pack") &&
                fs.readFileSync(`/proc/${pid}/status`, "utf8").includes(`PPid:\t${process.pid}`);
        } catch {
            return false;
        }
    });
}

describe("offline preview: policy packs", () => {
    it("applies each policy's level, and --policy-pack-config changes it (per policy and with all)", async () => {
        const base = await previewProgram(twoResources, { policyPacks: [echoPack] });
        const flag = (r: typeof base) => r.diagnostics.filter(d => d.policyName === "flag-buckets").map(d => d.enforcementLevel);
        assert.deepStrictEqual(flag(base), ["mandatory"]);
        assert.strictEqual(base.summary.mandatory, 1);

        const advisory = await previewProgram(twoResources, { policyPacks: [echoPack], policyPackConfigs: [{ "flag-buckets": "advisory" }] });
        assert.deepStrictEqual(flag(advisory), ["advisory"]);
        assert.strictEqual(advisory.summary.mandatory, 0);

        const disabled = await previewProgram(twoResources, { policyPacks: [echoPack], policyPackConfigs: [{ all: "disabled" }] });
        assert.deepStrictEqual(disabled.diagnostics, []);
    });

    it("sends the config schema's defaults and the user's values with Configure", async () => {
        const defaults = await previewProgram(twoResources, { policyPacks: [echoPack] });
        assert.match(defaults.diagnostics.find(d => d.policyName === "flag-buckets")!.message, /maxBuckets 0/);
        const file = path.join(fs.mkdtempSync("/tmp/packcfg-"), "config.json");
        fs.writeFileSync(file, JSON.stringify({ "flag-buckets": { maxBuckets: 5 } }));
        const configured = await previewProgram(twoResources, { policyPacks: [echoPack], policyPackConfigs: [file] });
        assert.match(configured.diagnostics.find(d => d.policyName === "flag-buckets")!.message, /maxBuckets 5/);
    });

    it("takes config as the CLI does: an unknown policy passes through (warned), a bad level or schema value stops the run", async () => {
        const unknown = await previewProgram(twoResources, { policyPacks: [echoPack], policyPackConfigs: [{ "no-such-policy": "advisory", all: {} }] });
        assert.ok(unknown.warnings.some(w => /configures policy 'no-such-policy', which pack echo-pack does not have/.test(w)), unknown.warnings.join("\n"));
        assert.deepStrictEqual(unknown.diagnostics.filter(d => d.policyName === "flag-buckets").map(d => d.enforcementLevel), ["mandatory"], '"all": {} sets nothing');
        // pkg/resource/plugin/analyzer_plugin.go:623: an entry without a level fails Configure.
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [echoPack], policyPackConfigs: [{ "no-such-policy": { setting: 1 } }] }),
            /configuring policy pack "echo-pack" at ".*echo-pack": invalid enforcement level ""/);
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [echoPack], policyPackConfigs: [{ "flag-buckets": { maxBuckets: -1 } }] }),
            /validating policy config: echo-pack 1\.2\.3  flag-buckets: maxBuckets: Must be greater than or equal to 0/);
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [echoPack], policyPackConfigs: [{ "flag-buckets": "sometimes" }] }),
            /parsing enforcement level for "flag-buckets": "sometimes" is not a valid enforcement level/);
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [echoPack, secondPack], policyPackConfigs: [{}] }),
            /1 --policy-pack-config file\(s\) for 2 --policy-pack folder\(s\)/);
    });

    it("runs two packs side by side and reports each under its own name", async () => {
        const r = await previewProgram(twoResources, { policyPacks: [echoPack, secondPack] });
        assert.deepStrictEqual(r.policyPacks.map(p => [p.name, p.version]), [["echo-pack", "1.2.3"], ["second-pack", "1.2.3"]]);
        assert.deepStrictEqual(r.diagnostics.filter(d => d.policyPackName === "second-pack").map(d => [d.policyName, d.resourceName]), [["no-kms-keys", "key"]]);
        assert.ok(r.diagnostics.some(d => d.policyPackName === "echo-pack" && d.policyName === "flag-buckets"));
    });

    it("fails clearly when a pack writes to stdout before its port (as the engine does)", async () => {
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [path.join(packs, "stdout-pack")] }),
            /wrote 'loading my policies...' to stdout before its port.*could not read policy pack port: expected integer.*Remove console.log/);
    });

    it("fails clearly when a pack cannot load, naming the cause", async () => {
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [path.join(packs, "load-error-pack")] }),
            /load-error-pack exited \(code \d+\) before it started: .*Cannot find module '\.\/does-not-exist'/);
    });

    it("fails the run when a policy throws, as the engine does, and leaves no pack process behind", async () => {
        const shared = new Set(runPolicyPackPids());
        const r = await previewProgram(twoResources, { policyPacks: [echoPack, path.join(packs, "throwing-pack")], allowFailure: true, ownPacks: true });
        assert.strictEqual(r.failure?.kind, "pack");
        assert.match(r.failure!.message, /failed in analyze: .*always-throws.*Cannot read properties of undefined/);
        assert.doesNotMatch(r.failure!.message, /\n\s+at /, "no stack trace");
        assert.deepStrictEqual(runPolicyPackPids().filter(p => !shared.has(p)), []);
    });

    it("fails clearly for a folder that is not a policy pack, before running anything", async () => {
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [path.join(packs, "no-such-pack")] }), /Policy pack folder .*no-such-pack does not exist/);
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [fixturesDir] }), /No PulumiPolicy.yaml in .*fixtures: it is not a policy pack/);
    });

    it("reports the program's own error as the CLI does, as the program's fault", async () => {
        const r = await runPreview({ programDir: path.join(fixturesDir, "programs", "throwing-program"), policyPacks: [echoPack], typeCheck: false, programOutput: () => undefined });
        assert.strictEqual(r.failure?.kind, "program");
        assert.match(r.failure!.message, /Program throwing-program .* exited with code 32/);
        // A RunError (missing config) is logged as its message alone (sdk/nodejs/cmd/run/run.ts).
        assert.deepStrictEqual(r.failure!.details.map(d => d.split("\n")[0]), ["Missing required configuration variable 'throwing-program:serviceName'"]);
    });

    it("stops every pack it started once the run ends", async () => {
        const shared = new Set(runPolicyPackPids());
        const r = await previewProgram(twoResources, { policyPacks: [echoPack, secondPack], ownPacks: true });
        assert.strictEqual(r.policyPacks.length, 2);
        assert.deepStrictEqual(runPolicyPackPids().filter(p => !shared.has(p)).filter(processAlive), []);
    });
});
