// 4. Profile: our pack and the empty pack evaluating the same stack under the V8 CPU profiler, to say
// which part of our extra cost is our code and which is the SDK's. src/cpu-profile.js is preloaded
// through NODE_OPTIONS=--require (--cpu-prof is not allowed in NODE_OPTIONS) and writes one profile
// of start-up and one of evaluation; profile-summary.ts sums their self time by where the code lives.
import * as fs from "fs";
import * as path from "path";
import { evaluate } from "./evaluation";
import { table } from "./format";
import { BenchPack, benchDir } from "./packs";
import { ProfileSummary, summariseProfile } from "./profile-summary";
import { syntheticStack } from "./synthetic";

type Phase = "startup" | "evaluation";

/** results.profile: pack id -> phase -> summary (or why there is none). */
export type Profiles = Record<string, Record<Phase, Partial<ProfileSummary> & { error?: string }>>;

/** Profiles are kept in bench/profiles/<pack>/ (open them in Chrome DevTools). */
export async function profilePacks(packs: BenchPack[], size: number): Promise<Profiles> {
    const out: Profiles = {};
    for (const p of packs) {
        const dir = path.join(benchDir, "profiles", p.id);
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, "pack.cpuprofile");
        await evaluate(p, syntheticStack(size), {
            NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(benchDir, "src", "cpu-profile.js")}`.trim(),
            BENCH_CPU_PROFILE: file,
        });
        const startup = file.replace(/\.cpuprofile$/, ".startup.cpuprofile");
        out[p.id] = {
            evaluation: fs.existsSync(file) ? summariseProfile(file) : { error: "no profile written" },
            startup: fs.existsSync(startup) ? summariseProfile(startup) : { error: "no profile written" },
        };
    }
    return out;
}

/**
 * One table per phase: self time by category for `a` and `b`, largest difference first, then `a`'s
 * top functions (where to look to make it cheaper).
 */
export function profileTables(profiles: Profiles, a: BenchPack, b: BenchPack, size: number): string[] {
    const sections: string[] = [];
    for (const phase of ["startup", "evaluation"] as const) {
        const cat = (id: string, c: string) => profiles[id][phase].byCategory?.[c] ?? 0;
        const cats = new Set<string>();
        for (const p of [a, b]) Object.keys(profiles[p.id][phase].byCategory ?? {}).forEach(c => cats.add(c));
        const rows = [["where (self time)", `${a.id} ms`, `${b.id} ms`, "difference ms"]];
        for (const c of [...cats].sort((x, y) => (cat(a.id, y) - cat(b.id, y)) - (cat(a.id, x) - cat(b.id, x)))) {
            rows.push([c, cat(a.id, c).toFixed(0), cat(b.id, c).toFixed(0), (cat(a.id, c) - cat(b.id, c)).toFixed(0)]);
        }
        rows.push(["total", ...[a.id, b.id].map(id => (profiles[id][phase].totalMs ?? 0).toFixed(0)),
            ((profiles[a.id][phase].totalMs ?? 0) - (profiles[b.id][phase].totalMs ?? 0)).toFixed(0)]);
        const what = phase === "startup" ? "start-up (spawn to port)" : `evaluation of ${size} resources (port to stop)`;
        sections.push(`CPU profile of the pack process, ${what}\n${table(rows)}\n` +
            `Top self-time functions in ${a.id}:\n` + (profiles[a.id][phase].top ?? []).slice(0, 15).map(t => `  ${t.ms.toFixed(0).padStart(6)} ms  ${t.fn}  ${t.where}`).join("\n"));
    }
    return sections;
}
