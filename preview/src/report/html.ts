import { Evidence, outcomes } from "./evidence";
import { printable } from "./printable";

/** Text a program or pack controls, safe inside HTML text and attribute values (control characters shown as \uXXXX). */
export function escapeHtml(s: string): string {
    return printable(s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]!));
}

const labels: Record<string, string> = { pass: "Pass", fail: "Fail", advisory: "Advisory", exempt: "Exempt", undecidable: "Undecidable", "not-applicable": "Not applicable" };

const css = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1b1f24;margin:0;background:#f4f5f7}
main{max-width:1200px;margin:0 auto;padding:24px 32px;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #d0d7de;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 4px}.sub{color:#57606a;margin:0 0 16px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}#totals td.n,#requirements td.n{width:10%}td.n{text-align:right;font-variant-numeric:tabular-nums}td.bad{background:#ffebe9;color:#a40e26;font-weight:700}
.o{display:inline-block;padding:0 6px;border-radius:3px;font-weight:600;font-size:12px}
.o-pass{background:#dafbe1;color:#116329}.o-fail{background:#ffebe9;color:#a40e26}.o-advisory{background:#fff8c5;color:#7d4e00}
.o-exempt{background:#ddf4ff;color:#0550ae}.o-undecidable{background:#fbefff;color:#6e40c9}.o-not-applicable{background:#eaeef2;color:#57606a}
.sev{font-size:12px;text-transform:uppercase;font-weight:700;color:#57606a}.desc{color:#424a53;margin:0 0 4px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.req{page-break-inside:avoid}@media print{body{background:#fff}main{padding:0}}`;

function countCells(c: Record<string, number>, attr: string): string {
    return outcomes.map(o => `<td class="n${o === "fail" && c[o] > 0 ? " bad" : ""}" data-${attr}="${o}">${c[o]}</td>`).join("");
}

/** One self-contained page (inline CSS, no script, nothing fetched) an assessor can keep as evidence. */
export function evidenceHtml(ev: Evidence): string {
    const h = escapeHtml;
    const head = outcomes.map(o => `<th>${labels[o]}</th>`).join("");
    const out: string[] = [];
    out.push("<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        `<title>${h(ev.title)}</title><style>${css}</style></head><body><main>`);
    out.push(`<h1>${h(ev.title)}</h1>`, `<p class="sub">${h(ev.framework)} · generated ${h(ev.generated)} by pulumi-offline-preview ${h(ev.toolVersion)}</p>`);
    out.push("<h2>Runs</h2><table id=\"runs\"><tr><th>Program</th><th>Project</th><th>Stack</th><th>Mode</th><th>Policy packs</th><th>Resources</th><th>Status</th></tr>");
    for (const r of ev.runs) {
        out.push(`<tr><td><code>${h(r.program)}</code></td><td>${h(r.project)}</td><td>${h(r.stack)}</td><td>${h(r.mode)}</td><td>${r.packs.map(h).join("<br>")}</td><td class="n">${r.resources}</td><td>${h(r.status)}</td></tr>`);
    }
    out.push("</table>");
    out.push(`<h2>Summary</h2><table id="totals"><tr><th></th>${head}</tr><tr><th>All evaluations</th>${countCells(ev.totals, "total")}</tr>`);
    for (const s of ev.bySeverity) out.push(`<tr data-severity="${h(s.severity)}"><th>Severity: ${h(s.severity)}</th>${countCells(s.counts, "count")}</tr>`);
    out.push("</table>");
    out.push(`<h2>By requirement</h2><table id="requirements"><tr><th>Requirement</th>${head}</tr>`);
    for (const r of ev.requirements) out.push(`<tr data-requirement="${h(r.reference)}"><th>${r.reference ? h(r.reference) : "Not mapped"}</th>${countCells(r.counts, "count")}</tr>`);
    out.push("</table>");
    for (const r of ev.requirements) {
        out.push(`<section class="req"><h2>${r.reference ? `Requirement ${h(r.reference)}` : "Not mapped to a requirement"}</h2>`);
        for (const p of r.policies) {
            const counts = outcomes.filter(o => p.counts[o]).map(o => `<span class="o o-${o}">${labels[o]} ${p.counts[o]}</span>`).join(" ");
            out.push(`<h3>${h(p.name)} <span class="sev">${h(p.severity)} · ${h(p.enforcementLevel)}</span> ${counts}</h3>`);
            if (p.description) out.push(`<p class="desc">${h(p.description)}</p>`);
            out.push("<table><tr><th>Resource</th><th>Type</th><th>Outcome</th><th>Detail</th>" + (ev.runs.length > 1 ? "<th>Program</th>" : "") + "</tr>");
            for (const x of p.rows) {
                out.push(`<tr><td><code>${h(x.resourceName)}</code></td><td><code>${h(x.resourceType)}</code></td><td><span class="o o-${x.outcome}">${labels[x.outcome]}</span></td>` +
                    `<td>${h(x.detail)}</td>${ev.runs.length > 1 ? `<td><code>${h(x.program)}</code></td>` : ""}</tr>`);
            }
            out.push("</table>");
        }
        out.push("</section>");
    }
    out.push("</main></body></html>");
    return out.join("\n") + "\n";
}
