// The one policy-document reader (policy/lib/policy-documents.ts), used by the IAM and S3 policies.
import * as assert from "assert";
import {
    PolicyStatement, describeStatement, firstUnknown, hasUnknownPart, knownValues, parsePolicyDocument,
} from "../../../policy/lib/policy-documents";
import { unknownSentinels } from "../../../policy/lib/unknowns";

const u = unknownSentinels.string;

function statements(doc: unknown): PolicyStatement[] {
    const parsed = parsePolicyDocument(doc, ["policy"]);
    assert.strictEqual(parsed.kind, "document", JSON.stringify(parsed));
    return parsed.kind === "document" ? parsed.statements : [];
}

describe("lib/policy-documents", () => {
    it("reads JSON strings and objects, Statement as object or list, values as string or list", () => {
        const [asString] = statements(JSON.stringify({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: ["a", "b"] } }));
        const [asObject] = statements({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "a" }] });
        assert.deepStrictEqual(knownValues(asString.action), ["s3:GetObject"]);
        assert.deepStrictEqual(knownValues(asString.resource), ["a", "b"]);
        assert.deepStrictEqual(asString.path, ["policy"], "paths stop at a JSON string (it is known or unknown as a whole)");
        assert.deepStrictEqual(knownValues(asObject.resource), ["a"]);
        assert.deepStrictEqual(asObject.path, ["policy", "Statement", 0]);
    });

    it("reads every Principal form", () => {
        const s = statements({
            Statement: [
                { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: " * ", Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::1:root"], Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: u, Action: "sts:AssumeRole" },
            ],
        });
        assert.deepStrictEqual(s.map(x => x.principal?.everyone), [true, true, false, false, undefined, false]);
        assert.deepStrictEqual(knownValues(s[2].principal!.byType.AWS), ["*"]);
        assert.deepStrictEqual(knownValues(s[3].principal!.byType.Service), ["codebuild.amazonaws.com"]);
        assert.deepStrictEqual(knownValues(s[4].notPrincipal!.byType.AWS), ["arn:aws:iam::1:root"]);
        assert.strictEqual(s[5].principal!.unknown, true);
    });

    const kinds: [string, unknown, object][] = [
        ["not JSON", "{ nope", { kind: "malformed", reason: "is not valid JSON", path: ["policy"] }],
        ["a JSON list", "[1]", { kind: "malformed", reason: "is not a JSON object", path: ["policy"] }],
        ["no Statement", "{}", { kind: "malformed", reason: "has no Statement element", path: ["policy"] }],
        ["an invalid Effect", { Statement: [{ Effect: "Permit" }] }, { kind: "malformed", reason: "has a statement (0) whose Effect is neither \"Allow\" nor \"Deny\"", path: ["policy"] }],
        ["a statement that is not an object", { Statement: ["x"] }, { kind: "malformed", reason: "has a Statement entry that is not an object", path: ["policy"] }],
        ["wholly unknown", u, { kind: "unknown", path: ["policy"] }],
        ["an unknown Statement", { Statement: u }, { kind: "unknown", path: ["policy", "Statement"] }],
        ["absent", undefined, { kind: "absent" }],
        ["empty", "", { kind: "absent" }],
    ];
    for (const [what, doc, expected] of kinds) {
        it(`tells a document that is ${what}`, () => assert.deepStrictEqual(parsePolicyDocument(doc, ["policy"]), expected));
    }

    it("never throws on odd shapes", () => {
        const odd: unknown[] = [null, 0, 1.5, true, "*", [], {}, [[]], { Statement: null }, { Statement: 5 }, { Statement: [null, 3] },
            { Statement: { Effect: "Allow", Action: 5, Resource: { a: 1 } } }, { Statement: { Effect: "Allow", Principal: 5, Condition: "x" } },
            { Statement: { Effect: "Allow", Principal: { AWS: { x: 1 } }, Action: [] } }, JSON.stringify({ Statement: "x" })];
        for (const doc of odd) parsePolicyDocument(doc, ["policy"]);
    });

    const unknownParts: [string, object, boolean][] = [
        ["a fully known statement", { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }, false],
        ["an unknown Effect", { Effect: u, Action: "s3:*" }, true],
        ["an unknown Action entry", { Effect: "Deny", Action: ["s3:*", u] }, true],
        ["an unknown Principal value", { Effect: "Deny", Principal: { AWS: [u] }, Action: "s3:*" }, true],
        ["an unknown Condition value", { Effect: "Deny", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": u } } }, true],
        ["an unknown Condition", { Effect: "Deny", Action: "s3:*", Condition: u }, true],
        ["an unknown Sid only (it does not change the meaning)", { Sid: u, Effect: "Deny", Action: "s3:*" }, false],
    ];
    for (const [what, statement, expected] of unknownParts) {
        it(`says whether ${what} has an unknown part: ${expected}`, () => {
            const [s] = statements({ Statement: [statement] });
            assert.strictEqual(hasUnknownPart(s), expected);
        });
    }

    it("names a statement by index and an alphanumeric Sid only", () => {
        const s = statements({ Statement: [{ Sid: "Push1", Effect: "Allow" }, { Sid: "has spaces S3CR3T", Effect: "Allow" }, { Effect: "Allow" }] });
        assert.deepStrictEqual(s.map(describeStatement), ["statement 0 (Sid 'Push1')", "statement 1", "statement 2"]);
    });

    it("finds the first unknown entry of a value list", () => {
        const [s] = statements({ Statement: [{ Effect: "Allow", Resource: ["a", u, "b"] }] });
        assert.deepStrictEqual(firstUnknown(s.resource), { unknown: true, path: ["policy", "Statement", 0, "Resource", 1] });
        assert.strictEqual(firstUnknown(undefined), undefined);
    });
});
