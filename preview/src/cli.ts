import * as fs from "fs";
import * as path from "path";
import { killLivePrograms } from "./capture/launch";
import { CliArgs, parseArgs, usage } from "./cli/args";
import { describeError, describeFailure } from "./cli/messages";
import { killLivePacks } from "./engine/pack";
import { UserError, messageOf } from "./errors";
import { runPreview } from "./index";
import { combinedJson, combinedSarif, combinedText } from "./report/combined";
import { buildEvidence } from "./report/evidence";
import { evidenceHtml } from "./report/html";
import { toJson } from "./report/json";
import { evidenceMarkdown } from "./report/markdown";
import { toSarif } from "./report/sarif";
import { toText } from "./report/text";
import { discoverProjects } from "./scan/discover";
import { runMany, worstExitCode } from "./scan/run-many";

export { describeError, describeFailure } from "./cli/messages";
export { parseArgs } from "./cli/args";

interface Io {
    stdout: (s: string) => void;
    stderr: (s: string) => void;
}

function toolVersion(): string {
    try {
        return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")).version;
    } catch {
        return "0.0.0";
    }
}

function relDir(p: string): string {
    return path.relative(process.cwd(), p) || ".";
}

/** The markdown or html evidence report of one or several runs. */
function evidence(format: "markdown" | "html", runs: Parameters<typeof buildEvidence>[0]): string {
    const ev = buildEvidence(runs, { toolVersion: toolVersion() });
    return format === "html" ? evidenceHtml(ev) : evidenceMarkdown(ev);
}

let signalsHandled = false;

/** An interrupted run (Ctrl-C, CI's SIGTERM on a time-out) stops the programs and every pack it started. */
function handleSignals(): void {
    if (signalsHandled) return;
    signalsHandled = true;
    for (const [sig, n] of [["SIGINT", 2], ["SIGTERM", 15], ["SIGHUP", 1]] as const) {
        process.once(sig, () => {
            killLivePrograms();
            killLivePacks();
            process.exit(128 + n);
        });
    }
}

/** Writes the report to --output or stdout. */
function emit(text: string, args: CliArgs, io: Io): void {
    if (!args.output) {
        io.stdout(text);
        return;
    }
    try {
        fs.mkdirSync(path.dirname(path.resolve(args.output)), { recursive: true });
        fs.writeFileSync(args.output, text);
    } catch (e) {
        throw new UserError(`Cannot write the report to ${args.output}: ${messageOf(e)}.`);
    }
    if (!args.quiet) io.stderr(`report written to ${args.output}\n`);
}

/** Runs the CLI and returns its exit code (0 clean, 1 mandatory violation, 2 usage or run failure). */
export async function main(argv: string[], io: Io = {
    stdout: s => process.stdout.write(s), stderr: s => process.stderr.write(s),
}): Promise<number> {
    let args: CliArgs | "help";
    try {
        args = parseArgs(argv);
    } catch (e) {
        io.stderr(describeError(e));
        return 2;
    }
    if (args === "help") {
        io.stdout(usage + "\n");
        return 0;
    }
    handleSignals();
    const major = Number(process.versions.node.split(".")[0]);
    if (major < 22) {
        io.stderr(`error: Node.js ${process.versions.node} is not supported: the offline preview, and the @pulumi/pulumi it runs programs with, ` +
            "need Node.js 22 or 24 (Node.js 20 reached its end of life in April 2026). Install Node.js 22 or later and run again.\n");
        return 2;
    }
    try {
        return args.programs ? await scan(args, io) : await single(args, io);
    } catch (e) {
        io.stderr(describeError(e));
        return 2;
    }
}

async function single(args: CliArgs, io: Io): Promise<number> {
    const { options, format, quiet } = args;
    const isTty = !!(process.stderr as any).isTTY;
    let lastProgress = 0;
    const progress = (msg: string) => {
        if (quiet) return;
        const now = Date.now();
        if (now - lastProgress < 1000) return;
        lastProgress = now;
        io.stderr(isTty ? `\r${msg}\x1b[K` : `${msg}\n`);
    };
    options.onProgress = (phase, done, total) => {
        progress(phase === "capture" ? `running program: ${done} resources registered` : `analyzing: ${done}/${total} resources`);
    };
    // The program's own output (console.log) goes to stderr, so a report on stdout stays parseable.
    options.programOutput = s => io.stderr(s);
    if (!quiet) io.stderr(options.stateFile ? `reading ${options.stateFile}\n` : `running ${options.programDir} (stack ${options.stack}, ${options.mode} mode)\n`);
    const report = await runPreview(options);
    if (!quiet && isTty) io.stderr("\r\x1b[K");
    const text = format === "json" ? JSON.stringify(toJson(report), null, 2) + "\n"
        : format === "sarif" ? JSON.stringify(toSarif(report, { toolVersion: toolVersion() }), null, 2) + "\n"
            : format === "markdown" || format === "html" ? evidence(format, [{ program: relDir(report.source), report }])
                : toText(report);
    emit(text, args, io);
    if (report.failure) {
        io.stderr(describeFailure(report.failure, options.mode ?? "preview"));
        // An update stopped by a mandatory policy is a policy verdict, not a failure to run.
        return report.failure.kind === "stopped" ? 1 : 2;
    }
    return report.summary.mandatory > 0 || failsOn(report, args.failOn) ? 1 : 0;
}

const severityRank: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };

/** --fail-on: a finding (not an undecidable) at or above the severity, whatever its enforcement level. */
export function failsOn(report: { diagnostics: { severity: string; undecidable: boolean; enforcementLevel: string }[] }, failOn?: string): boolean {
    if (!failOn) return false;
    return report.diagnostics.some(d => !d.undecidable && d.enforcementLevel !== "disabled" && (severityRank[d.severity] ?? 0) >= severityRank[failOn]);
}

/** --programs: every project found, several at a time, one combined report; the worst exit code. */
async function scan(args: CliArgs, io: Io): Promise<number> {
    const found = discoverProjects(args.programs!);
    const { programDir: _ignored, ...options } = args.options;
    if (!args.quiet) io.stderr(`running ${found.projects.length} project(s) (stack ${options.stack}, ${options.mode} mode)\n`);
    const output: string[] = [];
    // With several programs at once their output would interleave: it is kept, and shown for failures.
    const outcomes = await runMany(found.projects, { ...options, programOutput: s => { output.push(s); } }, {
        parallel: args.parallel,
        onDone: (done, total, x) => {
            if (args.quiet) return;
            const s = x.result?.summary;
            const what = x.error ? `error: ${messageOf(x.error).split("\n")[0]}` : x.result!.failure ? `${x.result!.failure.kind} failure`
                : `${s!.mandatory} mandatory, ${s!.advisory} advisory, ${s!.undecidable} undecidable`;
            io.stderr(`[${done}/${total}] ${path.relative(process.cwd(), x.dir) || "."}: ${what} (${(x.ms / 1000).toFixed(1)} s)\n`);
        },
    });
    const text = args.format === "json" ? JSON.stringify(combinedJson(outcomes, found.skipped), null, 2) + "\n"
        : args.format === "sarif" ? JSON.stringify(combinedSarif(outcomes, toolVersion()), null, 2) + "\n"
            : args.format === "markdown" || args.format === "html"
                ? evidence(args.format, outcomes.filter(x => x.result).map(x => ({ program: relDir(x.dir), report: x.result! })))
                : combinedText(outcomes, found.skipped);
    emit(text, args, io);
    const worst = worstExitCode(outcomes);
    return worst === 0 && outcomes.some(x => x.result && failsOn(x.result, args.failOn)) ? 1 : worst;
}
