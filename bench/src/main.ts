// npm run bench: start-up and evaluation cost of the PCI DSS pack, side by side with an empty pack and
// AWSGuard, measured through the engine's launch path and protocol (preview/src/engine/pack.ts), and the
// offline preview end to end. Prints a table and writes bench/results.json. See bench/README.md.
import { spawn, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { reconcileConfig } from "../../preview/src/engine/config";
import { PolicyPackProcess, StackContext, locatePack } from "../../preview/src/engine/pack";
import { CapturedResource } from "../../preview/src/model";
import { WireProperties } from "../../preview/src/wire";
import { Ratio, Stat, cpuMs, nowMs, peakRssMb, ratio, stat } from "./measure";
import { BenchPack, allPacks, awsguard, benchDir, empty, ours, oursTs, repoRoot, sdkFloor } from "./packs";
import { writeProgram } from "./program";
import { project, stack, syntheticStack } from "./synthetic";
import { summariseProfile } from "./profile";

interface Options {
    coldRuns: number;
    evalRuns: number;
    previewRuns: number;
    sizes: number[];
    programSize: number;
    parts: Set<string>;
    packs: Set<string>;
    profile: boolean;
    out: string;
    quick: boolean;
}

const usage = `npm run bench -- [--quick] [--cold-runs N] [--eval-runs N] [--preview-runs N] [--sizes 1000,10000,40000]
    [--program-size 2000] [--parts cold,eval,preview] [--packs pci-dss,pci-dss-ts,empty,awsguard,sdk-floor] [--no-profile] [--out FILE]
  --quick: 2 cold-start runs, 1 evaluation run at 250/1,000/4,000 resources, 1 preview run of a 500-resource program.`;

function parseArgs(argv: string[]): Options {
    const o: Options = {
        coldRuns: 5, evalRuns: 3, previewRuns: 3, sizes: [1000, 10000, 40000], programSize: 2000,
        parts: new Set(["cold", "eval", "preview"]), packs: new Set(allPacks.map(p => p.id)), profile: true,
        out: path.join(benchDir, "results.json"), quick: false,
    };
    const explicit = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const v = () => {
            const x = argv[++i];
            if (x === undefined) throw new Error(`${a} needs a value.\n${usage}`);
            explicit.add(a);
            return x;
        };
        const n = () => {
            const x = Number(v());
            if (!Number.isInteger(x) || x < 1) throw new Error(`${a} takes a positive integer.`);
            return x;
        };
        switch (a) {
            case "--quick": o.quick = true; break;
            case "--cold-runs": o.coldRuns = n(); break;
            case "--eval-runs": o.evalRuns = n(); break;
            case "--preview-runs": o.previewRuns = n(); break;
            case "--sizes": o.sizes = v().split(",").map(Number); break;
            case "--program-size": o.programSize = n(); break;
            case "--parts": o.parts = new Set(v().split(",")); break;
            case "--packs": o.packs = new Set(v().split(",")); break;
            case "--no-profile": o.profile = false; break;
            case "--out": o.out = path.resolve(v()); break;
            case "-h": case "--help": console.log(usage); process.exit(0); break;
            default: throw new Error(`Unknown option ${a}.\n${usage}`);
        }
    }
    if (o.quick) {
        if (!explicit.has("--cold-runs")) o.coldRuns = 2;
        if (!explicit.has("--eval-runs")) o.evalRuns = 1;
        if (!explicit.has("--preview-runs")) o.previewRuns = 1;
        if (!explicit.has("--sizes")) o.sizes = [250, 1000, 4000];
        if (!explicit.has("--program-size")) o.programSize = 500;
    }
    if (o.sizes.length < 1 || o.sizes.some(s => !Number.isInteger(s) || s < 3)) throw new Error("--sizes takes a list of integers >= 3.");
    return o;
}

const ctx: StackContext = {
    project, stack, organization: "organization", dryRun: true,
    config: { "aws:region": "eu-west-1" }, secretKeys: [], tags: {},
};

function log(s: string): void {
    process.stderr.write(s + "\n");
}

async function startConfigured(p: BenchPack, env?: Record<string, string>): Promise<{ pack: PolicyPackProcess; readyMs: number; policies: number }> {
    const t0 = nowMs();
    const pack = await PolicyPackProcess.start(locatePack(p.dir), ctx, { timeoutMs: 300_000, env });
    try {
        const info = await pack.getAnalyzerInfo();
        await pack.configure(reconcileConfig(info, undefined).config);
        return { pack, readyMs: nowMs() - t0, policies: info.policies.length };
    } catch (e) {
        await pack.kill();
        throw e;
    }
}

/** Rotates the order of the packs each round, so drift in the machine's load falls on all of them. */
function rotated<T>(xs: T[], round: number): T[] {
    const k = round % xs.length;
    return [...xs.slice(k), ...xs.slice(0, k)];
}

// ---------------------------------------------------------------------------------------------------
// 1. Cold start

interface ColdResult {
    policies: number;
    spawnToPortMs: Stat;
    readyMs: Stat;
    peakRssMb: Stat;
    error?: string;
}

async function coldStart(packs: BenchPack[], runs: number): Promise<Record<string, ColdResult>> {
    const samples: Record<string, { port: number[]; ready: number[]; rss: number[]; policies: number; error?: string }> = {};
    for (const p of packs) samples[p.id] = { port: [], ready: [], rss: [], policies: 0 };
    for (let round = 0; round < runs; round++) {
        for (const p of rotated(packs, round)) {
            const s = samples[p.id];
            if (s.error) continue;
            try {
                const { pack, readyMs, policies } = await startConfigured(p);
                s.port.push(pack.spawnToPortMs);
                s.ready.push(readyMs);
                s.rss.push(peakRssMb(pack.pid));
                s.policies = policies;
                await pack.kill();
                log(`  cold start ${round + 1}/${runs} ${p.id}: ${pack.spawnToPortMs.toFixed(0)} ms to port, ${readyMs.toFixed(0)} ms to configured`);
            } catch (e) {
                s.error = String((e as Error).message ?? e).slice(0, 600);
                s.port.push(NaN); s.ready.push(NaN); s.rss.push(NaN);
                log(`  cold start ${p.id} FAILED: ${s.error}`);
            }
        }
    }
    const out: Record<string, ColdResult> = {};
    for (const [id, s] of Object.entries(samples)) {
        out[id] = { policies: s.policies, spawnToPortMs: stat(s.port), readyMs: stat(s.ready), peakRssMb: stat(s.rss), error: s.error };
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// 2. Evaluation

interface EvalSample {
    perResourceMs: number;
    analyzeStackMs: number;
    totalMs: number;
    perResourceCpuMs: number;
    analyzeStackCpuMs: number;
    peakRssMb: number;
    diagnostics: number;
    mandatory: number;
}

interface EvalResult {
    perResourceMs: Stat;
    analyzeStackMs: Stat;
    totalMs: Stat;
    perResourceCpuMs: Stat;
    analyzeStackCpuMs: Stat;
    peakRssMb: Stat;
    diagnostics: number;
    mandatory: number;
    error?: string;
}

/** As the engine (and preview/src/engine/run.ts): Remediate then Analyze per resource, 16 at a time; then one AnalyzeStack. */
async function evaluate(p: BenchPack, resources: CapturedResource[], env?: Record<string, string>): Promise<EvalSample> {
    const { pack } = await startConfigured(p, env);
    try {
        const byUrn = new Map(resources.map(r => [r.urn, r] as const));
        const lookup = (urn: string) => byUrn.get(urn);
        let diagnostics = 0;
        let mandatory = 0;
        const cpu0 = cpuMs(pack.pid);
        const t0 = nowMs();
        let next = 0;
        const worker = async () => {
            while (next < resources.length) {
                const r = resources[next++];
                let inputs: WireProperties = r.inputs;
                const rem = await pack.remediate(r, inputs, lookup);
                for (const x of rem.remediations) if (x.properties) inputs = x.properties;
                const a = await pack.analyze(r, inputs, lookup);
                diagnostics += a.diagnostics.length;
                mandatory += a.diagnostics.filter(d => d.enforcementLevel === "mandatory").length;
            }
        };
        await Promise.all(Array.from({ length: 16 }, worker));
        const t1 = nowMs();
        const cpu1 = cpuMs(pack.pid);
        const s = await pack.analyzeStack(resources, lookup);
        const t2 = nowMs();
        const cpu2 = cpuMs(pack.pid);
        diagnostics += s.diagnostics.length;
        mandatory += s.diagnostics.filter(d => d.enforcementLevel === "mandatory").length;
        return {
            perResourceMs: t1 - t0, analyzeStackMs: t2 - t1, totalMs: t2 - t0,
            perResourceCpuMs: cpu1 - cpu0, analyzeStackCpuMs: cpu2 - cpu1,
            peakRssMb: peakRssMb(pack.pid), diagnostics, mandatory,
        };
    } finally {
        const profile = env?.BENCH_CPU_PROFILE;
        if (profile && pack.pid !== undefined) {
            // Let the pack write its profile (pack.kill() would SIGKILL it after 2 s).
            process.kill(pack.pid, "SIGTERM");
            for (let i = 0; i < 600 && !fs.existsSync(profile); i++) await new Promise(r => setTimeout(r, 100));
            await new Promise(r => setTimeout(r, 200));
        }
        await pack.kill();
    }
}

async function evaluation(packs: BenchPack[], sizes: number[], runs: number): Promise<Record<string, Record<string, EvalResult>>> {
    const out: Record<string, Record<string, EvalResult>> = {};
    for (const size of sizes) {
        const resources = syntheticStack(size);
        const samples: Record<string, { s: EvalSample[]; error?: string }> = {};
        for (const p of packs) samples[p.id] = { s: [] };
        for (let round = 0; round < runs; round++) {
            for (const p of rotated(packs, round)) {
                const x = samples[p.id];
                if (x.error) continue;
                try {
                    const r = await evaluate(p, resources);
                    x.s.push(r);
                    log(`  evaluation ${size} resources ${round + 1}/${runs} ${p.id}: per-resource ${r.perResourceMs.toFixed(0)} ms, ` +
                        `AnalyzeStack ${r.analyzeStackMs.toFixed(0)} ms, peak RSS ${r.peakRssMb.toFixed(0)} MB, ${r.diagnostics} diagnostics`);
                } catch (e) {
                    x.error = String((e as Error).message ?? e).slice(0, 600);
                    log(`  evaluation ${size} ${p.id} FAILED: ${x.error}`);
                }
            }
        }
        out[size] = {};
        for (const [id, x] of Object.entries(samples)) {
            const f = (k: keyof EvalSample) => stat(x.s.map(s => s[k]));
            out[size][id] = {
                perResourceMs: f("perResourceMs"), analyzeStackMs: f("analyzeStackMs"), totalMs: f("totalMs"),
                perResourceCpuMs: f("perResourceCpuMs"), analyzeStackCpuMs: f("analyzeStackCpuMs"), peakRssMb: f("peakRssMb"),
                diagnostics: x.s[0]?.diagnostics ?? 0, mandatory: x.s[0]?.mandatory ?? 0, error: x.error,
            };
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// 3. Offline preview end to end

interface PreviewResult {
    program: string;
    resources: number;
    ms: Record<string, Stat>;
    diagnostics: Record<string, number>;
    error?: string;
}

function runCli(programDir: string, packDir: string): Promise<{ ms: number; resources: number; diagnostics: number }> {
    return new Promise((resolve, reject) => {
        const args = [path.join(repoRoot, "preview", "bin", "pulumi-offline-preview.js"), "--program", programDir, "--policy-pack", packDir,
            "--transpile-only", "--quiet", "--format", "json"];
        const t0 = nowMs();
        const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.on("data", d => { out += d; });
        child.stderr.on("data", d => { err += d; });
        child.on("exit", code => {
            const ms = nowMs() - t0;
            try {
                const j = JSON.parse(out);
                resolve({ ms, resources: typeof j.resources === "number" ? j.resources : (j.resources ?? []).length, diagnostics: (j.diagnostics ?? []).length });
            } catch {
                reject(new Error(`preview of ${programDir} exited ${code}: ${(err || out).slice(-600)}`));
            }
        });
    });
}

async function previews(programs: { name: string; dir: string }[], packs: BenchPack[], runs: number): Promise<PreviewResult[]> {
    const results: PreviewResult[] = [];
    for (const prog of programs) {
        const ms: Record<string, number[]> = {};
        const diagnostics: Record<string, number> = {};
        let resources = 0;
        let error: string | undefined;
        for (const p of packs) ms[p.id] = [];
        for (let round = 0; round < runs && !error; round++) {
            for (const p of rotated(packs, round)) {
                try {
                    const r = await runCli(prog.dir, p.dir);
                    ms[p.id].push(r.ms);
                    diagnostics[p.id] = r.diagnostics;
                    resources = r.resources;
                    log(`  preview ${prog.name} ${round + 1}/${runs} with ${p.id}: ${r.ms.toFixed(0)} ms, ${r.resources} resources, ${r.diagnostics} diagnostics`);
                } catch (e) {
                    error = String((e as Error).message ?? e).slice(0, 600);
                    log(`  preview ${prog.name} with ${p.id} FAILED: ${error}`);
                    break;
                }
            }
        }
        results.push({ program: prog.name, resources, ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, stat(v)])), diagnostics, error });
    }
    return results;
}

// ---------------------------------------------------------------------------------------------------
// Report

interface Target {
    name: string;
    value: number;
    limit: number;
    met: boolean;
    range: string;
    detail: string;
}

function target(name: string, r: Ratio | undefined, limit: number, detail: string): Target {
    const value = r?.ratio ?? NaN;
    return {
        name, value, limit, met: Number.isFinite(value) && value <= limit,
        range: r && Number.isFinite(r.min) ? `${r.min.toFixed(2)}-${r.max.toFixed(2)}` : "n/a", detail,
    };
}

function table(rows: string[][]): string {
    const w = rows[0].map((_, i) => Math.max(...rows.map(r => (r[i] ?? "").length)));
    return rows.map((r, ri) => {
        const line = r.map((c, i) => i === 0 ? c.padEnd(w[i]) : c.padStart(w[i])).join("  ");
        return ri === 0 ? `${line}\n${w.map(x => "-".repeat(x)).join("  ")}` : line;
    }).join("\n");
}

const f0 = (s: Stat | undefined) => s && Number.isFinite(s.median) ? `${s.median.toFixed(0)} (${s.min.toFixed(0)}-${s.max.toFixed(0)})` : "n/a";
const fr = (r: Ratio | undefined) => r && Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}x (${r.min.toFixed(2)}-${r.max.toFixed(2)})` : "n/a";

async function main(): Promise<void> {
    const o = parseArgs(process.argv.slice(2));
    const packs = allPacks.filter(p => o.packs.has(p.id));
    const started = new Date();
    log(`bench: ${os.cpus().length} CPUs, load average ${os.loadavg().map(x => x.toFixed(1)).join(" ")}; ` +
        `cold start x${o.coldRuns}, evaluation x${o.evalRuns} at ${o.sizes.join("/")}, preview x${o.previewRuns}`);
    for (const p of packs) p.prepare?.();
    const results: any = {
        meta: {
            started: started.toISOString(), node: process.version, platform: `${os.platform()} ${os.release()}`,
            cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverageAtStart: os.loadavg(),
            commit: gitCommit(), options: { ...o, parts: [...o.parts], packs: [...o.packs] },
            packs: Object.fromEntries(packs.map(p => [p.id, { label: p.label, dir: path.relative(repoRoot, p.dir) }])),
            awsguard: awsguardVersions(),
        },
    };
    const targets: Target[] = [];
    const report: string[] = [];
    try {
        // 1. Cold start
        if (o.parts.has("cold")) {
            log("1. cold start (spawn to port)");
            // sdk-floor loads policy/bin and a second @pulumi/policy: not a start-up floor, evaluation only.
            const coldPacks = packs.filter(p => p.id !== sdkFloor.id);
            const cold = await coldStart(coldPacks, o.coldRuns);
            results.coldStart = cold;
            const rows = [["pack", "policies", "spawn->port ms", "ready ms", "RSS MB", "vs empty (spawn->port)"]];
            for (const p of coldPacks) {
                const c = cold[p.id];
                rows.push([p.label, String(c.policies), f0(c.spawnToPortMs), f0(c.readyMs), f0(c.peakRssMb),
                    c.error ? `FAILED: ${c.error.slice(0, 60)}` : p.id === empty.id ? "(floor)" : cold.empty ? fr(ratio(c.spawnToPortMs.samples, cold.empty.spawnToPortMs.samples)) : ""]);
            }
            report.push(`Cold start, median (min-max) of ${o.coldRuns} runs\n${table(rows)}`);
            const c = (id: string) => cold[id]?.spawnToPortMs.samples;
            if (cold[ours.id] && cold[empty.id]) targets.push(target("cold start <= 1.25x empty", ratio(c(ours.id)!, c(empty.id)!), 1.25, "pci-dss compiled vs empty, spawn to port"));
            if (cold[ours.id] && cold[awsguard.id]) targets.push(target("cold start <= 0.2x AWSGuard", ratio(c(ours.id)!, c(awsguard.id)!), 0.2, "pci-dss compiled vs AWSGuard (index.ts), spawn to port"));
            if (cold[empty.id] && cold[awsguard.id]) targets.push(target("(info) empty pack vs AWSGuard: the floor of any pack", ratio(c(empty.id)!, c(awsguard.id)!), Infinity, "no pack can start faster than the empty one"));
            if (cold[oursTs.id] && cold[awsguard.id]) targets.push(target("(info) TS sources vs AWSGuard, both type-checked", ratio(c(oursTs.id)!, c(awsguard.id)!), Infinity, "like for like: both started from TypeScript"));
            results.coldStart.ratios = Object.fromEntries(coldPacks.filter(p => p.id !== empty.id && cold[empty.id]).map(p => [p.id, { vsEmpty: ratio(c(p.id)!, c(empty.id)!) }]));
        }

        // 2. Evaluation (the type-checked sources evaluate exactly like the compiled pack: not repeated)
        if (o.parts.has("eval")) {
            log("2. evaluation (Remediate+Analyze per resource, one AnalyzeStack)");
            const evalPacks = packs.filter(p => p.id !== oursTs.id);
            const ev = await evaluation(evalPacks, o.sizes, o.evalRuns);
            results.evaluation = ev;
            const rows = [["resources / pack", "per-resource ms", "AnalyzeStack ms", "total ms", "pack CPU ms", "peak RSS MB", "diags", "total vs empty", "RSS vs empty"]];
            for (const size of o.sizes) {
                for (const p of evalPacks) {
                    const e = ev[size][p.id];
                    const base = ev[size][empty.id];
                    const cpu = stat(e.perResourceCpuMs.samples.map((x, i) => x + e.analyzeStackCpuMs.samples[i]));
                    rows.push([`${size} ${p.id}`, f0(e.perResourceMs), f0(e.analyzeStackMs), f0(e.totalMs), f0(cpu), f0(e.peakRssMb), String(e.diagnostics),
                        e.error ? `FAILED: ${e.error.slice(0, 60)}` : base && p.id !== empty.id ? fr(ratio(e.totalMs.samples, base.totalMs.samples)) : "",
                        base && p.id !== empty.id ? fr(ratio(e.peakRssMb.samples, base.peakRssMb.samples)) : ""]);
                }
            }
            report.push(`Evaluation, median (min-max) of ${o.evalRuns} runs (pack CPU = user+system time of the pack process)\n${table(rows)}`);
            const [mid, large] = o.sizes.length >= 2 ? [o.sizes[o.sizes.length - 2], o.sizes[o.sizes.length - 1]] : [o.sizes[0], o.sizes[0]];
            const e = (size: number, id: string) => ev[size]?.[id];
            if (e(mid, ours.id) && e(mid, empty.id)) {
                targets.push(target(`evaluation at ${mid} <= 1.5x empty`, ratio(e(mid, ours.id)!.totalMs.samples, e(mid, empty.id)!.totalMs.samples), 1.5, "wall time, Remediate+Analyze per resource + AnalyzeStack"));
                targets.push(target(`(info) evaluation CPU at ${mid} vs empty`, ratio(
                    e(mid, ours.id)!.perResourceCpuMs.samples.map((x, i) => x + e(mid, ours.id)!.analyzeStackCpuMs.samples[i]),
                    e(mid, empty.id)!.perResourceCpuMs.samples.map((x, i) => x + e(mid, empty.id)!.analyzeStackCpuMs.samples[i])), Infinity, "pack process CPU time"));
            }
            if (e(mid, ours.id) && e(large, ours.id) && large !== mid) {
                const growth = (k: "analyzeStackMs" | "analyzeStackCpuMs") => {
                    const a = e(large, ours.id)![k].samples;
                    const b = e(mid, ours.id)![k].samples;
                    return { ratio: stat(a).median / stat(b).median, min: Math.min(...a) / Math.max(...b), max: Math.max(...a) / Math.min(...b) };
                };
                const lim = 4.5 * (large / mid) / 4;
                targets.push(target(`AnalyzeStack time(${large}) / time(${mid}) <= ${lim.toFixed(2)}`, growth("analyzeStackMs"), lim, "wall time incl. request encoding; range = min/max over all pairs"));
                targets.push(target(`(info) AnalyzeStack pack CPU (${large}) / (${mid})`, growth("analyzeStackCpuMs"), Infinity, "pack process CPU time"));
                if (e(mid, empty.id) && e(large, empty.id)) {
                    const a = e(large, empty.id)!.analyzeStackMs.samples;
                    const b = e(mid, empty.id)!.analyzeStackMs.samples;
                    targets.push(target(`(info) empty pack's AnalyzeStack time(${large}) / time(${mid}): the harness and SDK alone`,
                        { ratio: stat(a).median / stat(b).median, min: Math.min(...a) / Math.max(...b), max: Math.max(...a) / Math.min(...b) }, Infinity, "wall time"));
                }
            }
            if (e(large, ours.id) && e(large, empty.id)) {
                targets.push(target(`peak RSS at ${large} <= 2x empty`, ratio(e(large, ours.id)!.peakRssMb.samples, e(large, empty.id)!.peakRssMb.samples), 2, "VmHWM of the pack process"));
            }
            const cpuOf = (size: number, id: string) => e(size, id)!.perResourceCpuMs.samples.map((x, i) => x + e(size, id)!.analyzeStackCpuMs.samples[i]);
            if (e(mid, sdkFloor.id) && e(mid, empty.id)) {
                targets.push(target(`(info) evaluation CPU at ${mid}: sdk-floor (our policy list, no-op logic) vs empty`, ratio(cpuOf(mid, sdkFloor.id), cpuOf(mid, empty.id)), Infinity, "the SDK's cost of our number of policies"));
            }
            if (e(mid, sdkFloor.id) && e(mid, ours.id)) {
                targets.push(target(`(info) evaluation CPU at ${mid}: pci-dss vs sdk-floor`, ratio(cpuOf(mid, ours.id), cpuOf(mid, sdkFloor.id)), Infinity, "our policies' own logic"));
            }
            if (e(mid, ours.id) && e(mid, awsguard.id)) {
                targets.push(target(`(info) evaluation at ${mid} vs AWSGuard`, ratio(e(mid, ours.id)!.totalMs.samples, e(mid, awsguard.id)!.totalMs.samples), Infinity, "wall time"));
            }
        }

        // 3. Offline preview end to end
        if (o.parts.has("preview")) {
            log("3. offline preview end to end");
            const generated = path.join(benchDir, "programs", `pipelines-${o.programSize}`);
            writeProgram(generated, o.programSize);
            const pv = await previews([{ name: "stack (reference)", dir: path.join(repoRoot, "stack") }, { name: `generated ${o.programSize}`, dir: generated }],
                [ours, empty], o.previewRuns);
            results.preview = pv;
            const rows = [["program", "resources", "with pci-dss ms", "with empty ms", "pci-dss vs empty"]];
            for (const r of pv) {
                rows.push([r.program, String(r.resources), f0(r.ms[ours.id]), f0(r.ms[empty.id]),
                    r.error ? `FAILED: ${r.error.slice(0, 80)}` : fr(ratio(r.ms[ours.id].samples, r.ms[empty.id].samples))]);
            }
            report.push(`Offline preview end to end (node preview/bin/pulumi-offline-preview.js --transpile-only), median (min-max) of ${o.previewRuns} runs\n${table(rows)}`);
        }

        // Profile of our pack at the middle size, to say what is ours and what is the SDK's.
        if (o.profile && o.parts.has("eval") && packs.includes(ours)) {
            const size = o.sizes.length >= 2 ? o.sizes[o.sizes.length - 2] : o.sizes[0];
            log(`profile: pci-dss and empty at ${size} resources with --cpu-prof`);
            results.profile = {};
            for (const p of [ours, empty]) {
                const dir = path.join(benchDir, "profiles", p.id);
                fs.rmSync(dir, { recursive: true, force: true });
                fs.mkdirSync(dir, { recursive: true });
                const file = path.join(dir, "pack.cpuprofile");
                await evaluate(p, syntheticStack(size), {
                    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(benchDir, "src", "cpu-profile.js")}`.trim(),
                    BENCH_CPU_PROFILE: file,
                });
                const startup = file.replace(/\.cpuprofile$/, ".startup.cpuprofile");
                results.profile[p.id] = {
                    evaluation: fs.existsSync(file) ? summariseProfile(file) : { error: "no profile written" },
                    startup: fs.existsSync(startup) ? summariseProfile(startup) : { error: "no profile written" },
                };
            }
            for (const phase of ["startup", "evaluation"] as const) {
                const cat = (id: string, c: string) => results.profile[id][phase].byCategory?.[c] ?? 0;
                const cats = new Set<string>();
                for (const p of [ours, empty]) Object.keys(results.profile[p.id][phase].byCategory ?? {}).forEach(c => cats.add(c));
                const rows = [["where (self time)", `${ours.id} ms`, `${empty.id} ms`, "difference ms"]];
                for (const c of [...cats].sort((a, b) => (cat(ours.id, b) - cat(empty.id, b)) - (cat(ours.id, a) - cat(empty.id, a)))) {
                    rows.push([c, cat(ours.id, c).toFixed(0), cat(empty.id, c).toFixed(0), (cat(ours.id, c) - cat(empty.id, c)).toFixed(0)]);
                }
                rows.push(["total", ...[ours.id, empty.id].map(id => (results.profile[id][phase].totalMs ?? 0).toFixed(0)),
                    ((results.profile[ours.id][phase].totalMs ?? 0) - (results.profile[empty.id][phase].totalMs ?? 0)).toFixed(0)]);
                const what = phase === "startup" ? "start-up (spawn to port)" : `evaluation of ${size} resources (port to stop)`;
                report.push(`CPU profile of the pack process, ${what}\n${table(rows)}\n` +
                    `Top self-time functions in ${ours.id}:\n` + (results.profile[ours.id][phase].top ?? []).slice(0, 15).map((t: any) => `  ${t.ms.toFixed(0).padStart(6)} ms  ${t.fn}  ${t.where}`).join("\n"));
            }
        }
    } finally {
        for (const p of packs) p.cleanup?.();
    }

    const trows = [["target", "measured", "per-round range", "limit", "result"]];
    for (const t of targets) {
        const info = !Number.isFinite(t.limit);
        trows.push([t.name, Number.isFinite(t.value) ? `${t.value.toFixed(2)}x` : "n/a", t.range, info ? "-" : `${t.limit}x`, info ? "info" : t.met ? "MET" : "NOT MET"]);
    }
    report.push(`Targets (ratios measured in this run)\n${table(trows)}`);
    results.targets = targets.map(t => ({ ...t, limit: Number.isFinite(t.limit) ? t.limit : null, met: Number.isFinite(t.limit) ? t.met : null }));
    results.meta.finished = new Date().toISOString();
    results.meta.loadAverageAtEnd = os.loadavg();
    fs.writeFileSync(o.out, JSON.stringify(results, null, 2) + "\n");
    console.log(report.join("\n\n"));
    console.log(`\nMachine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}, load average ${results.meta.loadAverageAtStart.map((x: number) => x.toFixed(1)).join(" ")} at start. Results: ${path.relative(process.cwd(), o.out)}`);
}

function gitCommit(): string | undefined {
    try {
        return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
        return undefined;
    }
}

function awsguardVersions(): Record<string, string> | undefined {
    const v = (rel: string) => {
        try {
            return JSON.parse(fs.readFileSync(path.join(benchDir, "node_modules", rel, "package.json"), "utf8")).version;
        } catch {
            return undefined;
        }
    };
    return {
        "@pulumi/awsguard": v("@pulumi/awsguard"),
        "@pulumi/aws (AWSGuard's)": v("@pulumi/awsguard/node_modules/@pulumi/aws") ?? v("@pulumi/aws"),
        "@pulumi/policy": v("@pulumi/policy"),
        "@pulumi/pulumi": v("@pulumi/pulumi"),
    };
}

main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
