import { InternalError, UserError, messageOf } from "../errors";
import { CapturedResource, CapturedStack, Mode } from "../model";
import { ProjectInfo, StackConfig } from "../project";
import { WireProperties } from "../wire";
import { CallbackClients } from "./callbacks";
import { EngineState, ProgramLog, engineService } from "./engine-service";
import { defaultInvokeContext } from "./invokes";
import { ChildOutcome, programParallelism, runInline, runProgramProcess } from "./launch";
import { MonitorState, monitorService } from "./monitor";
import { startServer, stopServer } from "./protocol";
import { Registry } from "./registry";
import { SchemaIndex } from "./schema";
import { defaultRegion } from "./synth";

export interface CaptureOptions {
    /** A program folder, as readProject describes it; or pass `program`. */
    project?: ProjectInfo;
    /** An inline program, for tests: the function a Pulumi program module would export. */
    program?: () => unknown;
    /** The project name (defaults to the project's). */
    projectName?: string;
    stack: string;
    organization?: string;
    mode: Mode;
    config: StackConfig;
    /** Folder from which provider SDKs are resolved for their schemas (defaults to the program's). */
    resolveFrom?: string;
    timeoutMs?: number;
    /** Type-check a TypeScript program (default: as the CLI decides, from PULUMI_NODEJS_TRANSPILE_ONLY and tsconfig). */
    typeCheck?: boolean;
    onProgress?: (registered: number) => void;
    /** Runs the analyzers on each resource as it registers (see Registry). */
    analyze?: (r: CapturedResource, lookup: (urn: string) => CapturedResource | undefined) => Promise<WireProperties | void>;
    /** Where the program's own output (console.log, its stderr) goes; default: this process's stderr. */
    programOutput?: (text: string) => void;
}

/** Why a run ended early: the program failed, the engine stopped it (a policy), or the preview did. */
export interface CaptureFailure {
    kind: "program" | "stopped" | "pack" | "internal" | "timeout";
    message: string;
    /** The program's own messages (its errors, compiler diagnostics), verbatim. */
    details: string[];
    /** For internal failures: our stack, for the bug report. */
    stack?: string;
}

export interface CaptureResult extends CapturedStack {
    warnings: string[];
    /** What the program logged through the engine (pulumi.log.*, the SDK's warnings). */
    logs: ProgramLog[];
    failure?: CaptureFailure;
}

/**
 * Runs a Pulumi program as the engine does for `pulumi preview` / `pulumi up`: the program runs in its
 * own Node.js process, started as the Node.js language host starts it, against a resource monitor and
 * engine served here (pkg/resource/deploy/source_eval.go). Inline programs (tests) run in this
 * process against the same monitor.
 */
export async function captureProgram(o: CaptureOptions): Promise<CaptureResult> {
    const project = o.projectName ?? o.project?.name ?? "test";
    const resolveFrom = o.resolveFrom ?? o.project?.pwd ?? process.cwd();
    const region = o.config.values["aws:region"] ?? defaultRegion;
    const invokes = defaultInvokeContext(region, resolveFrom);
    const callbacks = new CallbackClients();
    const warnings: string[] = [];
    const registry = new Registry({
        project, stack: o.stack, mode: o.mode, config: o.config, region,
        schemas: new SchemaIndex(resolveFrom), callbacks,
        availabilityZones: invokes.availabilityZones,
        analyze: o.analyze, onRegistered: o.onProgress,
    });
    const monitorState: MonitorState = { internalErrors: [], shutdownSignalled: false, pending: new Set() };
    const engineState: EngineState = { logs: [], rootUrn: "" };
    let server: any;
    let address: string;
    try {
        const deployment = { project, stack: o.stack, organization: o.organization ?? "organization", dryRun: o.mode === "preview", parallel: programParallelism(), config: o.config };
        ({ server, address } = await startServer([monitorService(registry, invokes, monitorState, deployment), engineService(engineState)]));
    } catch (e) {
        throw new InternalError(`cannot start the resource monitor: ${messageOf(e)}`, e);
    }
    let outcome: ChildOutcome;
    try {
        const run = { address, project, stack: o.stack, organization: o.organization ?? "organization", dryRun: o.mode === "preview", config: o.config };
        // The engine cancels the program when the deployment stops (main.go execRuntime: interrupt, then kill).
        const stopped = new Promise<void>(resolve => { monitorState.onStop = () => setTimeout(resolve, 200); });
        outcome = o.program
            ? await runInline(o.program, run, o.timeoutMs ?? 120_000, stopped)
            : await runProgramProcess(o.project!, run, {
                timeoutMs: o.timeoutMs ?? 120_000, typeCheck: o.typeCheck, stopped,
                output: o.programOutput ?? (s => process.stderr.write(s)),
            });
        // Registrations still being analysed when the program stopped finish first, as in the engine.
        await Promise.allSettled([...monitorState.pending]);
    } finally {
        callbacks.close();
        await stopServer(server);
    }
    for (const t of invokes.unanswered) {
        warnings.push(`data source ${t} has no offline answer; the program received an empty result`);
    }
    for (const t of invokes.generic) {
        warnings.push(`data source ${t} was answered offline from its declared result type (plausible values, not real ones)`);
    }
    for (const log of engineState.logs) {
        if (log.severity === "warning") warnings.push(log.message);
    }
    const result: CaptureResult = {
        project, stack: o.stack, organization: o.organization ?? "organization", mode: o.mode,
        resources: registry.resources, warnings, logs: engineState.logs,
        source: o.project?.main ?? "(inline program)",
    };
    const failure = classify(outcome, monitorState, engineState.logs, o.project);
    if (failure) {
        result.failure = failure;
    }
    return result;
}

/** Whose fault a failed run is, as the CLI would say it (and ours when it is ours). */
function classify(outcome: ChildOutcome, monitor: MonitorState, logs: ProgramLog[], project: ProjectInfo | undefined): CaptureFailure | undefined {
    const where = project ? `Program ${project.name} (${project.dir})` : "The program";
    if (monitor.internalErrors.length > 0) {
        const e = monitor.internalErrors[0];
        return { kind: "internal", message: `The offline preview failed while serving the program: ${e.message}`, details: [], stack: e.stack };
    }
    if (monitor.packFailure) {
        return { kind: "pack", message: monitor.packFailure.describe(), details: [] };
    }
    if (monitor.refused) {
        return { kind: "stopped", message: monitor.refused, details: [] };
    }
    if (outcome.timedOut) {
        return {
            kind: "timeout", details: [],
            message: `${where} did not finish within ${Math.round(outcome.timeoutMs / 1000)} s: something it awaits never resolves ` +
                "(an Output or promise that is never settled, or a data source the offline preview cannot answer), so it was stopped.",
        };
    }
    if (monitor.invalid) {
        return { kind: "program", message: `${where} registered a resource the engine rejects: ${monitor.invalid}.`, details: logs.filter(l => l.severity === "error").map(l => l.message) };
    }
    const errors = logs.filter(l => l.severity === "error").map(l => l.message.replace(/\x1b\[[0-9;]*m/g, "").trimEnd());
    if (outcome.error) {
        // A failure of the inline runner (tests), or of starting the program at all.
        if (outcome.error instanceof UserError) {
            return { kind: "program", message: outcome.error.message, details: errors };
        }
        return { kind: "program", message: `${where} failed: ${messageOf(outcome.error)}`, details: errors };
    }
    if (outcome.code !== 0 || errors.length > 0) {
        const details = errors.length > 0 ? errors : outcome.stderrTail ? [outcome.stderrTail] : [];
        const how = outcome.code === 0 ? `logged ${errors.length} error(s)` : outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
        return { kind: "program", message: `${where} ${how}.`, details };
    }
    if (outcome.expectsShutdownSignal && !monitor.shutdownSignalled) {
        // The SDK signals the monitor once the program's work is done (cmd/run beforeExit ->
        // signalAndWaitForShutdown): exiting without it means the program stopped itself early
        // (process.exit), and what it registered is not the whole program.
        return {
            kind: "program", details: [],
            message: `${where} exited (code 0) before it finished: the Pulumi SDK never signalled the end of the program, so its resources are not all registered (does it call process.exit?).`,
        };
    }
    return undefined;
}
