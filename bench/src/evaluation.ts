// 2. Evaluation: a started pack judging the synthetic stack (src/synthetic.ts) the way the engine sends
// it during a preview. Wall time of each phase, the pack process's own CPU time and its peak RSS.
import * as fs from "fs";
import { CapturedResource } from "../../preview/src/model";
import { WireProperties } from "../../preview/src/wire";
import { failureText, log } from "./log";
import { Stat, cpuMs, nowMs, peakRssMb, rotated, stat } from "./measure";
import { BenchPack } from "./packs";
import { startConfigured } from "./start-pack";
import { syntheticStack } from "./synthetic";

export interface EvalSample {
    perResourceMs: number;
    analyzeStackMs: number;
    totalMs: number;
    perResourceCpuMs: number;
    analyzeStackCpuMs: number;
    peakRssMb: number;
    diagnostics: number;
    mandatory: number;
}

export interface EvalResult {
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

/** Resources in flight during the per-resource phase, as analyzeState in preview/src/engine/run.ts runs them. */
const inFlight = 16;

/**
 * One evaluation on a fresh pack, as the engine (and PolicySession in preview/src/engine/run.ts) drives it:
 * Remediate then Analyze per resource (Analyze sees the remediated inputs), `inFlight` at a time;
 * then one AnalyzeStack over every resource. Start-up is not counted (see cold-start.ts).
 * `env` with BENCH_CPU_PROFILE runs the pack under src/cpu-profile.js (see profiling.ts).
 */
export async function evaluate(p: BenchPack, resources: CapturedResource[], env?: Record<string, string>): Promise<EvalSample> {
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
        await Promise.all(Array.from({ length: inFlight }, worker));
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

/** results.evaluation: size -> pack id -> result. */
export type Evaluation = Record<string, Record<string, EvalResult>>;

/** `runs` rounds per size, every pack once per round on the same stack (built once per size). */
export async function evaluation(packs: BenchPack[], sizes: number[], runs: number): Promise<Evaluation> {
    const out: Evaluation = {};
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
                    x.error = failureText(e);
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
                // The same stack every round, so the same findings: the first round's count stands for all.
                diagnostics: x.s[0]?.diagnostics ?? 0, mandatory: x.s[0]?.mandatory ?? 0, error: x.error,
            };
        }
    }
    return out;
}

/** Pack CPU per round: the per-resource phase plus AnalyzeStack. */
export function cpuSamples(e: EvalResult): number[] {
    return e.perResourceCpuMs.samples.map((x, i) => x + e.analyzeStackCpuMs.samples[i]);
}
