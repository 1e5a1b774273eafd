import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../../../preview/src";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "s3-bucket-ssl-requests-only";

// Shape: the TLS Deny (aws:SecureTransport false) narrowed by a second condition key, so that it denies
// plaintext only for some requests; or a Deny on s3:TlsVersion alone, which does not touch plaintext requests.
// Correct verdict: those buckets fail (mandatory); a Deny whose only condition is aws:SecureTransport false
// (Bool or BoolIfExists) passes.
const conditions: Record<string, Record<string, Record<string, unknown>>> = {
    "narrowed-principal-account": { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalAccount": "123456789012" } },
    "narrowed-aws-service": { Bool: { "aws:SecureTransport": "false", "aws:PrincipalIsAWSService": "false" } },
    "narrowed-source-ip": { Bool: { "aws:SecureTransport": "false" }, IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
    "tls-version-only": { NumericLessThan: { "s3:TlsVersion": "1.2" } },
    "plain-bool": { Bool: { "aws:SecureTransport": "false" } },
    "bool-if-exists": { BoolIfExists: { "aws:SecureTransport": false } },
    "bool-list": { Bool: { "aws:SecureTransport": ["false"] } },
};

function program() {
    for (const [name, condition] of Object.entries(conditions)) {
        const b = new aws.s3.Bucket(name, {});
        new aws.s3.BucketPolicy(`${name}-policy`, {
            bucket: b.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Deny", Principal: "*", Action: "s3:*",
                    Resource: [pulumi.interpolate`arn:aws:s3:::${b.bucket}`, pulumi.interpolate`arn:aws:s3:::${b.bucket}/*`],
                    Condition: condition,
                }],
            }),
        });
    }
}

for (const mode of ["preview", "update"] as const) {
    describe(`evasion ${policy}, narrowed TLS condition (${mode}): a Deny narrowed by another key does not deny all plaintext`, () => {
        let r: PreviewResult;
        before(async () => {
            r = await previewProgram(program, { mode });
        });

        it("fails the narrowed Denies and the TlsVersion-only Deny, as mandatory", () => {
            assert.deepStrictEqual(flagged(r, policy, "mandatory"),
                ["narrowed-aws-service", "narrowed-principal-account", "narrowed-source-ip", "tls-version-only"]);
        });

        it("passes a Deny conditioned only on aws:SecureTransport false (Bool, BoolIfExists, a list)", () => {
            for (const name of ["plain-bool", "bool-if-exists", "bool-list"]) assert.deepStrictEqual(findings(r, policy, name), [], name);
        });

        it("says the condition must be aws:SecureTransport alone, and quotes no condition value", () => {
            const m = findings(r, policy, "narrowed-source-ip")[0].message;
            assert.match(m, /whose only Condition is Bool aws:SecureTransport "false"/);
            assert.ok(!m.includes("203.0.113") && !m.includes("123456789012"), m);
        });
    });
}
