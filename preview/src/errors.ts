/**
 * A problem the user can fix (bad option, broken program, pack that will not start). The CLI prints
 * its message as one paragraph, without a stack trace, and exits with code 2.
 */
export class UserError extends Error {
    constructor(message: string, readonly hint?: string) {
        super(message);
        this.name = "UserError";
    }

    /** The message and the advice on what to do, as one paragraph. */
    describe(): string {
        return this.hint ? `${this.message} ${this.hint}` : this.message;
    }
}

/** The text of whatever was thrown, without a stack trace. */
export function messageOf(err: unknown): string {
    if (err instanceof Error) {
        return err.message || err.name;
    }
    try {
        return typeof err === "string" ? err : JSON.stringify(err);
    } catch {
        return String(err);
    }
}

/**
 * A failure inside the offline preview itself, not the user's program, pack or input: reported as our
 * bug, with the stack, and a request for a bug report.
 */
export class InternalError extends Error {
    constructor(message: string, readonly cause?: unknown) {
        super(message);
        this.name = "InternalError";
        if (cause instanceof Error && cause.stack) {
            this.stack = `${this.name}: ${message}\n${cause.stack.split("\n").slice(1).join("\n")}`;
        }
    }
}

/**
 * The program itself failed, as `pulumi preview` would report it: the program's own messages (its
 * error, or every compiler diagnostic with file:line:col), not ours.
 */
export class ProgramError extends UserError {
    constructor(message: string, readonly details: string[], hint?: string) {
        super(message, hint);
        this.name = "ProgramError";
    }

    describe(): string {
        const body = this.details.length ? `\n${this.details.map(d => indent(d)).join("\n")}` : "";
        return `${this.message}${body}${this.hint ? `\n${this.hint}` : ""}`;
    }
}

function indent(s: string): string {
    return s.split("\n").map(l => `    ${l}`).join("\n");
}
