// Plain-text formatting of the report: aligned tables, medians with their ranges, ratios with theirs.
import { Ratio, Stat } from "./measure";

/** rows[0] is the header; the first column is left-aligned, the figures right-aligned. */
export function table(rows: string[][]): string {
    const w = rows[0].map((_, i) => Math.max(...rows.map(r => (r[i] ?? "").length)));
    return rows.map((r, ri) => {
        const line = r.map((c, i) => i === 0 ? c.padEnd(w[i]) : c.padStart(w[i])).join("  ");
        return ri === 0 ? `${line}\n${w.map(x => "-".repeat(x)).join("  ")}` : line;
    }).join("\n");
}

/** "median (min-max)", whole numbers; n/a when every run failed. */
export const f0 = (s: Stat | undefined) => s && Number.isFinite(s.median) ? `${s.median.toFixed(0)} (${s.min.toFixed(0)}-${s.max.toFixed(0)})` : "n/a";

/** "ratio x (per-round min-max)". */
export const fr = (r: Ratio | undefined) => r && Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}x (${r.min.toFixed(2)}-${r.max.toFixed(2)})` : "n/a";
