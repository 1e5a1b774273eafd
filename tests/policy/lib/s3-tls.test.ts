// Whether a bucket policy denies non-TLS requests (policy/lib/s3-tls.ts). It used to read documents with a
// parser of its own; the cases marked "changed" are where reading them with the pack's one parser
// (lib/policy-documents.ts) changed the verdict.
import * as assert from "assert";
import { TlsVerdict, tlsOnlyVerdict } from "../../../policy/lib/s3-tls";
import { unknownSentinels } from "../../../policy/lib/unknowns";

const u = unknownSentinels.string;
const arn = "arn:aws:s3:::app";
const deny = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };
const doc = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

describe("lib/s3-tls", () => {
    const cases: [string, unknown, string | undefined, TlsVerdict][] = [
        ["the TLS-only statement", doc(deny), arn, "compliant"],
        ["it as an object document", { Statement: [deny] }, arn, "compliant"],
        ["over two statements", doc({ ...deny, Resource: arn }, { ...deny, Resource: `${arn}/*` }), arn, "compliant"],
        ["with {AWS: \"*\"}, \"*\" actions, a wildcard ARN and a boolean false", doc({ ...deny, Principal: { AWS: ["*"] }, Action: "*", Resource: "arn:aws:s3:::ap?*", Condition: { BoolIfExists: { "aws:securetransport": false } } }), arn, "compliant"],
        ["only the bucket, not its objects", doc({ ...deny, Resource: arn }), arn, "not-compliant"],
        ["an Allow", doc({ ...deny, Effect: "Allow" }), arn, "not-compliant"],
        ["for one principal", doc({ ...deny, Principal: { AWS: "arn:aws:iam::1:root" } }), arn, "not-compliant"],
        ["with NotAction", doc({ ...deny, Action: undefined, NotAction: "s3:GetObject" }), arn, "not-compliant"],
        ["without the condition", doc({ ...deny, Condition: undefined }), arn, "not-compliant"],
        ["another bucket", doc(deny), "arn:aws:s3:::other", "not-compliant"],
        ["not JSON", "{", arn, "not-compliant"],
        ["no document", undefined, arn, "not-compliant"],
        ["wholly unknown", u, arn, "unknown"],
        ["a statement part unknown", doc({ ...deny, Condition: { Bool: { "aws:SecureTransport": u } } }), arn, "unknown"],
        ["the bucket's ARN unknown", doc(deny), undefined, "unknown"],
        ["an unknown statement beside an insufficient one", { Statement: [u, { ...deny, Resource: arn }] }, arn, "unknown"],
        ["an unknown Sid only: decided from the rest", { Statement: [{ ...deny, Sid: u }] }, arn, "compliant"],
        ["a principal \" * \" (changed: trimmed as the IAM policies read it)", doc({ ...deny, Principal: " * " }), arn, "compliant"],
        ["an unknown Statement (changed: was not-compliant)", { Statement: u }, arn, "unknown"],
        ["a Statement entry that is not an object (changed: AWS rejects the document; the entry used to be skipped)", { Statement: [deny, 42] }, arn, "not-compliant"],
        ["narrowed by aws:PrincipalAccount (changed: any further condition key narrows the Deny)", doc({ ...deny, Condition: { ...deny.Condition, StringEquals: { "aws:PrincipalAccount": "1" } } }), arn, "not-compliant"],
        ["narrowed by aws:PrincipalIsAWSService in the same Bool (changed)", doc({ ...deny, Condition: { Bool: { "aws:SecureTransport": "false", "aws:PrincipalIsAWSService": "false" } } }), arn, "not-compliant"],
        ["narrowed by aws:SourceIp (changed)", doc({ ...deny, Condition: { ...deny.Condition, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }), arn, "not-compliant"],
        ["a Deny on s3:TlsVersion only", doc({ ...deny, Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } }), arn, "not-compliant"],
        ["aws:SecureTransport true", doc({ ...deny, Condition: { Bool: { "aws:SecureTransport": "true" } } }), arn, "not-compliant"],
        ["an invalid Effect beside the deny (changed: AWS rejects the document; the statement used to be skipped)", doc(deny, { Effect: "Permit", Action: "s3:*" }), arn, "not-compliant"],
    ];
    for (const [what, document, bucketArn, expected] of cases) {
        it(`${what}: ${expected}`, () => assert.strictEqual(tlsOnlyVerdict(document, bucketArn), expected));
    }
});
