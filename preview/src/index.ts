import { CaptureFailure, CaptureResult, captureProgram } from "./capture/program";
import { readPolicyPackConfigFile } from "./engine/config";
import { locatePack } from "./engine/pack";
import { PackPool } from "./engine/pool";
import { PolicySession, Report, analyzeState } from "./engine/run";
import { UserError } from "./errors";
import { CapturedStack, Mode } from "./model";
import { StackConfig, entryFile, readProject, readStackConfig } from "./project";
import { SecretFilter, secretValues } from "./report/secret-filter";
import { loadStateFile } from "./state";

export { InternalError, ProgramError, UserError } from "./errors";
export { Report, ReportDiagnostic } from "./engine/run";
export { PackPool } from "./engine/pool";
export { CapturedResource, CapturedStack } from "./model";
export { toJson } from "./report/json";
export { toSarif } from "./report/sarif";
export { toText } from "./report/text";
export { CaptureFailure, captureProgram } from "./capture/program";
export * as wire from "./wire";

export interface PreviewOptions {
    /** Program folder with Pulumi.yaml; or `program` (an inline function) with `project`. */
    programDir?: string;
    program?: () => unknown;
    project?: string;
    /** A `pulumi stack export` file to judge instead of a program. */
    stateFile?: string;
    policyPacks: string[];
    /** Paths of `--policy-pack-config` files, or the parsed objects, one per pack in order. */
    policyPackConfigs?: (string | Record<string, unknown> | undefined)[];
    stack?: string;
    organization?: string;
    mode?: Mode;
    config?: Record<string, string>;
    secrets?: Record<string, string>;
    timeoutMs?: number;
    typeCheck?: boolean;
    redactSecrets?: boolean;
    onProgress?: (phase: "capture" | "analyze", done: number, total?: number) => void;
    /** Where the program's own output goes (console.log); default: this process's stderr. */
    programOutput?: (text: string) => void;
    /**
     * Update mode stops at the first resource with a mandatory violation, as `pulumi up` does
     * (default). False judges every resource with update-mode values instead, for testing policies.
     */
    stopOnMandatory?: boolean;
    /** Reuse running packs across runs of one process (a test suite); see PackPool. */
    packPool?: PackPool;
    /** The longest one policy call may take before the run fails (default 300 s). */
    policyTimeoutMs?: number;
}

export interface PreviewResult extends Report {
    captured: CapturedStack;
    /** Set when the run ended early: the program failed, or an update stopped at a mandatory violation. */
    failure?: CaptureFailure;
}

/**
 * The offline preview: runs the program (or reads a state file) and the policy packs as the engine
 * would for `pulumi preview --policy-pack ...` (or `pulumi up`), and returns what the CLI would report.
 * Each resource is analysed as it registers, so a program that fails half-way still reports what
 * the policies found in the resources registered before the failure.
 */
export async function runPreview(o: PreviewOptions): Promise<PreviewResult> {
    const stack = o.stack ?? "dev";
    const mode = o.mode ?? "preview";
    if (!o.policyPacks.length) {
        throw new UserError("No policy pack given.", "Pass at least one --policy-pack DIR.");
    }
    const packs = o.policyPacks.map(locatePack);
    const packConfigs = (o.policyPackConfigs ?? []).map(c => typeof c === "string" ? readPolicyPackConfigFile(c) : c);
    const packConfigSources = (o.policyPackConfigs ?? []).map(c => typeof c === "string" ? `Policy pack config ${c}` : "policy pack config");
    if (packConfigs.length > 0 && packConfigs.length !== packs.length) {
        // pkg/cmd/pulumi/operations: the CLI takes one config file per pack, or none at all.
        throw new UserError(`${packConfigs.length} --policy-pack-config file(s) for ${packs.length} --policy-pack folder(s).`,
            "Give one config file per pack, in the same order as the packs, or none.");
    }

    if (o.stateFile) {
        const captured = loadStateFile(o.stateFile);
        const config: StackConfig = { values: { ...(o.config ?? {}), ...(o.secrets ?? {}) }, secretKeys: Object.keys(o.secrets ?? {}) };
        const report = await analyzeState(captured, {
            packs, packConfigs, packConfigSources, config, redactSecrets: o.redactSecrets, pool: o.packPool, callTimeoutMs: o.policyTimeoutMs,
            onProgress: (d, t) => o.onProgress?.("analyze", d, t),
        });
        return { ...report, captured };
    }

    let projectName: string;
    let config: StackConfig;
    const projectInfo = o.programDir ? readProject(o.programDir) : undefined;
    if (projectInfo) {
        projectName = projectInfo.name;
        config = readStackConfig(projectInfo, stack, o.config ?? {}, o.secrets ?? {});
    } else if (o.program) {
        projectName = o.project ?? "test";
        const ns = (k: string) => k.includes(":") ? k : `${projectName}:${k}`;
        const values: Record<string, string> = {};
        for (const [k, v] of Object.entries(o.config ?? {})) values[ns(k)] = v;
        for (const [k, v] of Object.entries(o.secrets ?? {})) values[ns(k)] = v;
        config = { values, secretKeys: Object.keys(o.secrets ?? {}).map(ns) };
    } else {
        throw new UserError("Nothing to preview.", "Pass --program DIR or --state FILE.");
    }

    const organization = o.organization ?? "organization";
    // The program's own output is masked with the stack's secret config, line by line, as the CLI does.
    const configFilter = new SecretFilter(o.redactSecrets === false ? [] : secretValues(config, []));
    const programOutput = o.programOutput ?? ((t: string) => { process.stderr.write(t); });
    let pendingLine = "";
    const maskedOutput = configFilter.empty ? programOutput : (t: string) => {
        const lines = (pendingLine + t).split("\n");
        pendingLine = lines.pop()!;
        if (lines.length) programOutput(configFilter.apply(lines.join("\n") + "\n"));
    };
    const session = await PolicySession.start({
        project: projectName, stack, organization, dryRun: mode === "preview",
        config: config.values, secretKeys: config.secretKeys,
    }, { packs, packConfigs, packConfigSources, config, pool: o.packPool, callTimeoutMs: o.policyTimeoutMs }, o.stopOnMandatory === false ? "judge-all" : "deployment");
    let captured: CaptureResult;
    try {
        captured = await captureProgram({
            project: projectInfo, program: o.program, projectName, stack, organization, mode, config,
            timeoutMs: o.timeoutMs, typeCheck: o.typeCheck, programOutput: maskedOutput,
            onProgress: n => o.onProgress?.("capture", n),
            analyze: (r, lookup) => session.analyzeResource(r, lookup),
        });
        if (!captured.failure) {
            const byUrn = new Map(captured.resources.map(r => [r.urn, r] as const));
            await session.analyzeStack(captured.resources, urn => byUrn.get(urn));
        }
    } finally {
        await session.close();
    }
    if (pendingLine) programOutput(configFilter.apply(pendingLine));
    const source = projectInfo ? entryFile(projectInfo) : captured.source;
    const report = session.report({ ...captured, source }, { redactSecrets: o.redactSecrets, warnings: captured.warnings, config });
    const result: PreviewResult = { ...report, captured };
    if (captured.failure) {
        const all = new SecretFilter(o.redactSecrets === false ? [] : secretValues(config, captured.resources));
        result.failure = { ...captured.failure, message: all.apply(captured.failure.message), details: captured.failure.details.map(d => all.apply(d)) };
    }
    return result;
}
