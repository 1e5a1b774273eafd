import { CapturedResource, CapturedStack } from "../model";
import { WireProperties, collectSecretStrings } from "../wire";
import { reconcileConfig } from "./config";
import { AnalyzerInfo, Diagnostic, EnforcementLevel, PackLocation, PolicyInfo, PolicyPackProcess, Severity, StackContext } from "./pack";

export interface ReportDiagnostic {
    policyPackName: string;
    policyPackVersion: string;
    policyName: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    urn: string;
    resourceType: string;
    resourceName: string;
    message: string;
    /** True for the SDK's "can't run policy ... during preview" advisories. */
    undecidable: boolean;
    framework?: { name: string; version: string; reference: string; specification: string };
}

export interface ReportRemediation {
    policyPackName: string;
    policyName: string;
    urn: string;
    resourceType: string;
    resourceName: string;
    description: string;
}

export interface ReportNotApplicable {
    policyPackName: string;
    policyName: string;
    urn: string;
    reason: string;
}

export interface PackReport {
    name: string;
    version: string;
    dir: string;
    policies: PolicyInfo[];
}

export interface Report {
    project: string;
    stack: string;
    mode: "preview" | "update";
    source: string;
    policyPacks: PackReport[];
    resources: CapturedResource[];
    diagnostics: ReportDiagnostic[];
    remediations: ReportRemediation[];
    notApplicable: ReportNotApplicable[];
    summary: { mandatory: number; advisory: number; remediated: number; undecidable: number };
    warnings: string[];
}

export interface RunPacksOptions {
    packs: PackLocation[];
    /** One `--policy-pack-config` object per pack, in the same order (missing = none). */
    packConfigs?: (Record<string, unknown> | undefined)[];
    packConfigSources?: string[];
    config: { values: Record<string, string>; secretKeys: string[] };
    stackTags?: Record<string, string>;
    onProgress?: (done: number, total: number) => void;
    /** Replace secret values that a policy echoed in a message with "[secret]" (default true). */
    redactSecrets?: boolean;
    startTimeoutMs?: number;
}

/** The generic reasons the SDK gives for policies that do not handle a resource type. */
const boilerplateNotApplicable = /^Policy (only applies to resources of type|does not implement)/;

const undecidablePrefix = /^can't run (policy|remediation) /;

/**
 * Drives policy packs the way the engine does for `pulumi preview`/`pulumi up`: start every pack,
 * Handshake, ConfigureStack, GetAnalyzerInfo, Configure; for each resource Remediate (applying the
 * new inputs) then Analyze; one AnalyzeStack over every resource's outputs; stop the packs.
 */
export async function runPolicyPacks(captured: CapturedStack, o: RunPacksOptions): Promise<Report> {
    const ctx: StackContext = {
        project: captured.project, stack: captured.stack, organization: captured.organization,
        dryRun: captured.mode === "preview", config: o.config.values, secretKeys: o.config.secretKeys,
        tags: o.stackTags,
    };
    const started = await Promise.allSettled(o.packs.map(p => PolicyPackProcess.start(p, ctx, { timeoutMs: o.startTimeoutMs })));
    const packs = started.filter(s => s.status === "fulfilled").map(s => (s as PromiseFulfilledResult<PolicyPackProcess>).value);
    try {
        const failed = started.find(s => s.status === "rejected") as PromiseRejectedResult | undefined;
        if (failed) {
            throw failed.reason;
        }
        const infos: AnalyzerInfo[] = [];
        for (let i = 0; i < packs.length; i++) {
            const info = await packs[i].getAnalyzerInfo();
            const cfg = reconcileConfig(info, o.packConfigs?.[i], o.packConfigSources?.[i]);
            await packs[i].configure(cfg);
            for (const p of info.policies) {
                p.enforcementLevel = cfg[p.name]?.enforcementLevel ?? p.enforcementLevel;
            }
            infos.push(info);
        }
        return await analyzeAll(captured, packs, infos, o);
    } finally {
        await Promise.all(packs.map(p => p.kill()));
    }
}

async function analyzeAll(captured: CapturedStack, packs: PolicyPackProcess[], infos: AnalyzerInfo[], o: RunPacksOptions): Promise<Report> {
    const byUrn = new Map(captured.resources.map(r => [r.urn, r] as const));
    const lookup = (urn: string) => byUrn.get(urn);
    const policyInfo = new Map<string, PolicyInfo>();
    infos.forEach(info => info.policies.forEach(p => policyInfo.set(`${info.name}\u0000${p.name}`, p)));

    const perResource: { diagnostics: Diagnostic[]; remediations: ReportRemediation[]; notApplicable: ReportNotApplicable[] }[] = [];
    const analyzed = captured.resources.filter(r => !r.external);
    let done = 0;
    let next = 0;
    const worker = async () => {
        while (next < analyzed.length) {
            const index = next++;
            const r = analyzed[index];
            const result = { diagnostics: [] as Diagnostic[], remediations: [] as ReportRemediation[], notApplicable: [] as ReportNotApplicable[] };
            let inputs: WireProperties = r.inputs;
            for (let i = 0; i < packs.length; i++) {
                const rem = await packs[i].remediate(r, inputs, lookup);
                for (const x of rem.remediations) {
                    if (x.properties) {
                        inputs = x.properties;
                        result.remediations.push({
                            policyPackName: x.policyPackName, policyName: x.policyName, urn: r.urn,
                            resourceType: r.type, resourceName: r.name, description: x.description,
                        });
                    }
                    if (x.diagnostic) {
                        result.diagnostics.push({
                            policyName: x.policyName, policyPackName: x.policyPackName, policyPackVersion: x.policyPackVersion,
                            description: x.description, message: x.diagnostic, enforcementLevel: "advisory", urn: r.urn, severity: "",
                        });
                    }
                }
                pushNotApplicable(result.notApplicable, infos[i].name, r.urn, rem.notApplicable);
            }
            if (inputs !== r.inputs) {
                // The engine creates the resource from the remediated inputs, so its outputs carry them too.
                r.outputs = { ...r.outputs, ...inputs };
                r.inputs = inputs;
            }
            const analyses = await Promise.all(packs.map(p => p.analyze(r, inputs, lookup)));
            analyses.forEach((a, i) => {
                result.diagnostics.push(...a.diagnostics.map(d => ({ ...d, urn: d.urn || r.urn })));
                pushNotApplicable(result.notApplicable, infos[i].name, r.urn, a.notApplicable);
            });
            perResource[index] = result;
            done++;
            o.onProgress?.(done, analyzed.length);
        }
    };
    await Promise.all(Array.from({ length: Math.min(16, Math.max(1, analyzed.length)) }, worker));

    const diagnostics: Diagnostic[] = perResource.flatMap(x => x.diagnostics);
    const remediations = perResource.flatMap(x => x.remediations);
    const notApplicable = perResource.flatMap(x => x.notApplicable);
    const stackResults = await Promise.all(packs.map(p => p.analyzeStack(captured.resources, lookup)));
    stackResults.forEach((s, i) => {
        diagnostics.push(...s.diagnostics);
        pushNotApplicable(notApplicable, infos[i].name, "", s.notApplicable);
    });

    const secrets = o.redactSecrets === false ? new Set<string>() : collectSecrets(captured.resources);
    const warnings: string[] = [];
    let redacted = 0;
    const redact = (s: string) => {
        let out = s;
        for (const v of secrets) {
            if (out.includes(v)) {
                out = out.split(v).join("[secret]");
                redacted++;
            }
        }
        return out;
    };

    const reportDiagnostics: ReportDiagnostic[] = diagnostics.map(d => {
        const r = byUrn.get(d.urn);
        const p = policyInfo.get(`${d.policyPackName}\u0000${d.policyName}`);
        const rd: ReportDiagnostic = {
            policyPackName: d.policyPackName,
            policyPackVersion: d.policyPackVersion,
            policyName: d.policyName,
            enforcementLevel: d.enforcementLevel,
            severity: d.severity || p?.severity || "",
            urn: d.urn,
            resourceType: r?.type ?? "",
            resourceName: r?.name ?? "",
            message: redact(d.message),
            undecidable: undecidablePrefix.test(d.message),
        };
        if (p?.framework && (p.framework.name || p.framework.reference)) {
            rd.framework = p.framework;
        }
        return rd;
    });
    if (redacted > 0) {
        warnings.push(`${redacted} secret value(s) that policies wrote into messages were replaced with [secret]`);
    }

    const summary = {
        mandatory: reportDiagnostics.filter(d => d.enforcementLevel === "mandatory").length,
        advisory: reportDiagnostics.filter(d => d.enforcementLevel === "advisory" && !d.undecidable).length,
        remediated: remediations.length,
        undecidable: reportDiagnostics.filter(d => d.undecidable).length,
    };
    return {
        project: captured.project,
        stack: captured.stack,
        mode: captured.mode,
        source: captured.source,
        policyPacks: infos.map((info, i) => ({ name: info.name, version: info.version, dir: packs[i].location.dir, policies: info.policies })),
        resources: captured.resources,
        diagnostics: reportDiagnostics,
        remediations,
        notApplicable: notApplicable.map(n => ({ ...n, reason: redact(n.reason) })),
        summary,
        warnings,
    };
}

function pushNotApplicable(into: ReportNotApplicable[], pack: string, urn: string, list: { policyName: string; reason: string }[]): void {
    for (const n of list) {
        if (!boilerplateNotApplicable.test(n.reason)) {
            into.push({ policyPackName: pack, policyName: n.policyName, urn, reason: n.reason });
        }
    }
}

function collectSecrets(resources: CapturedResource[]): Set<string> {
    const s = new Set<string>();
    for (const r of resources) {
        collectSecretStrings(r.inputs, s);
        collectSecretStrings(r.outputs, s);
    }
    return s;
}
