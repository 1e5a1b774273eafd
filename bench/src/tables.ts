// The report's table for each measured part (the profile's are in profiling.ts, the targets' in
// targets.ts). Ratios against the empty pack sit next to the figures, since absolute times on a shared
// machine mean little on their own.
import { ColdResult } from "./cold-start";
import { Evaluation, cpuSamples } from "./evaluation";
import { f0, fr, table } from "./format";
import { ratio, stat } from "./measure";
import { BenchPack, empty, ours } from "./packs";
import { PreviewResult } from "./preview-cli";

export function coldStartTable(cold: Record<string, ColdResult>, packs: BenchPack[], runs: number): string {
    const rows = [["pack", "policies", "spawn->port ms", "ready ms", "RSS MB", "vs empty (spawn->port)"]];
    for (const p of packs) {
        const c = cold[p.id];
        rows.push([p.label, String(c.policies), f0(c.spawnToPortMs), f0(c.readyMs), f0(c.peakRssMb),
            c.error ? `FAILED: ${c.error.slice(0, 60)}` : p.id === empty.id ? "(floor)" : cold[empty.id] ? fr(ratio(c.spawnToPortMs.samples, cold[empty.id].spawnToPortMs.samples)) : ""]);
    }
    return `Cold start, median (min-max) of ${runs} runs\n${table(rows)}`;
}

export function evaluationTable(ev: Evaluation, packs: BenchPack[], sizes: number[], runs: number): string {
    const rows = [["resources / pack", "per-resource ms", "AnalyzeStack ms", "total ms", "pack CPU ms", "peak RSS MB", "diags", "total vs empty", "RSS vs empty"]];
    for (const size of sizes) {
        for (const p of packs) {
            const e = ev[size][p.id];
            const base = ev[size][empty.id];
            rows.push([`${size} ${p.id}`, f0(e.perResourceMs), f0(e.analyzeStackMs), f0(e.totalMs), f0(stat(cpuSamples(e))), f0(e.peakRssMb), String(e.diagnostics),
                e.error ? `FAILED: ${e.error.slice(0, 60)}` : base && p.id !== empty.id ? fr(ratio(e.totalMs.samples, base.totalMs.samples)) : "",
                base && p.id !== empty.id ? fr(ratio(e.peakRssMb.samples, base.peakRssMb.samples)) : ""]);
        }
    }
    return `Evaluation, median (min-max) of ${runs} runs (pack CPU = user+system time of the pack process)\n${table(rows)}`;
}

export function previewTable(pv: PreviewResult[], runs: number): string {
    const rows = [["program", "resources", "with pci-dss ms", "with empty ms", "pci-dss vs empty"]];
    for (const r of pv) {
        rows.push([r.program, String(r.resources), f0(r.ms[ours.id]), f0(r.ms[empty.id]),
            r.error ? `FAILED: ${r.error.slice(0, 80)}` : fr(ratio(r.ms[ours.id].samples, r.ms[empty.id].samples))]);
    }
    return `Offline preview end to end (node preview/bin/pulumi-offline-preview.js --transpile-only), median (min-max) of ${runs} runs\n${table(rows)}`;
}
