// 1. Cold start: how long the engine waits for each pack before its first call (spawn to the port line,
// PolicyPackProcess.spawnToPortMs), how long until the pack is configured, and its peak RSS by then.
// A fresh process every run: the cost is paid by every `pulumi preview`.
import { Stat, peakRssMb, rotated, stat } from "./measure";
import { failureText, log } from "./log";
import { BenchPack } from "./packs";
import { startConfigured } from "./start-pack";

export interface ColdResult {
    policies: number;
    spawnToPortMs: Stat;
    readyMs: Stat;
    peakRssMb: Stat;
    error?: string;
}

/** `runs` rounds, every pack once per round; a pack that fails once is not retried (its error is kept). */
export async function coldStart(packs: BenchPack[], runs: number): Promise<Record<string, ColdResult>> {
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
                // Read before kill(): /proc/<pid> goes with the process.
                s.rss.push(peakRssMb(pack.pid));
                s.policies = policies;
                await pack.kill();
                log(`  cold start ${round + 1}/${runs} ${p.id}: ${pack.spawnToPortMs.toFixed(0)} ms to port, ${readyMs.toFixed(0)} ms to configured`);
            } catch (e) {
                s.error = failureText(e);
                // NaN marks the failed round (stat() skips it); later rounds skip the pack.
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
