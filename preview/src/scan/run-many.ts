import * as os from "os";
import { PreviewOptions, PreviewResult, runPreview } from "../index";

/** One project of a scan: its report, or why it could not be run at all. */
export interface ProjectOutcome {
    dir: string;
    result?: PreviewResult;
    /** Thrown before the program could run (bad Pulumi.yaml, a pack that will not start, ...). */
    error?: unknown;
    ms: number;
}

export interface RunManyOptions {
    /** How many projects run at once (default: the machine's cores). */
    parallel?: number;
    onDone?: (done: number, total: number, outcome: ProjectOutcome) => void;
}

/**
 * Runs many Pulumi projects through the offline preview, several at a time (each program is its own
 * process, and so is each of its packs), in the order given; a project that fails does not stop the others.
 */
export async function runMany(dirs: string[], options: Omit<PreviewOptions, "programDir" | "program" | "stateFile">, o: RunManyOptions = {}): Promise<ProjectOutcome[]> {
    const parallel = Math.max(1, Math.min(o.parallel ?? os.cpus().length, dirs.length));
    const outcomes: ProjectOutcome[] = new Array(dirs.length);
    let next = 0, done = 0;
    const worker = async () => {
        while (next < dirs.length) {
            const i = next++;
            const started = Date.now();
            let outcome: ProjectOutcome;
            try {
                const result = await runPreview({ ...options, programDir: dirs[i] });
                outcome = { dir: dirs[i], result, ms: Date.now() - started };
            } catch (error) {
                outcome = { dir: dirs[i], error, ms: Date.now() - started };
            }
            outcomes[i] = outcome;
            o.onDone?.(++done, dirs.length, outcome);
        }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return outcomes;
}

/** The exit code of a scan: the worst of its projects (2 failed to run, 1 mandatory violation, 0 clean). */
export function worstExitCode(outcomes: ProjectOutcome[]): number {
    let worst = 0;
    for (const x of outcomes) {
        const code = x.error ? 2
            : x.result!.failure ? (x.result!.failure.kind === "stopped" ? 1 : 2)
                : x.result!.summary.mandatory > 0 ? 1 : 0;
        worst = Math.max(worst, code);
    }
    return worst;
}
