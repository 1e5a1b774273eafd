import { Evaluation, Report } from "../engine/run";
import { PolicyInfo } from "../engine/pack";

/** The outcomes an evidence report counts, in the order it shows them. */
export const outcomes = ["pass", "fail", "advisory", "exempt", "undecidable", "not-applicable"] as const;
export type Outcome = typeof outcomes[number];
export const severities = ["critical", "high", "medium", "low", "unset"] as const;

export type Counts = Record<Outcome, number>;

export interface EvidenceRow {
    program: string;
    resourceType: string;
    resourceName: string;
    urn: string;
    outcome: Outcome;
    /** The exemption's or not-applicable reason, or what a failing policy found. */
    detail: string;
}

export interface EvidencePolicy {
    pack: string;
    name: string;
    description: string;
    severity: string;
    enforcementLevel: string;
    counts: Counts;
    rows: EvidenceRow[];
}

export interface EvidenceRequirement {
    /** The PCI DSS requirement (e.g. "3.5.1"), or "" for policies the pack maps to none. */
    reference: string;
    counts: Counts;
    policies: EvidencePolicy[];
}

export interface Evidence {
    title: string;
    generated: string;
    toolVersion: string;
    framework: string;
    runs: { program: string; project: string; stack: string; mode: string; packs: string[]; resources: number; status: string }[];
    totals: Counts;
    bySeverity: { severity: string; counts: Counts }[];
    requirements: EvidenceRequirement[];
}

export function zero(): Counts {
    return { pass: 0, fail: 0, advisory: 0, exempt: 0, undecidable: 0, "not-applicable": 0 };
}

function compareReference(a: string, b: string): number {
    if (!a || !b) return a ? -1 : b ? 1 : 0;
    const pa = a.split(/[.\s]/), pb = b.split(/[.\s]/);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const x = pa[i] ?? "", y = pb[i] ?? "";
        const nx = Number(x), ny = Number(y);
        const c = Number.isFinite(nx) && Number.isFinite(ny) && x !== "" && y !== "" ? nx - ny : x.localeCompare(y);
        if (c !== 0) return c;
    }
    return 0;
}

function statusOf(r: Report): string {
    if (r.failure) return `${r.failure.kind} failure`;
    return r.summary.mandatory > 0 ? "violations" : "ok";
}

/**
 * Evidence for assessors: every evaluation of every run, grouped by PCI DSS requirement, then policy,
 * then resource. Texts come from the report, where the run's secrets are already masked.
 */
export function buildEvidence(runs: { program: string; report: Report }[], meta: { toolVersion: string; generated?: Date }): Evidence {
    const requirements = new Map<string, EvidenceRequirement>();
    const policies = new Map<string, EvidencePolicy>();
    const totals = zero();
    const bySeverity = new Map<string, Counts>(severities.map(s => [s, zero()]));
    let framework = "";
    for (const { program, report } of runs) {
        const infos = new Map<string, PolicyInfo>();
        for (const pack of report.policyPacks) for (const p of pack.policies) infos.set(`${pack.name}\u0000${p.name}`, p);
        const messages = new Map<string, string>();
        for (const d of report.diagnostics) {
            const lines = d.message.split("\n");
            messages.set(`${d.urn}\u0000${d.policyPackName}\u0000${d.policyName}`, (lines.length > 1 ? lines.slice(1) : lines).join(" ").trim());
        }
        for (const e of report.evaluations as Evaluation[]) {
            const info = infos.get(`${e.policyPackName}\u0000${e.policyName}`);
            const fw = info?.framework;
            if (fw?.name && !framework) framework = `${fw.name} ${fw.version}`.trim();
            const ref = fw?.reference ?? "";
            let req = requirements.get(ref);
            if (!req) requirements.set(ref, req = { reference: ref, counts: zero(), policies: [] });
            const key = `${ref}\u0000${e.policyPackName}\u0000${e.policyName}`;
            let pol = policies.get(key);
            if (!pol) {
                pol = {
                    pack: e.policyPackName, name: e.policyName, description: info?.description ?? "",
                    severity: info?.severity || "unset", enforcementLevel: info?.enforcementLevel ?? "", counts: zero(), rows: [],
                };
                policies.set(key, pol);
                req.policies.push(pol);
            }
            const detail = e.reason ?? messages.get(`${e.urn}\u0000${e.policyPackName}\u0000${e.policyName}`) ?? "";
            pol.rows.push({ program, resourceType: e.resourceType, resourceName: e.resourceName, urn: e.urn, outcome: e.outcome, detail: e.outcome === "pass" ? "" : detail });
            for (const c of [pol.counts, req.counts, totals, bySeverity.get(pol.severity) ?? bySeverity.get("unset")!]) c[e.outcome]++;
        }
    }
    const reqs = [...requirements.values()].sort((a, b) => compareReference(a.reference, b.reference));
    for (const r of reqs) r.policies.sort((a, b) => a.name.localeCompare(b.name));
    return {
        title: "PCI DSS compliance evidence",
        generated: (meta.generated ?? new Date()).toISOString().replace(/\.\d+Z$/, "Z"),
        toolVersion: meta.toolVersion,
        framework: framework || "PCI DSS v4.0.1",
        runs: runs.map(({ program, report }) => ({
            program, project: report.project, stack: report.stack, mode: report.mode,
            packs: report.policyPacks.map(p => `${p.name}@${p.version}`), resources: report.resources.length, status: statusOf(report),
        })),
        totals,
        bySeverity: [...bySeverity.entries()].filter(([s, c]) => s !== "unset" || Object.values(c).some(n => n > 0)).map(([severity, counts]) => ({ severity, counts })),
        requirements: reqs,
    };
}
