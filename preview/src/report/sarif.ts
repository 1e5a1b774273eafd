import * as path from "path";
import { Report } from "../engine/run";

const securitySeverity: Record<string, string> = { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5", "": "5.0" };

function sarifLevel(enforcement: string, undecidable: boolean): "error" | "warning" | "note" {
    if (undecidable) return "note";
    return enforcement === "mandatory" ? "error" : enforcement === "advisory" ? "warning" : "note";
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per policy, one result per diagnostic, located at
 * the program's entry file (Pulumi knows resources, not source lines) with the URN as logical location.
 */
export function toSarif(report: Report, opts: { toolVersion: string; baseDir?: string }): object {
    const base = opts.baseDir ?? process.cwd();
    const artifact = path.relative(base, report.source).split(path.sep).join("/") || ".";
    const rules: any[] = [];
    const ruleIndex = new Map<string, number>();
    for (const pack of report.policyPacks) {
        for (const p of pack.policies) {
            const id = `${pack.name}/${p.name}`;
            ruleIndex.set(id, rules.length);
            const fw = p.framework;
            rules.push({
                id,
                name: p.name,
                shortDescription: { text: p.description || p.name },
                fullDescription: { text: [p.description, fw?.reference ? `${fw.name} ${fw.version} ${fw.reference}` : ""].filter(Boolean).join(" ") || p.name },
                help: { text: p.remediationSteps || p.description || p.name, markdown: p.remediationSteps || p.description || p.name },
                ...(p.url ? { helpUri: p.url } : {}),
                defaultConfiguration: { level: sarifLevel(p.enforcementLevel, false), enabled: p.enforcementLevel !== "disabled" },
                properties: {
                    "security-severity": securitySeverity[p.severity] ?? "5.0",
                    tags: ["security", ...(fw?.name ? [`${fw.name} ${fw.version}`.trim()] : []), ...p.tags],
                    ...(fw?.reference ? { framework: fw } : {}),
                },
            });
        }
    }
    const results = report.diagnostics.map(d => {
        const id = `${d.policyPackName}/${d.policyName}`;
        const r: any = {
            ruleId: id,
            level: sarifLevel(d.enforcementLevel, d.undecidable),
            message: { text: d.message },
            locations: [{
                physicalLocation: { artifactLocation: { uri: artifact }, region: { startLine: 1 } },
                logicalLocations: d.urn ? [{ name: d.resourceName, fullyQualifiedName: d.urn, kind: "resource" }] : [],
            }],
            partialFingerprints: { "pulumiUrnPolicy/v1": `${d.urn}|${id}` },
            properties: { enforcementLevel: d.enforcementLevel, resourceType: d.resourceType, undecidable: d.undecidable },
        };
        if (ruleIndex.has(id)) r.ruleIndex = ruleIndex.get(id);
        return r;
    });
    if (report.notAnalysed.length > 0) {
        // Components whose children no policy saw: a note each, so code scanning shows the gap.
        const id = "pulumi-offline-preview/not-analysed";
        ruleIndex.set(id, rules.length);
        rules.push({
            id, name: "not-analysed",
            shortDescription: { text: "A component implemented by a provider plugin was not analysed" },
            fullDescription: { text: "The offline preview has no model of this plugin component, so the resources it creates were not seen by any policy." },
            help: { text: "Review the component's resources with `pulumi preview --policy-pack` (the plugin runs there), or ask for a model of the component." },
            defaultConfiguration: { level: "note", enabled: true },
            properties: { tags: ["coverage"] },
        });
        for (const n of report.notAnalysed) {
            results.push({
                ruleId: id, ruleIndex: ruleIndex.get(id), level: "note", message: { text: n.reason },
                locations: [{
                    physicalLocation: { artifactLocation: { uri: artifact }, region: { startLine: 1 } },
                    logicalLocations: [{ name: n.name, fullyQualifiedName: n.urn, kind: "resource" }],
                }],
                partialFingerprints: { "pulumiUrnPolicy/v1": `${n.urn}|${id}` },
                properties: { resourceType: n.type },
            });
        }
    }
    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [{
            tool: { driver: { name: "pulumi-offline-preview", version: opts.toolVersion, informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/", rules } },
            automationDetails: { id: `pulumi-offline-preview/${report.project}/${report.stack}/` },
            results,
        }],
    };
}
