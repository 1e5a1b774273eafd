import * as path from "path";
import { ProgramMeasurement } from "./corpus";

function countBy<T>(items: T[], key: (t: T) => string): [string, number][] {
    const m = new Map<string, number>();
    for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The corpus measurement as Markdown: totals, findings per policy, gaps, then one row per program. */
export function corpusMarkdown(ms: ProgramMeasurement[], o: { dir: string; stack: string; mode: string }): string {
    const n = (s: ProgramMeasurement["status"]) => ms.filter(m => m.status === s).length;
    const out: string[] = [];
    out.push(`# Corpus: ${ms.length} programs under ${o.dir} (stack ${o.stack}, ${o.mode} mode)`, "");
    out.push("| measure | value |", "| --- | --- |");
    out.push(`| programs | ${ms.length} |`);
    out.push(`| ran to the end | ${n("ok") + n("mismatch")} |`);
    out.push(`| crashes (the preview fails where plain mocks run) | ${n("crash")} |`);
    out.push(`| fail under plain mocks too | ${n("fails-under-mocks-too")} |`);
    out.push(`| resource mismatches against the mock capture | ${n("mismatch")} |`);
    out.push(`| resources registered | ${ms.reduce((s, m) => s + m.resources, 0)} (${ms.reduce((s, m) => s + m.modelledChildren, 0)} from component models) |`);
    out.push(`| plugin components not analysed | ${ms.reduce((s, m) => s + m.notAnalysed.length, 0)} in ${ms.filter(m => m.notAnalysed.length).length} programs |`);
    out.push(`| total time | ${(ms.reduce((s, m) => s + m.ms, 0) / 1000).toFixed(0)} s of program runs |`, "");

    const findings = ms.flatMap(m => m.findings.map(f => ({ ...f, dir: m.dir })));
    out.push("## Findings per policy", "", "| policy | mandatory | advisory | undecidable | programs |", "| --- | ---: | ---: | ---: | ---: |");
    for (const [policy] of countBy(findings, f => f.policy)) {
        const of = findings.filter(f => f.policy === policy);
        out.push(`| ${policy} | ${of.filter(f => f.level === "mandatory").length} | ${of.filter(f => f.level === "advisory" && !f.undecidable).length} | ` +
            `${of.filter(f => f.undecidable).length} | ${new Set(of.map(f => f.dir)).size} |`);
    }
    out.push("");
    const notAnalysed = countBy(ms.flatMap(m => m.notAnalysed), t => t);
    if (notAnalysed.length) {
        out.push("## Plugin components not analysed (no model)", "", "| type | count |", "| --- | ---: |", ...notAnalysed.map(([t, c]) => `| ${t} | ${c} |`), "");
    }
    const generic = countBy(ms.flatMap(m => m.generic), t => t);
    const unanswered = countBy(ms.flatMap(m => m.unanswered), t => t);
    if (generic.length || unanswered.length) {
        out.push("## Data sources without a hand-written answer", "", "| data source | programs | answer |", "| --- | ---: | --- |",
            ...generic.map(([t, c]) => `| ${t} | ${c} | from its declared type |`), ...unanswered.map(([t, c]) => `| ${t} | ${c} | none |`), "");
    }
    out.push("## Programs", "", "| program | status | resources | mocks | ms |", "| --- | --- | ---: | ---: | ---: |");
    for (const m of ms) out.push(`| ${path.basename(m.dir)} | ${m.status} | ${m.resources} | ${m.mockResources ?? "-"} | ${m.ms} |`);
    const problems = ms.filter(m => m.status !== "ok");
    if (problems.length) {
        out.push("", "## Details");
        for (const m of problems) {
            out.push("", `### ${path.basename(m.dir)}: ${m.status}`);
            if (m.failure) out.push(`- preview: ${m.failure.replace(/\s+/g, " ").slice(0, 600)}`);
            if (m.mockError) out.push(`- plain mocks: ${m.mockError.replace(/\s+/g, " ").slice(0, 400)}`);
            if (m.onlyOurs.length) out.push(`- only in the preview: ${m.onlyOurs.join(", ")}`);
            if (m.onlyMocks.length) out.push(`- only under mocks: ${m.onlyMocks.join(", ")}`);
        }
    }
    return out.join("\n") + "\n";
}
