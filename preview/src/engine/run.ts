import { CaptureFailure } from "../capture/program";
import { RegistrationRefused } from "../capture/registry";
import { CapturedResource, CapturedStack, rootStackType } from "../model";
import { SecretFilter, secretValues } from "../report/secret-filter";
import { WireProperties } from "../wire";
import { ReconciledConfig, reconcileConfig } from "./config";
import { PackPool } from "./pool";
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

/** A component whose children no policy saw (a provider plugin's component without a model). */
export interface ReportNotAnalysed {
    urn: string;
    type: string;
    name: string;
    reason: string;
}

/**
 * What one policy concluded about one resource, for compliance evidence: pass as well as fail.
 * `not-applicable` carries the policy's reason (an exemption is `exempt`); a policy that does not
 * cover the resource's type yields no evaluation at all.
 */
export interface Evaluation {
    policyPackName: string;
    policyName: string;
    urn: string;
    resourceType: string;
    resourceName: string;
    outcome: "pass" | "fail" | "advisory" | "undecidable" | "exempt" | "not-applicable";
    reason?: string;
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
    notAnalysed: ReportNotAnalysed[];
    evaluations: Evaluation[];
    summary: { mandatory: number; advisory: number; remediated: number; undecidable: number; notAnalysed: number };
    warnings: string[];
    /** Set when the run ended early (see CaptureFailure). */
    failure?: CaptureFailure;
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
    /** The longest one Remediate, Analyze or AnalyzeStack call may take (see PolicyPackProcess.callTimeoutMs). */
    callTimeoutMs?: number;
    /** Reuse running packs across runs (see PackPool); by default every run starts and stops its own. */
    pool?: PackPool;
}

/** The generic reasons the SDK gives for policies that do not handle a resource type. */
const boilerplateNotApplicable = /^Policy (only applies to |does not implement)/;

const undecidablePrefix = /^can't run (policy|remediation) /;

/**
 * deployment: a preview or update as the engine runs it. judge-all: the same, except that an update
 * goes on past mandatory violations (for testing policies). analyze: `pulumi policy analyze`.
 */
export type SessionKind = "deployment" | "judge-all" | "analyze";

interface Collected {
    diagnostics: Diagnostic[];
    remediations: ReportRemediation[];
    notApplicable: ReportNotApplicable[];
}

/**
 * The analyzers of one run, driven as the engine drives them (pkg/resource/deploy/step_generator.go):
 * started and configured once; for each resource as it registers, Remediate on every pack in turn
 * (each sees the inputs the previous one produced), then Analyze on all packs; one AnalyzeStack at
 * the end of a run that did not fail; stopped at the end.
 */
export class PolicySession {
    private readonly collected: Collected = { diagnostics: [], remediations: [], notApplicable: [] };
    private readonly evaluations = new Map<string, Evaluation>();
    private readonly configs: ReconciledConfig[] = [];
    private analyzedCount = 0;
    readonly warnings: string[] = [];

    private constructor(readonly packs: PolicyPackProcess[], readonly infos: AnalyzerInfo[], private readonly kind: SessionKind, private readonly dryRun: boolean) {}

    /**
     * Starts and configures the packs. `deployment`: a preview or an update, where remediations
     * change the inputs and an update stops at the first resource with a mandatory violation.
     * `analyze`: `pulumi policy analyze` of existing state (analyze_snapshot.go:181-325), where
     * remediations are reported and never applied, and nothing stops.
     */
    static async start(ctx: StackContext, o: RunPacksOptions, kind: SessionKind = "deployment"): Promise<PolicySession> {
        const started = await Promise.allSettled(o.packs.map(p => o.pool
            ? o.pool.acquire(p, ctx, { timeoutMs: o.startTimeoutMs })
            : PolicyPackProcess.start(p, ctx, { timeoutMs: o.startTimeoutMs })));
        const packs = started.filter(s => s.status === "fulfilled").map(s => (s as PromiseFulfilledResult<PolicyPackProcess>).value);
        try {
            const failed = started.find(s => s.status === "rejected") as PromiseRejectedResult | undefined;
            if (failed) {
                throw failed.reason;
            }
            if (o.callTimeoutMs) packs.forEach(p => { p.callTimeoutMs = o.callTimeoutMs!; });
            const infos: AnalyzerInfo[] = [];
            const session = new PolicySession(packs, infos, kind, ctx.dryRun);
            session.release = o.pool ? () => Promise.all(packs.map((p, i) => o.pool!.release(p, o.packs[i], ctx))).then(() => undefined) : undefined;
            for (let i = 0; i < packs.length; i++) {
                const info = await packs[i].getAnalyzerInfo();
                const { config, warnings } = reconcileConfig(info, o.packConfigs?.[i], o.packConfigSources?.[i], o.packs[i].dir);
                session.warnings.push(...warnings);
                await packs[i].configure(config);
                for (const p of info.policies) {
                    p.enforcementLevel = (config[p.name]?.enforcementLevel || p.enforcementLevel) as EnforcementLevel;
                }
                infos.push(info);
                session.configs.push(config);
            }
            return session;
        } catch (e) {
            await Promise.all(packs.map(p => p.kill()));
            throw e;
        }
    }

    /** Hands the packs back to their pool instead of stopping them. */
    private release?: () => Promise<void>;

    get analyzed(): number {
        return this.analyzedCount;
    }

    /**
     * Remediate then Analyze one resource (step_generator.go:1401-1478). Returns the inputs the engine
     * goes on with. During an update a mandatory violation (or one at level remediate, which the engine
     * counts as mandatory: analyze_snapshot.go:72) makes the resource invalid and the update stops.
     */
    async analyzeResource(r: CapturedResource, lookup: (urn: string) => CapturedResource | undefined): Promise<WireProperties> {
        let inputs: WireProperties = r.inputs;
        for (let i = 0; i < this.packs.length; i++) {
            const rem = await this.packs[i].remediate(r, inputs, lookup);
            for (const x of rem.remediations) {
                if (x.diagnostic) {
                    this.collected.diagnostics.push({
                        policyName: x.policyName, policyPackName: x.policyPackName, policyPackVersion: x.policyPackVersion,
                        description: x.description, message: x.diagnostic, enforcementLevel: "advisory", urn: r.urn, severity: "",
                    });
                } else if (x.properties) {
                    if (this.kind !== "analyze") inputs = x.properties;
                    this.collected.remediations.push({
                        policyPackName: x.policyPackName, policyName: x.policyName, urn: r.urn,
                        resourceType: r.type, resourceName: r.name, description: x.description,
                    });
                }
            }
            pushNotApplicable(this.collected.notApplicable, this.infos[i].name, r.urn, rem.notApplicable);
        }
        const analyses = await Promise.all(this.packs.map(p => p.analyze(r, inputs, lookup)));
        let mandatory: Diagnostic | undefined;
        analyses.forEach((a, i) => {
            for (const d of a.diagnostics) {
                const level: EnforcementLevel = d.enforcementLevel === "remediate" ? "mandatory" : d.enforcementLevel;
                const diag = { ...d, enforcementLevel: level, urn: d.urn || r.urn };
                if (level === "mandatory") mandatory ??= diag;
                this.collected.diagnostics.push(diag);
            }
            pushNotApplicable(this.collected.notApplicable, this.infos[i].name, r.urn, a.notApplicable);
        });
        analyses.forEach((a, i) => this.recordEvaluations(r, i, a.notApplicable, a.diagnostics));
        this.analyzedCount++;
        if (mandatory && this.kind === "deployment" && !this.dryRun) {
            throw new RegistrationRefused(`resource ${r.urn} is invalid: policy ${mandatory.policyName} (${mandatory.policyPackName}) reported a mandatory violation`);
        }
        return inputs;
    }

    /** What each policy of a pack concluded about the resource in Analyze (see Evaluation). */
    private recordEvaluations(r: CapturedResource, pack: number, na: { policyName: string; reason: string }[], diagnostics: Diagnostic[]): void {
        const info = this.infos[pack];
        const reasons = new Map(na.map(n => [n.policyName, n.reason] as const));
        for (const p of info.policies) {
            if (p.enforcementLevel === "disabled") continue;
            const reason = reasons.get(p.name);
            if (reason !== undefined && boilerplateNotApplicable.test(reason)) continue;
            const ds = diagnostics.filter(d => d.policyName === p.name);
            let outcome: Evaluation["outcome"];
            if (ds.length > 0) outcome = outcomeOf(ds);
            else if (reason !== undefined) outcome = /^exempted by configuration: /.test(reason) ? "exempt" : "not-applicable";
            else outcome = "pass";
            this.evaluations.set(`${r.urn}\u0000${info.name}\u0000${p.name}`, {
                policyPackName: info.name, policyName: p.name, urn: r.urn, resourceType: r.type, resourceName: r.name, outcome,
                ...(reason !== undefined && outcome !== "fail" ? { reason } : {}),
            });
        }
    }

    /**
     * AnalyzeStack over the outputs of the resources the deployment manages (step_generator.go:3496
     * ranges over `news`; reads go to `reads`, step_executor.go:575). `includeReads` is for
     * `pulumi policy analyze`, which judges every resource in the state (analyze_snapshot.go:256).
     */
    async analyzeStack(all: CapturedResource[], lookup: (urn: string) => CapturedResource | undefined, includeReads = false): Promise<void> {
        const resources = includeReads ? all : all.filter(r => !r.external);
        const stackUrn = resources.find(r => r.type === rootStackType && !r.parent)?.urn ?? "";
        const urns = new Set(resources.map(r => r.urn));
        const results = await Promise.all(this.packs.map(p => p.analyzeStack(resources, lookup)));
        results.forEach((s, i) => {
            for (const d of s.diagnostics) {
                // analyze_snapshot.go:122: a stack policy's violation is attributed to its resource, else to the stack.
                const urn = urns.has(d.urn) ? d.urn : stackUrn;
                const diag = { ...d, enforcementLevel: d.enforcementLevel === "remediate" ? "mandatory" as const : d.enforcementLevel, urn };
                this.collected.diagnostics.push(diag);
                const r = lookup(urn);
                const key = `${urn}\u0000${this.infos[i].name}\u0000${d.policyName}`;
                const before = this.evaluations.get(key);
                if (r && (!before || rank[outcomeOf([diag])] > rank[before.outcome])) {
                    this.evaluations.set(key, { policyPackName: this.infos[i].name, policyName: d.policyName, urn, resourceType: r.type, resourceName: r.name, outcome: outcomeOf([diag]) });
                }
            }
            pushNotApplicable(this.collected.notApplicable, this.infos[i].name, "", s.notApplicable);
        });
    }

    async close(): Promise<void> {
        if (this.release) {
            await this.release();
            return;
        }
        await Promise.all(this.packs.map(p => p.kill()));
    }

    /** What the CLI would show, with the run's secret values masked as the CLI masks them (SecretFilter). */
    report(captured: CapturedStack, o: { redactSecrets?: boolean; warnings?: string[]; config?: { values: Record<string, string>; secretKeys: string[] } } = {}): Report {
        const byUrn = new Map(captured.resources.map(r => [r.urn, r] as const));
        const policyInfo = new Map<string, PolicyInfo>();
        this.infos.forEach(info => info.policies.forEach(p => policyInfo.set(`${info.name}\u0000${p.name}`, p)));
        const filter = new SecretFilter(o.redactSecrets === false ? [] : secretValues(o.config ?? { values: {}, secretKeys: [] }, captured.resources));
        const redact = (s: string) => filter.apply(s);
        const warnings: string[] = [];
        const diagnostics: ReportDiagnostic[] = this.collected.diagnostics.map(d => {
            const r = byUrn.get(d.urn);
            const p = policyInfo.get(`${d.policyPackName}\u0000${d.policyName}`);
            const rd: ReportDiagnostic = {
                policyPackName: d.policyPackName,
                policyPackVersion: d.policyPackVersion,
                policyName: d.policyName,
                enforcementLevel: d.enforcementLevel,
                severity: d.severity || p?.severity || "",
                urn: redact(d.urn),
                resourceType: r?.type ?? "",
                resourceName: redact(r?.name ?? ""),
                message: redact(d.message),
                undecidable: undecidablePrefix.test(d.message),
            };
            if (p?.framework && (p.framework.name || p.framework.reference)) {
                rd.framework = p.framework;
            }
            return rd;
        });
        const notApplicable = this.collected.notApplicable.map(n => ({ ...n, urn: redact(n.urn), reason: redact(n.reason) }));
        warnings.push(...[...(o.warnings ?? []), ...this.warnings].map(redact));
        if (filter.replaced > 0) {
            warnings.push(`${filter.replaced} secret value(s) in messages were replaced with [secret]`);
        }
        const notAnalysed = captured.resources.filter(r => r.notAnalysed).map(r => ({ urn: redact(r.urn), type: r.type, name: redact(r.name), reason: r.notAnalysed! }));
        // The CLI's filter masks everything it prints, resource names and URNs in the tree included
        // (a secret config value used in a name); the copies keep parents consistent with URNs.
        const resources = filter.empty ? captured.resources
            : captured.resources.map(r => ({ ...r, urn: redact(r.urn), name: redact(r.name), parent: r.parent === undefined ? undefined : redact(r.parent) }));
        return {
            project: captured.project,
            stack: captured.stack,
            mode: captured.mode,
            source: captured.source,
            policyPacks: this.infos.map((info, i) => ({ name: info.name, version: info.version, dir: this.packs[i].location.dir, policies: info.policies })),
            resources,
            diagnostics,
            remediations: this.collected.remediations,
            notApplicable,
            notAnalysed,
            evaluations: [...this.evaluations.values()].map(e => ({ ...e, urn: redact(e.urn), resourceName: redact(e.resourceName), ...(e.reason ? { reason: redact(e.reason) } : {}) })),
            summary: {
                mandatory: diagnostics.filter(d => d.enforcementLevel === "mandatory").length,
                advisory: diagnostics.filter(d => d.enforcementLevel === "advisory" && !d.undecidable).length,
                remediated: this.collected.remediations.length,
                undecidable: diagnostics.filter(d => d.undecidable).length,
                notAnalysed: notAnalysed.length,
            },
            warnings,
        };
    }
}

/**
 * Judges existing state as `pulumi policy analyze --file` does (analyze_snapshot.go:181-325): packs
 * started without ConfigureStack; every resource in the state, reads included, through Remediate
 * (reported, not applied) and Analyze on its inputs; one AnalyzeStack over every resource's outputs.
 */
export async function analyzeState(captured: CapturedStack, o: RunPacksOptions): Promise<Report> {
    const ctx: StackContext = {
        configureStack: false,
        project: captured.project, stack: captured.stack, organization: captured.organization,
        dryRun: true, config: o.config.values, secretKeys: o.config.secretKeys,
    };
    const session = await PolicySession.start(ctx, o, "analyze");
    try {
        const byUrn = new Map(captured.resources.map(r => [r.urn, r] as const));
        const lookup = (urn: string) => byUrn.get(urn);
        const all = captured.resources;
        let next = 0;
        const worker = async () => {
            while (next < all.length) {
                await session.analyzeResource(all[next++], lookup);
                o.onProgress?.(session.analyzed, all.length);
            }
        };
        await Promise.all(Array.from({ length: Math.min(16, Math.max(1, all.length)) }, worker));
        await session.analyzeStack(all, lookup, true);
        return session.report(captured, { redactSecrets: o.redactSecrets, config: o.config });
    } finally {
        await session.close();
    }
}

const undecidableMessage = /^can't run (policy|remediation) /;

/** The worst conclusion among a policy's diagnostics about one resource. */
function outcomeOf(ds: Diagnostic[]): Evaluation["outcome"] {
    if (ds.some(d => d.enforcementLevel === "mandatory" || d.enforcementLevel === "remediate")) return "fail";
    if (ds.some(d => !undecidableMessage.test(d.message))) return "advisory";
    return "undecidable";
}

const rank: Record<Evaluation["outcome"], number> = { "not-applicable": 0, exempt: 0, pass: 1, undecidable: 2, advisory: 3, fail: 4 };

function pushNotApplicable(into: ReportNotApplicable[], pack: string, urn: string, list: { policyName: string; reason: string }[]): void {
    for (const n of list) {
        if (!boilerplateNotApplicable.test(n.reason)) {
            into.push({ policyPackName: pack, policyName: n.policyName, urn, reason: n.reason });
        }
    }
}
