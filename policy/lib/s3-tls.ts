// Whether a bucket policy denies requests not sent over TLS, read with the pack's one policy-document
// parser (lib/policy-documents.ts).
import { globMatches } from "./glob";
import { PolicyStatement, hasUnknownPart, knownValues, parsePolicyDocument } from "./policy-documents";
import { isPlainObject, isUnknown } from "./unknowns";

function everyPrincipal(s: PolicyStatement): boolean {
    const p = s.principal;
    return !!p && (p.everyone || knownValues(p.byType.AWS).some(v => v.trim() === "*"));
}

/**
 * True when the condition is exactly `aws:SecureTransport` false (Bool or BoolIfExists) and nothing else. Any
 * further condition key (aws:PrincipalAccount, aws:SourceIp, aws:PrincipalIsAWSService, ...) narrows the Deny
 * to some plaintext requests only, and a Deny on s3:TlsVersion alone does not cover plaintext requests.
 */
function deniesInsecureTransport(condition: Record<string, unknown> | undefined): boolean {
    if (!condition) return false;
    let denies = false;
    for (const [op, body] of Object.entries(condition)) {
        if (!/^bool(ifexists)?$/i.test(op) || !isPlainObject(body)) return false;
        for (const [key, value] of Object.entries(body)) {
            const values = Array.isArray(value) ? value : [value];
            if (key.toLowerCase() !== "aws:securetransport") return false;
            if (values.some(v => v === false || (typeof v === "string" && v.toLowerCase() === "false"))) denies = true;
        }
    }
    return denies;
}

/** Which of the bucket ARN and its objects (`arn/*`, i.e. every key) a statement's Resource covers. */
function coverage(s: PolicyStatement, bucketArn: string): { bucket: boolean; objects: boolean } {
    const list = knownValues(s.resource);
    // `arn/*` with a literal `*`: a pattern covers every object only if it matches this string.
    return {
        bucket: list.some(p => globMatches(p, bucketArn, { anyOne: true })),
        objects: list.some(p => globMatches(p, `${bucketArn}/*`, { anyOne: true })),
    };
}

export type TlsVerdict = "compliant" | "not-compliant" | "unknown";

/**
 * Whether a policy document denies every principal every S3 action on the bucket and its objects when
 * `aws:SecureTransport` is false (over one or several statements). "unknown" when the document, or a
 * statement part that could make it compliant, is not known at preview. A document AWS would reject
 * (not JSON, no Statement, an invalid Effect) denies nothing.
 */
export function tlsOnlyVerdict(doc: unknown, bucketArn: string | undefined): TlsVerdict {
    if (isUnknown(doc)) return "unknown";
    const parsed = parsePolicyDocument(doc, ["policy"]);
    if (parsed.kind === "unknown") return "unknown";
    if (parsed.kind !== "document") return "not-compliant";
    let bucket = false;
    let objects = false;
    let unknown = false;
    for (const s of parsed.statements) {
        if (s.notPrincipal !== undefined || s.notAction !== undefined || s.notResource !== undefined) continue;
        if (hasUnknownPart(s)) {
            unknown = true;
            continue;
        }
        if (s.effect !== "Deny" || !everyPrincipal(s) || !deniesInsecureTransport(s.condition)) continue;
        if (!knownValues(s.action).some(a => a.toLowerCase() === "*" || a.toLowerCase() === "s3:*")) continue;
        if (bucketArn === undefined) {
            unknown = true;
            continue;
        }
        const c = coverage(s, bucketArn);
        bucket ||= c.bucket;
        objects ||= c.objects;
    }
    if (bucket && objects) return "compliant";
    return unknown ? "unknown" : "not-compliant";
}
