// Progress goes to stderr, so that stdout carries only the report (and can be redirected to a file).
export function log(s: string): void {
    process.stderr.write(s + "\n");
}

/** A failure as it is logged and kept in results.json: its message, cut short (a pack's stderr can be long). */
export function failureText(e: unknown): string {
    return String((e as Error).message ?? e).slice(0, 600);
}
