// The offline preview CLI under bad input: every failure exits 2 with one paragraph that says what went
// wrong and what to do, and no policy pack process outlives the run (checked through /proc: every process
// started by a run carries a marker in its environment, so orphans re-parented to init are found too).
import * as assert from "assert";
import { spawn } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fixturesDir, policyPackDir, repoRoot } from "../helpers/preview";

const cli = path.join(repoRoot, "preview", "bin", "pulumi-offline-preview.js");
const fixtures = path.join(fixturesDir, "robustness");
const program = (name: string) => path.join(fixtures, "programs", name);
const pack = (name: string) => path.join(fixtures, "packs", name);

interface CliRun { code: number | null; signal: string | null; stdout: string; stderr: string; marker: string; ms: number }

/** Runs the CLI with a unique marker in its environment (inherited by every pack it starts). */
function runCli(args: string[], o: { killAfterMs?: number; timeoutMs?: number } = {}): Promise<CliRun> {
    const marker = `robustness-${crypto.randomBytes(6).toString("hex")}`;
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cli, "--quiet", ...args], {
            cwd: repoRoot, env: { ...process.env, ROBUSTNESS_RUN_MARKER: marker }, stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "", stderr = "";
        child.stdout.on("data", d => { stdout += d; });
        child.stderr.on("data", d => { stderr += d; });
        const guard = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`CLI did not finish: ${stderr}`)); }, o.timeoutMs ?? 120_000);
        if (o.killAfterMs) {
            setTimeout(() => child.kill("SIGTERM"), o.killAfterMs);
        }
        child.on("exit", (code, signal) => {
            clearTimeout(guard);
            resolve({ code, signal, stdout, stderr, marker, ms: Date.now() - started });
        });
    });
}

/** Live processes (any parent) whose environment carries the run's marker. */
function processesOf(marker: string): { pid: number; cmd: string }[] {
    const out: { pid: number; cmd: string }[] = [];
    for (const d of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(d)) continue;
        try {
            const env = fs.readFileSync(`/proc/${d}/environ`, "utf8");
            if (!env.includes(`ROBUSTNESS_RUN_MARKER=${marker}`)) continue;
            const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
            if (/^\d+ \(.*\) Z/.test(stat)) continue; // a zombie holds no resources
            out.push({ pid: Number(d), cmd: fs.readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0").join(" ").slice(0, 200) });
        } catch {
            // The process ended while we looked.
        }
    }
    return out;
}

/** Waits briefly for the processes to go (a SIGKILLed child can take a moment to be reaped). */
async function assertNoLeftovers(r: CliRun): Promise<void> {
    let left = processesOf(r.marker);
    for (let i = 0; i < 20 && left.length; i++) {
        await new Promise(res => setTimeout(res, 100));
        left = processesOf(r.marker);
    }
    assert.deepStrictEqual(left, [], "processes left behind by the run");
}

function assertUserFailure(r: CliRun, message: RegExp): void {
    assert.strictEqual(r.code, 2, `exit code (stderr: ${r.stderr})`);
    assert.match(r.stderr, /^error: /);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    assert.doesNotMatch(r.stderr, /failed unexpectedly|bug in the offline preview/, "reported as a bug of the tool");
    assert.strictEqual(r.stderr.trim().split("\n").length, 1, "one paragraph");
}

/** A program's own failure: exit 2, the program's message as the CLI shows it, marked as the program's. */
function assertProgramFailure(r: CliRun, headline: RegExp, programMessage: RegExp): void {
    assert.strictEqual(r.code, 2, `exit code (stderr: ${r.stderr})`);
    const ours = r.stderr.slice(r.stderr.indexOf("error: "));
    assert.match(ours, headline);
    assert.match(ours, programMessage);
    assert.match(ours, /This is the program's own error/);
    assert.doesNotMatch(ours, /failed unexpectedly|bug in the offline preview|preview\/dist/, "reported as a bug of the tool");
}

function tmpFile(name: string, content: string): string {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "robustness-")), name);
    fs.writeFileSync(f, content);
    return f;
}

/** A valid `pulumi stack export` (deployment v3) of a small stack. */
function stateExport(version: unknown = 3): string {
    const stack = "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod";
    return JSON.stringify({
        version,
        deployment: {
            manifest: { time: "2026-01-01T00:00:00Z", magic: "x", version: "v3.200.0" },
            resources: [
                { urn: stack, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
                ...Array.from({ length: 20 }, (_, i) => ({
                    urn: `urn:pulumi:prod::shop::aws:kms/key:Key::key-${i}`, custom: true, id: `k-${i}`, type: "aws:kms/key:Key", parent: stack,
                    inputs: { enableKeyRotation: true, description: `key number ${i}` }, outputs: { enableKeyRotation: true, arn: `arn:aws:kms:eu-west-1:123456789012:key/k-${i}` },
                })),
            ],
        },
    }, null, 2);
}

describe("robustness: the offline preview under bad input (CLI, exit 2, no orphan processes)", function () {
    this.timeout(180_000);

    it("a program that throws inside an apply: exit 2 with the program's own error, as the program's fault", async function () {
        // The SDK formats the error with util.inspect({ colors: true }) (cmd/run/error.js defaultErrorMessage),
        // which on Node 22.23 grows a string until "Invalid string length" before the SDK falls back: a minute
        // or more of the program's time under `pulumi preview` too. Hence the generous limits.
        this.timeout(400_000);
        const r = await runCli(["--program", program("apply-throws"), "--policy-pack", policyPackDir, "--timeout", "300"], { timeoutMs: 380_000 });
        assertProgramFailure(r, /^error: Program apply-throws \(.*\) exited with code 32\./,
            /Running program '.*apply-throws.*index\.js' failed with an unhandled exception:\n.*Cannot read properties of undefined \(reading 'length'\)/);
        await assertNoLeftovers(r);
    });

    it("a program whose input never resolves: the SDK's own diagnosis, as the CLI shows it", async () => {
        const r = await runCli(["--program", program("never-resolves"), "--policy-pack", policyPackDir, "--timeout", "60"]);
        assertProgramFailure(r, /^error: Program never-resolves \(.*\) exited with code 1\./,
            /the program exited before the following resource\s+registrations could complete:\n\s+\* "thing" \[test:index:Thing\] was waiting for the value of its input property "name"/);
        await assertNoLeftovers(r);
    });

    it("a program that never finishes: a time-out with a clear message, within the limit, and the program is stopped", async () => {
        const r = await runCli(["--program", program("hangs-forever"), "--policy-pack", policyPackDir, "--timeout", "3"]);
        assert.strictEqual(r.code, 2, r.stderr);
        assert.match(r.stderr, /^error: Program hangs-forever \(.*\) did not finish within 3 s: something it awaits never resolves.*\n.*--timeout SECONDS/);
        assert.ok(r.ms < 30_000, `took ${r.ms} ms for a 3 s time-out`);
        await assertNoLeftovers(r);
    });

    it("a program that exits 0 before it finishes (process.exit) fails the run: it cannot switch the gate off", async () => {
        const r = await runCli(["--program", program("exits-early"), "--policy-pack", policyPackDir]);
        assert.strictEqual(r.code, 2, `${r.stdout}\n${r.stderr}`);
        // The SDK's exit handler usually turns it into exit code 1 (promises still active); when it does
        // not, the missing end-of-program signal does.
        assert.match(r.stderr, /error: Program exits-early \(.*\) exited (with code 1|\(code 0\) before it finished: the Pulumi SDK never signalled the end of the program)/);
        assert.doesNotMatch(r.stdout, /Policy summary: 0 mandatory/, "no clean verdict");
        await assertNoLeftovers(r);
    });

    const badProjects: [string, RegExp][] = [
        ["yaml-syntax-error", /Project file .*yaml-syntax-error.*Pulumi.yaml is not valid YAML \(.*\)\. Fix the YAML syntax/],
        ["yaml-not-a-mapping", /Project file .*Pulumi.yaml must be a YAML mapping with at least 'name' and 'runtime'/],
        ["yaml-wrong-runtime", /Project python-project uses runtime 'python'; the offline preview runs nodejs programs only\. Set 'runtime: nodejs'/],
    ];
    for (const [name, message] of badProjects) {
        it(`an invalid Pulumi.yaml (${name}): exit 2 saying what is wrong`, async () => {
            const r = await runCli(["--program", program(name), "--policy-pack", policyPackDir]);
            assertUserFailure(r, message);
            await assertNoLeftovers(r);
        });
    }

    it("a truncated state file: exit 2 saying to export it again", async () => {
        const full = stateExport();
        for (const cut of [1, Math.floor(full.length / 3), full.length - 2]) {
            const r = await runCli(["--state", tmpFile("truncated.json", full.slice(0, cut)), "--policy-pack", policyPackDir]);
            assertUserFailure(r, /State file .*truncated.json is not valid JSON.*Export it again with 'pulumi stack export --file FILE'/);
            await assertNoLeftovers(r);
        }
    });

    it("a truncated state file is recognised as truncated wherever it was cut", async () => {
        // Node 20 reports most cuts as "Expected ... in JSON at position N" (N = the end of the text), not
        // "Unexpected end of JSON input": the message should still say the file looks truncated.
        const full = stateExport();
        const missed: string[] = [];
        for (const cut of [0.0002, 0.1, 0.25, 0.5, 0.75, 0.999].map(f => Math.max(1, Math.floor(full.length * f)))) {
            const r = await runCli(["--state", tmpFile("truncated.json", full.slice(0, cut)), "--policy-pack", policyPackDir]);
            assert.strictEqual(r.code, 2);
            if (!/it looks truncated/.test(r.stderr)) missed.push(`cut at ${cut}: ${r.stderr.trim().slice(0, 160)}`);
        }
        assert.deepStrictEqual(missed, [], "truncated state files not recognised as truncated");
    });

    it("a state file of an unknown or malformed version, or of the wrong shape: exit 2", async () => {
        const cases: [string, RegExp][] = [
            [stateExport(4), /has deployment version 4; this tool reads versions 1, 2, 3/],
            [stateExport(0), /has deployment version 0; this tool reads versions 1, 2, 3/],
            [stateExport("3"), /is not a Pulumi stack export \(expected \{"version": N, "deployment": \{...\}\}\)/],
            [JSON.stringify({ version: 3, deployment: { resources: {} } }), /deployment.resources must be a list/],
            [JSON.stringify({ version: 3, deployment: { resources: [{ type: "aws:s3/bucket:Bucket" }] } }), /resource #1 has no urn or type.*export it again/],
            [JSON.stringify({ version: 3, deployment: { resources: [] } }), /holds no resources/],
            ["[]", /is not a Pulumi stack export/],
        ];
        for (const [content, message] of cases) {
            const r = await runCli(["--state", tmpFile("state.json", content), "--policy-pack", policyPackDir]);
            assertUserFailure(r, message);
            await assertNoLeftovers(r);
        }
    });

    it("a state file nested deeper than any stack export: exit 2 saying so, not a stack overflow", async () => {
        const deep = "[".repeat(200_000) + "]".repeat(200_000);
        const r = await runCli(["--state", tmpFile("deep.json", stateExport().replace('"key number 0"', deep)), "--policy-pack", policyPackDir]);
        assertUserFailure(r, /State file .*deep.json nests values more than 1000 levels deep/);
        await assertNoLeftovers(r);
    });

    it("stack config too large for a process environment (spawn E2BIG): exit 2 naming the variable and the limit", async () => {
        // The program's folder, in a temporary place with the repository's node_modules beside it.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "robustness-big-config-"));
        for (const f of fs.readdirSync(program("two-things"))) fs.copyFileSync(path.join(program("two-things"), f), path.join(dir, f));
        fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
        fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), `config:\n  two-things:blob: "${"x".repeat(200_000)}"\n`);
        const r = await runCli(["--program", dir, "--policy-pack", policyPackDir]);
        assertUserFailure(r, /(The program|Policy pack \S+) could not be started \(spawn E2BIG\): PULUMI_CONFIG is 196 KiB, over the operating system's limit of 128 KiB for one environment variable\. The stack configuration is passed to the program and to each policy pack in PULUMI_CONFIG/);
        await assertNoLeftovers(r);
    });

    it("a pack that exits in the middle of the run: exit 2 naming the pack, and neither pack is left running", async () => {
        const r = await runCli(["--program", program("two-things"), "--policy-pack", policyPackDir, "--policy-pack", pack("exit-mid-run")]);
        assertUserFailure(r, /Policy pack .*exit-mid-run (crashed during|failed in) (analyze|remediate)/);
        await assertNoLeftovers(r);
    });

    it("a pack that exits during AnalyzeStack: exit 2 naming the pack and the call, nothing left running", async () => {
        const r = await runCli(["--program", program("two-things"), "--policy-pack", pack("exit-in-analyze-stack"), "--policy-pack", policyPackDir]);
        assertUserFailure(r, /Policy pack .*exit-in-analyze-stack (crashed during|failed in) analyzeStack/);
        await assertNoLeftovers(r);
    });

    it("a pack that exits is reported as a crash with its exit code and last stderr, not as a policy that threw", async () => {
        const r = await runCli(["--program", program("two-things"), "--policy-pack", pack("exit-mid-run")]);
        assertUserFailure(r, /Policy pack .*exit-mid-run crashed during (analyze|remediate) \(exit 3\): exit-mid-run: giving up\. A real preview fails the same way: fix the pack\./);
        await assertNoLeftovers(r);
    });

    it("a policy stuck on one resource fails the run after --policy-timeout, naming the call and the resource", async () => {
        const r = await runCli(["--program", program("two-things"), "--policy-pack", pack("hangs-in-policy"), "--policy-timeout", "3"]);
        assertUserFailure(r, /Policy pack .*hangs-in-policy did not answer analyze for urn:pulumi:dev::two-things::\S+ within 3 s: a policy is stuck/);
        await assertNoLeftovers(r);
    });

    it("a run interrupted while a policy hangs (SIGTERM, as CI does on a time-out): every pack is stopped", async () => {
        const r = await runCli(["--program", program("two-things"), "--policy-pack", policyPackDir, "--policy-pack", pack("hangs-in-policy")], { killAfterMs: 8_000 });
        // Still running when interrupted: the engine protocol has no deadline on Analyze.
        assert.notStrictEqual(r.code, 0, "a hanging policy cannot have let the run finish");
        await assertNoLeftovers(r);
    });
});
