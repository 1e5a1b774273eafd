import * as path from "path";
import { Report, ReportDiagnostic } from "../engine/run";
import { CapturedResource, rootStackType } from "../model";
import { printable, printableLines } from "./printable";

function pad(s: string, n: number): string {
    return s.length >= n ? s + " " : s + " ".repeat(n - s.length);
}

/** The resource tree, parents before children, as `pulumi preview` draws it. */
function treeLines(resources: CapturedResource[], verb: string): string[] {
    const children = new Map<string, CapturedResource[]>();
    const roots: CapturedResource[] = [];
    const urns = new Set(resources.map(r => r.urn));
    for (const r of resources) {
        if (r.parent && urns.has(r.parent)) {
            const list = children.get(r.parent) ?? [];
            list.push(r);
            children.set(r.parent, list);
        } else {
            roots.push(r);
        }
    }
    // Providers are registered without a parent; the CLI shows them under the stack.
    const stack = roots.find(r => r.type === rootStackType);
    if (stack) {
        const orphans = roots.filter(r => r !== stack);
        children.set(stack.urn, [...orphans, ...(children.get(stack.urn) ?? [])]);
        roots.splice(0, roots.length, stack);
    }
    const rows: [string, string][] = [];
    const walk = (r: CapturedResource, prefix: string, last: boolean, depth: number) => {
        const branch = depth === 0 ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
        rows.push([branch + printable(r.type), printable(r.name)]);
        const kids = children.get(r.urn) ?? [];
        const nextPrefix = depth === 0 ? "" : prefix + (last ? "   " : "│  ");
        kids.forEach((k, i) => walk(k, nextPrefix, i === kids.length - 1, depth + 1));
    };
    roots.forEach((r, i) => walk(r, "", i === roots.length - 1, 0));
    const typeWidth = Math.min(70, Math.max(4, ...rows.map(r => r[0].length)) + 2);
    const nameWidth = Math.min(50, Math.max(4, ...rows.map(r => r[1].length)) + 2);
    return [
        `     ${pad("Type", typeWidth)}${pad("Name", nameWidth)}Plan`,
        ...rows.map(([t, n]) => ` +   ${pad(t, typeWidth)}${pad(n, nameWidth)}${verb}`),
    ];
}

function diagnosticLines(d: ReportDiagnostic): string[] {
    const where = d.resourceType ? ` (${printable(d.resourceType)}: ${printable(d.resourceName)})` : "";
    const lines = [`        - [${d.enforcementLevel}]  [severity: ${d.severity || "unspecified"}]  ${printable(d.policyName)}${where}`];
    if (d.urn) {
        lines.push(`          ${printable(d.urn)}`);
    }
    for (const l of printableLines(d.message)) {
        lines.push(`          ${l}`);
    }
    return lines;
}

/** Text output in the layout of `pulumi preview`: resources, a Policies section per pack, summaries. */
export function toText(report: Report, opts: { showResources?: boolean } = {}): string {
    const out: string[] = [];
    const previewing = report.mode === "preview";
    out.push(`${previewing ? "Previewing update" : "Updating"} (${report.stack}) [offline: ${path.relative(process.cwd(), report.source) || report.source}]`);
    out.push("");
    // Reads get no row and no count by default (pkg/backend/display/progress.go:1298, diff.go:290).
    const managed = report.resources.filter(r => !r.external);
    if (opts.showResources !== false) {
        out.push(...treeLines(managed, previewing ? "create" : "created"));
        out.push("");
    }
    out.push("Policies:");
    for (const p of report.policyPacks) {
        const ds = report.diagnostics.filter(d => d.policyPackName === p.name);
        const mandatory = ds.some(d => d.enforcementLevel === "mandatory");
        out.push(`    ${mandatory ? "❌" : ds.length ? "⚠️ " : "✅"} ${p.name}@v${p.version} (local: ${path.relative(process.cwd(), p.dir) || "."})`);
        for (const d of ds) {
            out.push(...diagnosticLines(d));
        }
        for (const r of report.remediations.filter(x => x.policyPackName === p.name)) {
            out.push(`        - [remediate]  ${printable(r.policyName)}  (${printable(r.resourceType)}: ${printable(r.resourceName)})`);
            out.push(`          ${printable(r.description)}`);
        }
    }
    out.push("");
    // progress.go:709-725: once mandatory violations are shown, the CLI leaves the resource summary out.
    if (report.summary.mandatory === 0) {
        out.push("Resources:");
        out.push(previewing ? `    + ${managed.length} to create` : `    + ${managed.length} created`);
        out.push("");
    }
    if (report.notAnalysed.length > 0) {
        out.push("Not analysed (components implemented by provider plugins, without an offline model):");
        for (const n of report.notAnalysed) out.push(`    ${printable(n.type)}: ${printable(n.name)}`);
        out.push("");
    }
    const s = report.summary;
    out.push(`Policy summary: ${s.mandatory} mandatory, ${s.advisory} advisory, ${s.remediated} remediated, ${s.undecidable} undecidable during preview` +
        (s.notAnalysed ? `, ${s.notAnalysed} component(s) not analysed` : ""));
    for (const w of report.warnings) {
        out.push(`warning: ${printableLines(w).join("\n    ")}`);
    }
    return out.join("\n") + "\n";
}
