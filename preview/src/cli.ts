import * as fs from "fs";
import * as path from "path";
import { UserError, messageOf } from "./errors";
import { PreviewOptions, runPreview } from "./index";
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
  --stack-traces             keep stack traces while the program runs (slower)
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
    let output: string | undefined, timeout = 120, typeCheck: boolean | undefined, stackTraces = false, quiet = false;
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
            case "--stack-traces": stackTraces = true; break;
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
            timeoutMs: timeout * 1000, typeCheck, stackTraces,
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
    options.onWarning = w => io.stderr(`warning: ${w}\n`);
    // A failing program rejects several SDK promises; the capture reports the first as the failure,
    // and the echoes that arrive after it must not crash the CLI with a stack trace.
    const swallow = () => undefined;
    process.on("unhandledRejection", swallow);
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
        return report.summary.mandatory > 0 ? 1 : 0;
    } catch (e) {
        if (e instanceof UserError) {
            io.stderr(`error: ${e.describe()}\n`);
        } else {
            io.stderr(`error: the offline preview failed unexpectedly: ${messageOf(e)}\n${(e as Error)?.stack ?? ""}\n` +
                "This is a bug in the offline preview; please report it with the command you ran.\n");
        }
        return 2;
    }
}
