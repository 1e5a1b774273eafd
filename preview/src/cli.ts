import * as fs from "fs";
import * as path from "path";
import { UserError, messageOf } from "./errors";
import { killLivePrograms } from "./capture/launch";
import { killLivePacks } from "./engine/pack";
import { CaptureFailure, PreviewOptions, runPreview } from "./index";
import { parseKeyValue } from "./project";
import { toJson } from "./report/json";
import { toSarif } from "./report/sarif";
import { toText } from "./report/text";

const usage = `Usage: npm run preview -- [options]

Runs a Pulumi TypeScript/JavaScript program and policy packs the way 'pulumi preview --policy-pack'
does, offline: no Pulumi CLI, no cloud credentials, no cloud calls.

Options (defaults in brackets):
  --program DIR              Pulumi program folder with Pulumi.yaml [stack]
  --state FILE               judge a 'pulumi stack export' file instead of a program
  --policy-pack DIR          policy pack folder; repeatable [policy]
  --policy-pack-config FILE  JSON config for the pack at the same position; repeatable
  --stack NAME               stack name; reads Pulumi.<NAME>.yaml [dev]
  --config KEY=VALUE         stack config; repeatable (KEY without ':' is the project's)
  --secret KEY=VALUE         secret stack config; repeatable
  --mode preview|update      preview: outputs of new resources are unknown, as in 'pulumi preview';
                             update: outputs get realistic values, as after 'pulumi up' [preview]
  --format text|json|sarif   report format [text]
  --output FILE              write the report to FILE instead of stdout
  --timeout SECONDS          give up on a program that does not finish [120]
  --type-check               type-check a TypeScript program (the CLI's default unless
                             PULUMI_NODEJS_TRANSPILE_ONLY=true) [on]
  --transpile-only           skip type-checking (faster)
  --quiet                    no progress on stderr
  -h, --help                 this text

Exit code: 0 no mandatory violation, 1 a mandatory violation, 2 usage error or failure to run.`;

interface CliArgs {
    options: PreviewOptions;
    format: "text" | "json" | "sarif";
    output?: string;
    quiet: boolean;
}

export function parseArgs(argv: string[]): CliArgs | "help" {
    const packs: string[] = [];
    const packConfigs: string[] = [];
    const config: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    let program: string | undefined, state: string | undefined, stack = "dev", mode = "preview", format = "text";
    let output: string | undefined, timeout = 120, typeCheck: boolean | undefined, quiet = false;
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
        const value = (): string => {
            if (inline !== undefined) return inline;
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) {
                throw new UserError(`Option ${flag} needs a value.`, "Run with --help for the options.");
            }
            return v;
        };
        switch (flag) {
            case "-h": case "--help": return "help";
            case "--program": program = value(); break;
            case "--state": state = value(); break;
            case "--policy-pack": packs.push(value()); break;
            case "--policy-pack-config": packConfigs.push(value()); break;
            case "--stack": stack = value(); break;
            case "--config": { const [k, v] = parseKeyValue(value(), "--config"); config[k] = v; break; }
            case "--secret": { const [k, v] = parseKeyValue(value(), "--secret"); secrets[k] = v; break; }
            case "--mode": mode = value(); break;
            case "--format": format = value(); break;
            case "--output": output = value(); break;
            case "--timeout": timeout = Number(value()); break;
            case "--type-check": typeCheck = true; break;
            case "--transpile-only": typeCheck = false; break;
            case "--quiet": quiet = true; break;
            default:
                throw new UserError(`Unknown option '${a}'.`, "Run with --help for the options.");
        }
    }
    if (mode !== "preview" && mode !== "update") {
        throw new UserError(`--mode must be 'preview' or 'update', not '${mode}'.`);
    }
    if (format !== "text" && format !== "json" && format !== "sarif") {
        throw new UserError(`--format must be text, json or sarif, not '${format}'.`);
    }
    if (!Number.isFinite(timeout) || timeout <= 0) {
        throw new UserError("--timeout takes a positive number of seconds.");
    }
    if (program && state) {
        throw new UserError("Pass either --program or --state, not both.");
    }
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
        throw new UserError(`Stack name '${stack}' may only hold letters, digits, '-', '_' and '.'.`);
    }
    return {
        options: {
            programDir: state ? undefined : (program ?? "stack"),
            stateFile: state,
            policyPacks: packs.length ? packs : ["policy"],
            policyPackConfigs: packConfigs,
            stack, mode: mode as "preview" | "update", config, secrets,
            timeoutMs: timeout * 1000, typeCheck,
        },
        format: format as CliArgs["format"],
        output,
        quiet,
    };
}

function toolVersion(): string {
    try {
        return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")).version;
    } catch {
        return "0.0.0";
    }
}

let signalsHandled = false;

/** An interrupted run (Ctrl-C, CI's SIGTERM on a time-out) stops the program and every pack it started. */
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

/** Runs the CLI and returns its exit code (0 clean, 1 mandatory violation, 2 usage or run failure). */
export async function main(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void } = {
    stdout: s => process.stdout.write(s), stderr: s => process.stderr.write(s),
}): Promise<number> {
    let args: CliArgs | "help";
    try {
        args = parseArgs(argv);
    } catch (e) {
        io.stderr(`error: ${e instanceof UserError ? e.describe() : messageOf(e)}\n`);
        return 2;
    }
    if (args === "help") {
        io.stdout(usage + "\n");
        return 0;
    }
    const { options, format, output, quiet } = args;
    handleSignals();
    const isTty = !!(process.stderr as any).isTTY;
    let lastProgress = 0;
    const progress = (msg: string, force = false) => {
        if (quiet) return;
        const now = Date.now();
        if (!force && now - lastProgress < 1000) return;
        lastProgress = now;
        io.stderr(isTty ? `\r${msg}\x1b[K` : `${msg}\n`);
    };
    options.onProgress = (phase, done, total) => {
        progress(phase === "capture" ? `running program: ${done} resources registered` : `analyzing: ${done}/${total} resources`);
    };
    // The program's own output (console.log) goes to stderr, so a report on stdout stays parseable.
    options.programOutput = s => io.stderr(s);
    try {
        if (!quiet) io.stderr(options.stateFile ? `reading ${options.stateFile}\n` : `running ${options.programDir} (stack ${options.stack}, ${options.mode} mode)\n`);
        const report = await runPreview(options);
        if (!quiet && isTty) io.stderr("\r\x1b[K");
        let text: string;
        if (format === "json") {
            text = JSON.stringify(toJson(report), null, 2) + "\n";
        } else if (format === "sarif") {
            text = JSON.stringify(toSarif(report, { toolVersion: toolVersion() }), null, 2) + "\n";
        } else {
            text = toText(report);
        }
        if (output) {
            try {
                fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
                fs.writeFileSync(output, text);
            } catch (e) {
                throw new UserError(`Cannot write the report to ${output}: ${messageOf(e)}.`);
            }
            if (!quiet) io.stderr(`report written to ${output}\n`);
        } else {
            io.stdout(text);
        }
        if (report.failure) {
            io.stderr(describeFailure(report.failure, options.mode ?? "preview"));
            // An update stopped by a mandatory policy is a policy verdict, not a failure to run.
            return report.failure.kind === "stopped" ? 1 : 2;
        }
        return report.summary.mandatory > 0 ? 1 : 0;
    } catch (e) {
        io.stderr(describeError(e));
        return 2;
    }
}

/** A run that ended early: whose fault, in the program's own words or ours. */
export function describeFailure(f: CaptureFailure, mode: string): string {
    switch (f.kind) {
        case "stopped":
            return `error: the ${mode === "update" ? "update" : "run"} stopped, as 'pulumi up' does: ${f.message}. ` +
                "The resources registered before it were analysed; fix the violation reported above.\n";
        case "pack":
            return `error: ${f.message}\n`;
        case "internal":
            return `error: ${f.message}\n${f.stack ?? ""}\nThis is a bug in the offline preview, not in your program; ` +
                "please report it with the command you ran.\n";
        default: {
            const details = f.details.length ? `\n${f.details.map(d => d.split("\n").map(l => `    ${l}`).join("\n")).join("\n")}` : "";
            const hint = f.kind === "timeout"
                ? "Look for awaited promises that depend on the cloud, or raise the limit with --timeout SECONDS."
                : "This is the program's own error, as 'pulumi preview' would report it: fix the program and run again.";
            return `error: ${f.message}${details}\n${hint}\n`;
        }
    }
}

/** An error thrown out of a run: the user's to fix (one paragraph), or ours (with the stack). */
export function describeError(e: unknown): string {
    if (e instanceof UserError) {
        return `error: ${e.describe()}\n`;
    }
    return `error: the offline preview failed unexpectedly: ${messageOf(e)}\n${(e as Error)?.stack ?? ""}\n` +
        "This is a bug in the offline preview, not in your program; please report it with the command you ran.\n";
}
