import { captureProgram } from "./capture/program";
import { readPolicyPackConfigFile } from "./engine/config";
import { locatePack } from "./engine/pack";
import { Report, runPolicyPacks } from "./engine/run";
import { UserError } from "./errors";
import { CapturedStack, Mode } from "./model";
import { StackConfig, entryFile, readProject, readStackConfig } from "./project";
import { loadStateFile } from "./state";

export { UserError } from "./errors";
export { Report, ReportDiagnostic } from "./engine/run";
export { CapturedResource, CapturedStack } from "./model";
export { toJson } from "./report/json";
export { toSarif } from "./report/sarif";
export { toText } from "./report/text";
export { captureProgram } from "./capture/program";
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
    stackTraces?: boolean;
    redactSecrets?: boolean;
    onProgress?: (phase: "capture" | "analyze", done: number, total?: number) => void;
    onWarning?: (message: string) => void;
}

export interface PreviewResult extends Report {
    captured: CapturedStack;
}

/**
 * The offline preview: runs the program (or reads a state file) and the policy packs as the engine
 * would for `pulumi preview --policy-pack ...`, and returns what the CLI would report.
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
    if (packConfigs.length > packs.length) {
        throw new UserError(`${packConfigs.length} --policy-pack-config files for ${packs.length} --policy-pack folders.`,
            "Give at most one config file per pack, in the same order as the packs.");
    }

    let captured: CapturedStack;
    let config: StackConfig;
    if (o.stateFile) {
        captured = loadStateFile(o.stateFile);
        config = { values: { ...(o.config ?? {}), ...(o.secrets ?? {}) }, secretKeys: Object.keys(o.secrets ?? {}) };
    } else if (o.programDir) {
        const project = readProject(o.programDir);
        config = readStackConfig(project, stack, o.config ?? {}, o.secrets ?? {});
        const c = await captureProgram({
            main: project.main, resolveFrom: project.dir, project: project.name, stack, organization: o.organization,
            mode, config, timeoutMs: o.timeoutMs, typeCheck: o.typeCheck, stackTraces: o.stackTraces,
            onProgress: n => o.onProgress?.("capture", n),
        });
        c.warnings.forEach(w => o.onWarning?.(w));
        captured = { ...c, source: entryFile(project) };
    } else if (o.program) {
        const project = o.project ?? "test";
        const ns = (k: string) => k.includes(":") ? k : `${project}:${k}`;
        const values: Record<string, string> = {};
        for (const [k, v] of Object.entries(o.config ?? {})) values[ns(k)] = v;
        for (const [k, v] of Object.entries(o.secrets ?? {})) values[ns(k)] = v;
        config = { values, secretKeys: Object.keys(o.secrets ?? {}).map(ns) };
        const c = await captureProgram({
            program: o.program, project, stack, organization: o.organization, mode, config,
            timeoutMs: o.timeoutMs, stackTraces: o.stackTraces, onProgress: n => o.onProgress?.("capture", n),
        });
        c.warnings.forEach(w => o.onWarning?.(w));
        captured = c;
    } else {
        throw new UserError("Nothing to preview.", "Pass --program DIR or --state FILE.");
    }

    const report = await runPolicyPacks(captured, {
        packs, packConfigs, packConfigSources, config,
        redactSecrets: o.redactSecrets,
        onProgress: (d, t) => o.onProgress?.("analyze", d, t),
    });
    return { ...report, captured };
}
