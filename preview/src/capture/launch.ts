import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UserError, messageOf } from "../errors";
import { ProjectInfo, StackConfig } from "../project";

/** What the engine passes a language host's program: where to connect, and the run's context. */
export interface RunContext {
    /** The resource monitor's and the engine's address (one server serves both). */
    address: string;
    project: string;
    stack: string;
    organization: string;
    dryRun: boolean;
    config: StackConfig;
}

export interface ChildOutcome {
    code: number | null;
    signal?: string | null;
    timedOut?: boolean;
    timeoutMs: number;
    /** The end of what the program wrote to stderr (for a program that dies before it can log). */
    stderrTail?: string;
    /** The program could not be started or (inline) threw. */
    error?: unknown;
    /** The program's SDK signals the end of the program to the monitor (SignalAndWaitForShutdown). */
    expectsShutdownSignal?: boolean;
}

/**
 * The config the language host gives the program (PULUMI_CONFIG): keys in the old
 * `<namespace>:config:<name>` form (sdk/nodejs/cmd/pulumi-language-nodejs/main.go:1126).
 */
export function programConfigEnv(config: StackConfig): { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string } {
    const transformed: Record<string, string> = {};
    for (const [k, v] of Object.entries(config.values)) {
        const i = k.indexOf(":");
        transformed[i > 0 ? `${k.slice(0, i)}:config:${k.slice(i + 1)}` : k] = v;
    }
    return { PULUMI_CONFIG: JSON.stringify(transformed), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(config.secretKeys) };
}

/** Splits Pulumi.yaml's `nodeargs` as the language host does (shlex: quotes group words). */
export function splitArgs(s: string): string[] {
    const out: string[] = [];
    let cur = "", quote: string | undefined, any = false;
    for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        if (quote) {
            if (ch === quote) quote = undefined;
            else if (ch === "\\" && quote === '"' && i + 1 < s.length) cur += s[++i];
            else cur += ch;
        } else if (ch === "'" || ch === '"') {
            quote = ch;
            any = true;
        } else if (/\s/.test(ch)) {
            if (cur || any) out.push(cur);
            cur = "";
            any = false;
        } else if (ch === "\\" && i + 1 < s.length) {
            cur += s[++i];
        } else {
            cur += ch;
        }
    }
    if (cur || any) out.push(cur);
    return out;
}

/** pkg/cmd/pulumi/operations defaultParallel: 4 per CPU (GOMAXPROCS). */
export function programParallelism(): number {
    return 4 * Math.max(1, os.cpus().length);
}

/** Whether the program's @pulumi/pulumi signals the monitor when the program is done (recent SDKs do). */
function sdkSignalsShutdown(runPath: string): boolean {
    try {
        return fs.readFileSync(path.join(path.dirname(runPath), "index.js"), "utf8").includes("signalAndWaitForShutdown");
    } catch {
        return false;
    }
}

/** Processes of running programs, killed if this process is interrupted. */
const livePrograms = new Set<ChildProcess>();

export function killLivePrograms(): void {
    for (const c of livePrograms) {
        try { c.kill("SIGKILL"); } catch { /* gone */ }
    }
}

/**
 * Starts the program exactly as the Node.js language host does (main.go constructArguments and
 * execRuntime): `node [nodeargs] <@pulumi/pulumi/cmd/run> --monitor A --engine A --organization O
 * --project P --root-directory D --stack S --pwd W [--dry-run] --parallel N <entry point>`, with
 * the parent's environment plus PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS and the TypeScript settings.
 */
export async function runProgramProcess(project: ProjectInfo, run: RunContext, o: { timeoutMs: number; typeCheck?: boolean; output: (s: string) => void; stopped?: Promise<void> }): Promise<ChildOutcome> {
    let runPath: string;
    try {
        // main.go locateModule: the run script of the @pulumi/pulumi the program itself resolves.
        runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [project.pwd] });
    } catch {
        throw new UserError(`The program in ${project.dir} has no @pulumi/pulumi installed (it cannot be resolved from ${project.pwd}).`,
            "Run 'npm install' in the program's folder first.");
    }
    const args = [
        ...splitArgs(project.runtimeOptions.nodeargs),
        runPath,
        "--monitor", run.address, "--engine", run.address,
        "--organization", run.organization, "--project", run.project, "--root-directory", project.dir,
        "--stack", run.stack, "--pwd", project.pwd,
        ...(run.dryRun ? ["--dry-run"] : []),
        "--parallel", String(programParallelism()),
        project.entryPoint,
    ];
    const env: Record<string, string> = { ...process.env as Record<string, string>, ...programConfigEnv(run.config) };
    if (project.runtimeOptions.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (project.runtimeOptions.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = project.runtimeOptions.tsconfig;
    if (o.typeCheck !== undefined) env.PULUMI_NODEJS_TRANSPILE_ONLY = String(!o.typeCheck);

    let child: ChildProcess;
    try {
        child = spawn(process.execPath, args, { cwd: project.pwd, env, stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
        // Node throws (rather than emits) E2BIG: the kernel refused the environment or arguments.
        if ((e as NodeJS.ErrnoException).code === "E2BIG") throw environmentTooLarge(env, args);
        throw e;
    }
    livePrograms.add(child);
    let tail = "";
    const keep = (s: string) => { tail = (tail + s).slice(-8000); };
    child.stdout!.on("data", d => o.output(d.toString()));
    child.stderr!.on("data", d => { const s = d.toString(); keep(s); o.output(s); });
    return new Promise<ChildOutcome>(resolve => {
        let timedOut = false;
        const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, o.timeoutMs);
        o.stopped?.then(() => {
            // main.go:989 cmd.Cancel and WaitDelay: an interrupt, and a kill 5 s later.
            if (child.exitCode !== null) return;
            child.kill("SIGINT");
            setTimeout(() => { if (child.exitCode === null) child.kill("SIGKILL"); }, 5000).unref();
        });
        child.on("error", err => {
            clearTimeout(timer);
            livePrograms.delete(child);
            resolve({ code: null, timeoutMs: o.timeoutMs, error: err });
        });
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            livePrograms.delete(child);
            resolve({ code, signal, timedOut, timeoutMs: o.timeoutMs, stderrTail: tail.trim() || undefined, expectsShutdownSignal: sdkSignalsShutdown(runPath) });
        });
    });
}

/** Linux's limit on one environment string (MAX_ARG_STRLEN, 32 pages) and on all of them with the arguments. */
const maxArgStrlen = 32 * 4096;

/**
 * A process (the program, or a policy pack) could not start because its environment is larger than the
 * kernel allows. The stack config travels in PULUMI_CONFIG, as the language host and the analyzer plugin
 * pass it (pulumi-language-nodejs main.go, pkg/resource/plugin/analyzer_plugin.go), so the real CLI hits
 * the same limit; say which variable and which limit.
 */
export function environmentTooLarge(env: Record<string, string>, args: string[], what = "The program"): UserError {
    const sizes = Object.entries(env).map(([k, v]) => ({ k, bytes: Buffer.byteLength(`${k}=${v}`) + 1 }));
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a), { k: "", bytes: 0 });
    const total = sizes.reduce((n, s) => n + s.bytes, 0) + args.reduce((n, a) => n + Buffer.byteLength(a) + 1, 0);
    const kib = (n: number) => `${Math.ceil(n / 1024)} KiB`;
    const which = largest.bytes > maxArgStrlen
        ? `${largest.k} is ${kib(largest.bytes)}, over the operating system's limit of ${kib(maxArgStrlen)} for one environment variable`
        : `the environment and arguments total ${kib(total)}, over the operating system's limit for a new process`;
    const hint = largest.k === "PULUMI_CONFIG"
        ? "The stack configuration is passed to the program and to each policy pack in PULUMI_CONFIG, as the Pulumi CLI passes it, so `pulumi preview` fails the same way: keep large values out of Pulumi.<stack>.yaml (read them from a file the program opens)."
        : `Make ${largest.k} smaller, or unset it before running the preview.`;
    return new UserError(`${what} could not be started (spawn E2BIG): ${which}.`, hint);
}

let inlineQueue: Promise<unknown> = Promise.resolve();

/**
 * Runs an inline program (tests) in this process against the same monitor and engine. The Pulumi
 * runtime is global to a process, so inline runs are serialised.
 */
export function runInline(program: () => unknown, run: RunContext, timeoutMs: number, stopped?: Promise<void>): Promise<ChildOutcome> {
    const next = inlineQueue.then(() => runInlineNow(program, run, timeoutMs, stopped));
    inlineQueue = next.catch(() => undefined);
    return next;
}

async function runInlineNow(program: () => unknown, run: RunContext, timeoutMs: number, stopped?: Promise<void>): Promise<ChildOutcome> {
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const pulumi = require(pulumiDir);
    const settings = require(path.join(pulumiDir, "runtime", "settings"));
    const failures: unknown[] = [];
    const onFailure = (e: unknown) => { failures.push(e); };
    process.on("unhandledRejection", onFailure);
    process.on("uncaughtException", onFailure);
    let timer: NodeJS.Timeout | undefined;
    let abandoned: Promise<unknown> | undefined;
    try {
        settings.resetOptions(run.project, run.stack, programParallelism(), run.address, run.address, run.dryRun, run.organization);
        pulumi.runtime.setAllConfig(run.config.values, run.config.secretKeys);
        const timeout = new Promise<"timeout">(r => { timer = setTimeout(() => r("timeout"), timeoutMs); });
        const done = (async () => {
            await pulumi.runtime.runInPulumiStack(async () => program());
            await settings.disconnect(true);
        })();
        // An inline program cannot be killed: when the deployment stops, the run just stops waiting for it.
        const first = await Promise.race([done, timeout, (stopped ?? new Promise(() => undefined)).then(() => "stopped" as const)]);
        if (first === "timeout") {
            return { code: null, timedOut: true, timeoutMs };
        }
        if (first === "stopped") {
            // The abandoned program's last rejections must not reach the host process.
            abandoned = done.catch(() => undefined).then(() => new Promise(r => setTimeout(r, 1000)));
            return { code: 1, timeoutMs };
        }
        // Errors thrown inside apply callbacks surface as unhandled rejections.
        await new Promise(r => setImmediate(r));
    } catch (e) {
        failures.unshift(e);
    } finally {
        if (timer) clearTimeout(timer);
        const detach = () => {
            process.removeListener("unhandledRejection", onFailure);
            process.removeListener("uncaughtException", onFailure);
        };
        if (abandoned) abandoned.then(detach);
        else detach();
        try { settings.disconnectSync(); } catch { /* closed */ }
    }
    if (failures.length > 0) {
        return { code: 1, timeoutMs, error: failures[0] instanceof Error ? failures[0] : new Error(messageOf(failures[0])) };
    }
    return { code: 0, timeoutMs };
}
