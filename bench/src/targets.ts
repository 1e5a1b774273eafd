// The performance targets (README "Results") and the informational ratios printed beside them. Every
// target is a ratio between two packs, or two sizes, measured in the same run, so that the machine's
// speed and load cancel out; `limit` Infinity marks a ratio shown for information only.
import { ColdResult } from "./cold-start";
import { Evaluation, cpuSamples } from "./evaluation";
import { table } from "./format";
import { Ratio, ratio, stat } from "./measure";
import { midAndLarge } from "./options";
import { BenchPack, awsguard, empty, ours, oursTs, sdkFloor } from "./packs";

export interface Target {
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

/**
 * Growth between two sizes of the same pack. The rounds at different sizes are not paired, so the range
 * is the widest over all pairs (min over max, max over min) rather than per round.
 */
function growth(large: number[], mid: number[]): Ratio {
    return { ratio: stat(large).median / stat(mid).median, min: Math.min(...large) / Math.max(...mid), max: Math.max(...large) / Math.min(...mid) };
}

export function coldStartTargets(cold: Record<string, ColdResult>): Target[] {
    const targets: Target[] = [];
    const c = (id: string) => cold[id]?.spawnToPortMs.samples;
    if (cold[ours.id] && cold[empty.id]) targets.push(target("cold start <= 1.25x empty", ratio(c(ours.id)!, c(empty.id)!), 1.25, "pci-dss compiled vs empty, spawn to port"));
    if (cold[ours.id] && cold[awsguard.id]) targets.push(target("cold start <= 0.2x AWSGuard", ratio(c(ours.id)!, c(awsguard.id)!), 0.2, "pci-dss compiled vs AWSGuard (index.ts), spawn to port"));
    if (cold[empty.id] && cold[awsguard.id]) targets.push(target("(info) empty pack vs AWSGuard: the floor of any pack", ratio(c(empty.id)!, c(awsguard.id)!), Infinity, "no pack can start faster than the empty one"));
    if (cold[oursTs.id] && cold[awsguard.id]) targets.push(target("(info) TS sources vs AWSGuard, both type-checked", ratio(c(oursTs.id)!, c(awsguard.id)!), Infinity, "like for like: both started from TypeScript"));
    return targets;
}

export function evaluationTargets(ev: Evaluation, sizes: number[]): Target[] {
    const targets: Target[] = [];
    const [mid, large] = midAndLarge(sizes);
    const e = (size: number, id: string) => ev[size]?.[id];
    if (e(mid, ours.id) && e(mid, empty.id)) {
        targets.push(target(`evaluation at ${mid} <= 1.5x empty`, ratio(e(mid, ours.id)!.totalMs.samples, e(mid, empty.id)!.totalMs.samples), 1.5, "wall time, Remediate+Analyze per resource + AnalyzeStack"));
        targets.push(target(`(info) evaluation CPU at ${mid} vs empty`, ratio(cpuSamples(e(mid, ours.id)!), cpuSamples(e(mid, empty.id)!)), Infinity, "pack process CPU time"));
    }
    if (e(mid, ours.id) && e(large, ours.id) && large !== mid) {
        const oursGrowth = (k: "analyzeStackMs" | "analyzeStackCpuMs") => growth(e(large, ours.id)![k].samples, e(mid, ours.id)![k].samples);
        // 4.5 for 4x the resources (10,000 -> 40,000), scaled to the sizes of this run.
        const lim = 4.5 * (large / mid) / 4;
        targets.push(target(`AnalyzeStack time(${large}) / time(${mid}) <= ${lim.toFixed(2)}`, oursGrowth("analyzeStackMs"), lim, "wall time incl. request encoding; range = min/max over all pairs"));
        targets.push(target(`(info) AnalyzeStack pack CPU (${large}) / (${mid})`, oursGrowth("analyzeStackCpuMs"), Infinity, "pack process CPU time"));
        if (e(mid, empty.id) && e(large, empty.id)) {
            targets.push(target(`(info) empty pack's AnalyzeStack time(${large}) / time(${mid}): the harness and SDK alone`,
                growth(e(large, empty.id)!.analyzeStackMs.samples, e(mid, empty.id)!.analyzeStackMs.samples), Infinity, "wall time"));
        }
    }
    if (e(large, ours.id) && e(large, empty.id)) {
        targets.push(target(`peak RSS at ${large} <= 2x empty`, ratio(e(large, ours.id)!.peakRssMb.samples, e(large, empty.id)!.peakRssMb.samples), 2, "VmHWM of the pack process"));
    }
    if (e(mid, sdkFloor.id) && e(mid, empty.id)) {
        targets.push(target(`(info) evaluation CPU at ${mid}: sdk-floor (our policy list, no-op logic) vs empty`, ratio(cpuSamples(e(mid, sdkFloor.id)!), cpuSamples(e(mid, empty.id)!)), Infinity, "the SDK's cost of our number of policies"));
    }
    if (e(mid, sdkFloor.id) && e(mid, ours.id)) {
        targets.push(target(`(info) evaluation CPU at ${mid}: pci-dss vs sdk-floor`, ratio(cpuSamples(e(mid, ours.id)!), cpuSamples(e(mid, sdkFloor.id)!)), Infinity, "our policies' own logic"));
    }
    if (e(mid, ours.id) && e(mid, awsguard.id)) {
        targets.push(target(`(info) evaluation at ${mid} vs AWSGuard`, ratio(e(mid, ours.id)!.totalMs.samples, e(mid, awsguard.id)!.totalMs.samples), Infinity, "wall time"));
    }
    return targets;
}

export function targetsTable(targets: Target[]): string {
    const rows = [["target", "measured", "per-round range", "limit", "result"]];
    for (const t of targets) {
        const info = !Number.isFinite(t.limit);
        rows.push([t.name, Number.isFinite(t.value) ? `${t.value.toFixed(2)}x` : "n/a", t.range, info ? "-" : `${t.limit}x`, info ? "info" : t.met ? "MET" : "NOT MET"]);
    }
    return `Targets (ratios measured in this run)\n${table(rows)}`;
}

/** For results.json: JSON has no Infinity, so an informational ratio has limit and met null. */
export function targetsJson(targets: Target[]): object[] {
    return targets.map(t => ({ ...t, limit: Number.isFinite(t.limit) ? t.limit : null, met: Number.isFinite(t.limit) ? t.met : null }));
}

/** results.coldStart.ratios: every pack's spawn-to-port time against the empty pack's, round by round. */
export function coldStartRatios(cold: Record<string, ColdResult>, packs: BenchPack[]): Record<string, { vsEmpty: Ratio }> {
    const c = (id: string) => cold[id]?.spawnToPortMs.samples;
    return Object.fromEntries(packs.filter(p => p.id !== empty.id && cold[empty.id]).map(p => [p.id, { vsEmpty: ratio(c(p.id)!, c(empty.id)!) }]));
}
