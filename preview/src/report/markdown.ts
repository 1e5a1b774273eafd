import { Evidence, outcomes } from "./evidence";
import { printable } from "./printable";

/** Text made inert in Markdown (and in the HTML a Markdown renderer passes through), on one line. */
export function escapeMarkdown(s: string): string {
    // A line start (#, -, +, 1.) only matters for the description paragraph, which is escaped there.
    return printable(s).replace(/[\\`*_[\]|<>&~]/g, c => c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : `\\${c}`);
}

const labels: Record<string, string> = { pass: "Pass", fail: "Fail", advisory: "Advisory", exempt: "Exempt", undecidable: "Undecidable", "not-applicable": "Not applicable" };

/** The evidence report as GitHub-flavoured Markdown (a job summary, a pull request comment, a wiki page). */
export function evidenceMarkdown(ev: Evidence): string {
    const m = escapeMarkdown;
    const head = `| ${outcomes.map(o => labels[o]).join(" | ")} |`;
    const sep = `|${outcomes.map(() => "---:|").join("")}`;
    const cells = (c: Record<string, number>) => `| ${outcomes.map(o => c[o]).join(" | ")} |`;
    const out: string[] = [`# ${m(ev.title)}`, "", `${m(ev.framework)} · generated ${m(ev.generated)} by pulumi-offline-preview ${m(ev.toolVersion)}`, ""];
    out.push("## Runs", "", "| Program | Project | Stack | Mode | Policy packs | Resources | Status |", "|---|---|---|---|---|---:|---|");
    for (const r of ev.runs) out.push(`| ${m(r.program)} | ${m(r.project)} | ${m(r.stack)} | ${m(r.mode)} | ${r.packs.map(m).join(", ")} | ${r.resources} | ${m(r.status)} |`);
    out.push("", "## Summary", "", `| |${head.slice(1)}`, `|---${sep}`, `| All evaluations ${cells(ev.totals)}`);
    for (const s of ev.bySeverity) out.push(`| Severity: ${m(s.severity)} ${cells(s.counts)}`);
    out.push("", "## By requirement", "", `| Requirement ${head}`, `|---${sep}`);
    for (const r of ev.requirements) out.push(`| ${r.reference ? m(r.reference) : "Not mapped"} ${cells(r.counts)}`);
    for (const r of ev.requirements) {
        out.push("", `## ${r.reference ? `Requirement ${m(r.reference)}` : "Not mapped to a requirement"}`);
        for (const p of r.policies) {
            const counts = outcomes.filter(o => p.counts[o]).map(o => `${labels[o]} ${p.counts[o]}`).join(", ");
            out.push("", `### ${m(p.name)} (${m(p.severity)}, ${m(p.enforcementLevel)}): ${counts}`, "");
            if (p.description) out.push(m(p.description).replace(/^([#+=-]|\d+[.)])/, "\\$1"), "");
            const multi = ev.runs.length > 1;
            out.push(`| Resource | Type | Outcome | Detail |${multi ? " Program |" : ""}`, `|---|---|---|---|${multi ? "---|" : ""}`);
            for (const x of p.rows) {
                out.push(`| ${m(x.resourceName)} | ${m(x.resourceType)} | ${x.outcome === "fail" ? "**Fail**" : labels[x.outcome]} | ${m(x.detail)} |${multi ? ` ${m(x.program)} |` : ""}`);
            }
        }
    }
    return out.join("\n") + "\n";
}
