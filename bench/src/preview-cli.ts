// 3. Offline preview end to end: the CLI a user runs (preview/bin/pulumi-offline-preview.js), timed from
// spawn to exit. That includes starting the program in its own Node process through @pulumi/pulumi's
// language-host run path, serving its resource registrations, starting the pack and judging every
// resource, so it shows what the pack adds to a whole preview rather than to the pack calls alone.
import { spawn } from "child_process";
import * as path from "path";
import { failureText, log } from "./log";
import { Stat, nowMs, rotated, stat } from "./measure";
import { BenchPack, repoRoot } from "./packs";

export interface PreviewResult {
    program: string;
    resources: number;
    ms: Record<string, Stat>;
    diagnostics: Record<string, number>;
    error?: string;
}

/**
 * One CLI run. --transpile-only: type-checking the program is not the pack's cost and would only add noise; --quiet and
 * --format json: the report on stdout, parsed for its resource and diagnostic counts. The CLI runs on this
 * process's Node (it refuses Node < 22).
 */
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
                // A report with mandatory findings exits non-zero: the JSON decides, not the exit code.
                const j = JSON.parse(out);
                resolve({ ms, resources: typeof j.resources === "number" ? j.resources : (j.resources ?? []).length, diagnostics: (j.diagnostics ?? []).length });
            } catch {
                reject(new Error(`preview of ${programDir} exited ${code}: ${(err || out).slice(-600)}`));
            }
        });
    });
}

/** `runs` rounds per program, every pack once per round; a failure stops that program (its error is kept). */
export async function previews(programs: { name: string; dir: string }[], packs: BenchPack[], runs: number): Promise<PreviewResult[]> {
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
                    error = failureText(e);
                    log(`  preview ${prog.name} with ${p.id} FAILED: ${error}`);
                    break;
                }
            }
        }
        results.push({ program: prog.name, resources, ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, stat(v)])), diagnostics, error });
    }
    return results;
}
