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
