import { CaptureFailure } from "../capture/program";
import { UserError, messageOf } from "../errors";
import { printableLines } from "../report/printable";

/** A run that ended early: whose fault, in the program's own words or ours. */
export function describeFailure(f: CaptureFailure, mode: string): string {
    switch (f.kind) {
        case "stopped":
            return `error: the ${mode === "update" ? "update" : "run"} stopped, as 'pulumi up' does: ${f.message}. ` +
                "The resources registered before it were analysed; fix the violation reported above.\n";
        case "pack":
            return `error: ${f.message}\n`;
        case "internal":
            return `error: ${f.message}\n${f.stack ?? ""}\nThis is a bug in the offline preview, not in your program; ` +
                "please report it with the command you ran.\n";
        default: {
            const details = f.details.length ? `\n${f.details.map(d => printableLines(d).map(l => `    ${l}`).join("\n")).join("\n")}` : "";
            const hint = f.kind === "timeout"
                ? "Look for awaited promises that depend on the cloud, or raise the limit with --timeout SECONDS."
                : "This is the program's own error, as 'pulumi preview' would report it: fix the program and run again.";
            return `error: ${f.message}${details}\n${hint}\n`;
        }
    }
}

/** An error thrown out of a run: the user's to fix (one paragraph), or ours (with the stack). */
export function describeError(e: unknown): string {
    if (e instanceof UserError) {
        return `error: ${e.describe()}\n`;
    }
    return `error: the offline preview failed unexpectedly: ${messageOf(e)}\n${(e as Error)?.stack ?? ""}\n` +
        "This is a bug in the offline preview, not in your program; please report it with the command you ran.\n";
}
