import * as path from "path";
import { UserError, messageOf } from "../errors";
import { ProjectOutcome } from "../scan/run-many";
import { toJson } from "./json";
import { printable, printableLines } from "./printable";
import { toSarif } from "./sarif";

function statusOf(x: ProjectOutcome): string {
    if (x.error) return x.error instanceof UserError ? "could not run" : "preview bug";
    const f = x.result!.failure;
    if (f) return f.kind === "stopped" ? "update stopped" : f.kind === "program" ? "program failed" : f.kind === "pack" ? "pack failed" : f.kind;
    return x.result!.summary.mandatory > 0 ? "violations" : "ok";
}

function rel(dir: string): string {
    return printable(path.relative(process.cwd(), dir) || ".");
}

/** A scan in text: one row per project, then what went wrong where, then totals. */
export function combinedText(outcomes: ProjectOutcome[], skipped: { dir: string; reason: string }[]): string {
    const header = ["Project", "Resources", "Mandatory", "Advisory", "Undecidable", "Not analysed", "Status"];
    const rows = outcomes.map(x => {
        const s = x.result?.summary;
        return [rel(x.dir), String(x.result?.resources.length ?? "-"), String(s?.mandatory ?? "-"), String(s?.advisory ?? "-"),
            String(s?.undecidable ?? "-"), String(s?.notAnalysed ?? "-"), statusOf(x)];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join("  ").trimEnd();
    const out = [line(header), widths.map(w => "-".repeat(w)).join("  "), ...rows.map(line), ""];
    for (const x of outcomes) {
        const problem = x.error ? messageOf(x.error) : x.result?.failure ? `${x.result.failure.message}${x.result.failure.details.length ? `\n    ${x.result.failure.details[0].split("\n")[0]}` : ""}` : undefined;
        if (problem) out.push(`${rel(x.dir)}: ${printableLines(problem).join("\n    ")}`);
        for (const d of x.result?.diagnostics.filter(d => d.enforcementLevel === "mandatory") ?? []) {
            // The SDK's message is the policy's description, then what it found.
            const lines = d.message.split("\n");
            out.push(`${rel(x.dir)}: [mandatory] ${printable(d.policyName)} (${printable(d.resourceType)}: ${printable(d.resourceName)}): ${printable((lines.length > 1 ? lines.slice(1) : lines).join(" "))}`);
        }
    }
    for (const s of skipped) out.push(`skipped ${rel(s.dir)}: ${printable(s.reason)}`);
    const total = (f: (x: ProjectOutcome) => number) => outcomes.reduce((n, x) => n + f(x), 0);
    out.push("", `${outcomes.length} project(s): ${total(x => x.result && !x.result.failure && !x.error ? 1 : 0)} ran to the end, ` +
        `${total(x => x.result?.summary.mandatory ?? 0)} mandatory, ${total(x => x.result?.summary.advisory ?? 0)} advisory, ` +
        `${total(x => x.result?.summary.undecidable ?? 0)} undecidable, ${total(x => x.result?.summary.notAnalysed ?? 0)} component(s) not analysed`);
    return out.join("\n") + "\n";
}

/** A scan as JSON: every project's report (the single-program shape), or its error. */
export function combinedJson(outcomes: ProjectOutcome[], skipped: { dir: string; reason: string }[]): object {
    return {
        projects: outcomes.map(x => x.result
            ? { dir: x.dir, status: statusOf(x), ms: x.ms, report: toJson(x.result) }
            : { dir: x.dir, status: statusOf(x), ms: x.ms, error: messageOf(x.error) }),
        skipped,
    };
}

/** A scan as one SARIF log, one run per project that produced a report. */
export function combinedSarif(outcomes: ProjectOutcome[], toolVersion: string): object {
    const runs = outcomes.filter(x => x.result).flatMap(x => (toSarif(x.result!, { toolVersion }) as any).runs);
    return { $schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0", runs };
}
