import { Report } from "../engine/run";

/** The machine-readable report (`--format json`). Its shape is documented in the README. */
export function toJson(report: Report): object {
    return {
        policyPacks: report.policyPacks.map(p => ({ name: p.name, version: p.version })),
        mode: report.mode,
        project: report.project,
        stack: report.stack,
        resources: report.resources.length,
        diagnostics: report.diagnostics.map(d => {
            const out: Record<string, unknown> = {
                policyPackName: d.policyPackName,
                policyName: d.policyName,
                enforcementLevel: d.enforcementLevel,
                severity: d.severity,
                urn: d.urn,
                resourceType: d.resourceType,
                resourceName: d.resourceName,
                message: d.message,
                undecidable: d.undecidable,
            };
            if (d.framework) out.framework = d.framework;
            return out;
        }),
        remediations: report.remediations,
        notApplicable: report.notApplicable,
        notAnalysed: report.notAnalysed,
        evaluations: report.evaluations,
        summary: report.summary,
        warnings: report.warnings,
        ...(report.failure ? { failure: { kind: report.failure.kind, message: report.failure.message, details: report.failure.details } } : {}),
    };
}
