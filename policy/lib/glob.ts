// The one glob matcher of the pack. `*` matches any run of characters (none, or many, line breaks
// included); in the `anyOne` dialect `?` matches exactly one character, otherwise it is a literal.
// The dialects the pack needs:
//   exemptions (lib/policy-config.ts)      `*`            case-sensitive
//   IAM Resource entries, S3 bucket ARNs    `*` and `?`    case-sensitive
//   IAM Action entries                      `*` and `?`    case-insensitive
//   EventBridge `wildcard`, ECR filters     `*`            case-sensitive
//
// No RegExp is built from the pattern, and the time is bounded whatever the stars: the literal pieces
// between stars are found once each, left to right (the leftmost place of a piece is always the best
// one for a glob, so nothing is retried), which is linear in the value for each piece.

export interface GlobDialect {
    /** `?` matches exactly one character (IAM); otherwise `?` is a literal. */
    anyOne?: boolean;
    /** Letters match in either case (IAM actions). */
    ignoreCase?: boolean;
}

/** True when the pattern has a wildcard of the dialect. */
export function hasWildcard(pattern: string, dialect: GlobDialect = {}): boolean {
    return pattern.includes("*") || (!!dialect.anyOne && pattern.includes("?"));
}

/** Whether `value` matches the glob `pattern` as a whole. */
export function globMatches(pattern: string, value: string, dialect: GlobDialect = {}): boolean {
    if (dialect.ignoreCase) {
        pattern = pattern.toLowerCase();
        value = value.toLowerCase();
    }
    const anyOne = !!dialect.anyOne;
    const pieces = pattern.split("*");
    if (pieces.length === 1) {
        return value.length === pattern.length && pieceAt(pattern, value, 0, anyOne);
    }
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    if (value.length < first.length + last.length) return false;
    if (!pieceAt(first, value, 0, anyOne) || !pieceAt(last, value, value.length - last.length, anyOne)) return false;
    let from = first.length;
    const end = value.length - last.length;
    for (let p = 1; p < pieces.length - 1; p++) {
        const i = findPiece(pieces[p], value, from, end, anyOne);
        if (i < 0) return false;
        from = i + pieces[p].length;
    }
    return true;
}

/** Whether a star-free piece matches `value` at position `at`. */
function pieceAt(piece: string, value: string, at: number, anyOne: boolean): boolean {
    if (at < 0 || at + piece.length > value.length) return false;
    for (let i = 0; i < piece.length; i++) {
        const c = piece[i];
        if (c !== value[at + i] && !(anyOne && c === "?")) return false;
    }
    return true;
}

/** The leftmost position in [from, end - piece.length] where the piece matches, or -1. */
function findPiece(piece: string, value: string, from: number, end: number, anyOne: boolean): number {
    if (!anyOne || !piece.includes("?")) {
        const i = value.indexOf(piece, from);
        return i >= 0 && i + piece.length <= end ? i : -1;
    }
    for (let i = from; i + piece.length <= end; i++) {
        if (pieceAt(piece, value, i, anyOne)) return i;
    }
    return -1;
}
