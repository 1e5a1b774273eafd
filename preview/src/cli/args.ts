import { UserError } from "../errors";
import { PreviewOptions } from "../index";
import { parseKeyValue } from "../project";

export const usage = `Usage: npm run preview -- [options]

Runs a Pulumi TypeScript/JavaScript program and policy packs the way 'pulumi preview --policy-pack'
does, offline: no Pulumi CLI, no cloud credentials, no cloud calls.

Options (defaults in brackets):
  --program DIR              Pulumi program folder with Pulumi.yaml [stack]
  --programs DIR|PATTERN     every Pulumi Node.js project under DIR, or whose Pulumi.yaml matches
                             PATTERN (e.g. 'infra/**/Pulumi.yaml'), several at a time; one report
  --parallel N               projects run at once with --programs [the machine's cores]
  --state FILE               judge a 'pulumi stack export' file instead of a program, as
                             'pulumi policy analyze --file' does
  --policy-pack DIR          policy pack folder; repeatable [policy]
  --policy-pack-config FILE  JSON config for the pack at the same position; repeatable
  --stack NAME               stack name; reads Pulumi.<NAME>.yaml [dev]
  --config KEY=VALUE         stack config; repeatable (KEY without ':' is the project's)
  --secret KEY=VALUE         secret stack config; repeatable
  --mode preview|update      preview: outputs of new resources are unknown, as in 'pulumi preview';
                             update: outputs get realistic values, as after 'pulumi up' [preview]
  --format FORMAT            text, json, sarif, markdown or html (evidence grouped by PCI DSS
                             requirement, policy and resource; html is one self-contained page) [text]
  --output FILE              write the report to FILE instead of stdout
  --fail-on SEVERITY         also exit 1 when a finding (mandatory or advisory, not undecidable)
                             of this severity or higher exists: critical, high, medium or low
  --timeout SECONDS          give up on a program that does not finish [120]
  --policy-timeout SECONDS   fail the run when one policy call takes longer (a stuck policy) [300]
  --type-check               type-check a TypeScript program (the CLI's default unless
                             PULUMI_NODEJS_TRANSPILE_ONLY=true) [on]
  --transpile-only           skip type-checking (faster)
  --quiet                    no progress on stderr
  -h, --help                 this text

Exit code: 0 no mandatory violation, 1 a mandatory violation (or a finding at --fail-on's severity),
2 usage error or failure to run.`;

export interface CliArgs {
    options: PreviewOptions;
    /** --programs: a folder or a glob of Pulumi.yaml paths. */
    programs?: string;
    parallel?: number;
    format: "text" | "json" | "sarif" | "markdown" | "html";
    output?: string;
    /** --fail-on: the lowest severity whose findings make the exit code 1, whatever their enforcement level. */
    failOn?: "critical" | "high" | "medium" | "low";
    quiet: boolean;
}

export function parseArgs(argv: string[]): CliArgs | "help" {
    const packs: string[] = [];
    const packConfigs: string[] = [];
    const config: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    let program: string | undefined, state: string | undefined, stack = "dev", mode = "preview", format = "text";
    let output: string | undefined, timeout = 120, typeCheck: boolean | undefined, quiet = false;
    let failOn: string | undefined;
    let programs: string | undefined, parallel: number | undefined, policyTimeout = 300;
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
            case "--programs": programs = value(); break;
            case "--parallel": parallel = Number(value()); break;
            case "--state": state = value(); break;
            case "--policy-pack": packs.push(value()); break;
            case "--policy-pack-config": packConfigs.push(value()); break;
            case "--stack": stack = value(); break;
            case "--config": { const [k, v] = parseKeyValue(value(), "--config"); config[k] = v; break; }
            case "--secret": { const [k, v] = parseKeyValue(value(), "--secret"); secrets[k] = v; break; }
            case "--mode": mode = value(); break;
            case "--format": format = value(); break;
            case "--output": output = value(); break;
            case "--fail-on": failOn = value(); break;
            case "--timeout": timeout = Number(value()); break;
            case "--policy-timeout": policyTimeout = Number(value()); break;
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
    if (!["text", "json", "sarif", "markdown", "html"].includes(format)) {
        throw new UserError(`--format must be text, json, sarif, markdown or html, not '${format}'.`);
    }
    if (failOn !== undefined && !["critical", "high", "medium", "low"].includes(failOn)) {
        throw new UserError(`--fail-on must be critical, high, medium or low, not '${failOn}'.`);
    }
    if (!Number.isFinite(timeout) || timeout <= 0) {
        throw new UserError("--timeout takes a positive number of seconds.");
    }
    if (!Number.isFinite(policyTimeout) || policyTimeout <= 0) {
        throw new UserError("--policy-timeout takes a positive number of seconds.");
    }
    if ([program, state, programs].filter(x => x !== undefined).length > 1) {
        throw new UserError("Pass one of --program, --programs or --state.");
    }
    if (parallel !== undefined && (!Number.isInteger(parallel) || parallel < 1)) {
        throw new UserError("--parallel takes a whole number of projects, at least 1.");
    }
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
        throw new UserError(`Stack name '${stack}' may only hold letters, digits, '-', '_' and '.'.`);
    }
    return {
        options: {
            programDir: state || programs ? undefined : (program ?? "stack"),
            stateFile: state,
            policyPacks: packs.length ? packs : ["policy"],
            policyPackConfigs: packConfigs,
            stack, mode: mode as "preview" | "update", config, secrets,
            timeoutMs: timeout * 1000, typeCheck, policyTimeoutMs: policyTimeout * 1000,
        },
        programs, parallel,
        format: format as CliArgs["format"],
        output,
        failOn: failOn as CliArgs["failOn"],
        quiet,
    };
}
