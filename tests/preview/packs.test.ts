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

    it("rejects config for a policy the pack does not have, or that breaks the schema", async () => {
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [echoPack], policyPackConfigs: [{ "no-such-policy": "advisory" }] }),
            /names policy 'no-such-policy'.*Its policies are: echo-context, flag-buckets/);
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [echoPack], policyPackConfigs: [{ "flag-buckets": { maxBuckets: -1 } }] }),
            /config for policy 'flag-buckets' is invalid: \/maxBuckets must be >= 0/);
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [echoPack], policyPackConfigs: [{ "flag-buckets": "sometimes" }] }),
            /enforcement level 'sometimes' is not one of/);
    });

    it("runs two packs side by side and reports each under its own name", async () => {
        const r = await previewProgram(twoResources, { policyPacks: [echoPack, secondPack] });
        assert.deepStrictEqual(r.policyPacks.map(p => [p.name, p.version]), [["echo-pack", "1.2.3"], ["second-pack", "1.2.3"]]);
        assert.deepStrictEqual(r.diagnostics.filter(d => d.policyPackName === "second-pack").map(d => [d.policyName, d.resourceName]), [["no-kms-keys", "key"]]);
        assert.ok(r.diagnostics.some(d => d.policyPackName === "echo-pack" && d.policyName === "flag-buckets"));
    });

    it("fails clearly when a pack writes to stdout before its port (as the engine does)", async () => {
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [path.join(packs, "stdout-pack")] }),
            /wrote 'loading my policies...' to stdout before its port.*Remove console.log/);
    });

    it("fails clearly when a pack cannot load, naming the cause", async () => {
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [path.join(packs, "load-error-pack")] }),
            /load-error-pack exited \(code \d+\) before it started: .*Cannot find module '\.\/does-not-exist'/);
    });

    it("fails the run when a policy throws, as the engine does, and leaves no pack process behind", async () => {
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [echoPack, path.join(packs, "throwing-pack")] }),
            /failed in analyze: .*always-throws.*Cannot read properties of undefined/);
        assert.deepStrictEqual(runPolicyPackPids(), []);
    });

    it("fails clearly for a folder that is not a policy pack, before running anything", async () => {
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [path.join(packs, "no-such-pack")] }), /Policy pack folder .*no-such-pack does not exist/);
        await expectUserError(() => previewProgram(twoResources, { policyPacks: [fixturesDir] }), /No PulumiPolicy.yaml in .*fixtures: it is not a policy pack/);
    });

    it("fails clearly when the program throws, without a stack trace", async () => {
        const e = await expectUserError(() => runPreview({ programDir: path.join(fixturesDir, "programs", "throwing-program"), policyPacks: [echoPack], typeCheck: false }),
            /The program failed: .*Missing required configuration variable 'throwing-program:serviceName'/);
        assert.ok(!e.describe().includes("index.ts:"));
    });

    it("stops every pack it started once the run ends", async () => {
        const r = await previewProgram(twoResources, { policyPacks: [echoPack, secondPack] });
        assert.strictEqual(r.policyPacks.length, 2);
        assert.deepStrictEqual(runPolicyPackPids().filter(processAlive), []);
    });
});
