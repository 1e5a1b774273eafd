/**
 * Text a program or a pack controls (resource names, messages) made safe to print: control
 * characters, terminal escape sequences included, are shown as `\uXXXX`, so a name with a newline
 * cannot forge a report line ("Policy summary: 0 mandatory") and an escape cannot rewrite the terminal.
 */
export function printable(s: string): string {
    // eslint-disable-next-line no-control-regex
    return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A multi-line text (a policy's message): each line made printable, the line breaks kept. */
export function printableLines(s: string): string[] {
    return s.split(/\r?\n/).map(printable);
}
