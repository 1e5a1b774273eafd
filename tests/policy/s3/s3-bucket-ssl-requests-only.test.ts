import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { tlsOnlyPolicy, tlsOnlyPolicyOverArn, undecidable } from "../fixtures/s3";

const policy = "s3-bucket-ssl-requests-only";

function doc(statements: object[]) {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}
const insecure = { Bool: { "aws:SecureTransport": "false" } };

function program() {
    const known = new aws.s3.Bucket("known-name", {});
    new aws.s3.BucketPolicy("known-name-policy", { bucket: known.id, policy: tlsOnlyPolicy(known) });
    const v6 = new aws.s3.BucketV2("v6-known-name", {});
    new aws.s3.BucketPolicy("v6-known-name-policy", { bucket: v6.id, policy: tlsOnlyPolicy(v6) });
    // aws.iam.getPolicyDocument (plain invoke) over the known bucket name: rendered at preview.
    const tlsStatement = (name: string) => ({
        effect: "Deny", principals: [{ type: "*", identifiers: ["*"] }], actions: ["s3:*"],
        resources: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
    const viaDoc = new aws.s3.Bucket("policy-document", {});
    new aws.s3.BucketPolicy("policy-document-policy", {
        bucket: viaDoc.id,
        policy: viaDoc.bucket.apply(name => aws.iam.getPolicyDocument({ statements: [tlsStatement(name)] }).then(d => d.json)),
    });
    // The output form over the bucket's outputs: the engine declines an invoke whose inputs depend on a
    // resource pending creation, so the document is unknown at preview.
    const viaDocOutput = new aws.s3.Bucket("policy-document-output", {});
    const rendered = aws.iam.getPolicyDocumentOutput({ statements: [viaDocOutput.bucket.apply(tlsStatement)] });
    new aws.s3.BucketPolicy("policy-document-output-policy", { bucket: viaDocOutput.id, policy: rendered.json });
    const split = new aws.s3.Bucket("two-statements", {});
    new aws.s3.BucketPolicy("two-statements-policy", {
        bucket: split.id,
        policy: doc([
            { Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: pulumi.interpolate`arn:aws:s3:::${split.bucket}`, Condition: insecure },
            { Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["s3:*"], Resource: pulumi.interpolate`arn:aws:s3:::${split.bucket}/*`, Condition: insecure },
        ]),
    });
    new aws.s3.Bucket("inline-policy", {
        bucket: "inline-policy-bucket",
        policy: JSON.stringify({ Statement: { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::inline-policy-bucket", "arn:aws:s3:::inline-policy-bucket/*"], Condition: insecure } }),
    });

    new aws.s3.Bucket("no-policy", {});
    new aws.s3.BucketV2("v6-no-policy", {});
    const objectsOnly = new aws.s3.Bucket("objects-only", {});
    new aws.s3.BucketPolicy("objects-only-policy", { bucket: objectsOnly.id, policy: doc([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: pulumi.interpolate`arn:aws:s3:::${objectsOnly.bucket}/*`, Condition: insecure }]) });
    const prefix = new aws.s3.Bucket("some-objects", {});
    new aws.s3.BucketPolicy("some-objects-policy", { bucket: prefix.id, policy: doc([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [pulumi.interpolate`arn:aws:s3:::${prefix.bucket}`, pulumi.interpolate`arn:aws:s3:::${prefix.bucket}/logs/*`], Condition: insecure }]) });
    const onePrincipal = new aws.s3.Bucket("one-principal", {});
    new aws.s3.BucketPolicy("one-principal-policy", { bucket: onePrincipal.id, policy: doc([{ Effect: "Deny", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:*", Resource: [pulumi.interpolate`arn:aws:s3:::${onePrincipal.bucket}`, pulumi.interpolate`arn:aws:s3:::${onePrincipal.bucket}/*`], Condition: insecure }]) });
    const getOnly = new aws.s3.Bucket("get-only", {});
    new aws.s3.BucketPolicy("get-only-policy", { bucket: getOnly.id, policy: doc([{ Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: [pulumi.interpolate`arn:aws:s3:::${getOnly.bucket}`, pulumi.interpolate`arn:aws:s3:::${getOnly.bucket}/*`], Condition: insecure }]) });
    const allow = new aws.s3.Bucket("allow-tls", {});
    new aws.s3.BucketPolicy("allow-tls-policy", { bucket: allow.id, policy: doc([{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: pulumi.interpolate`arn:aws:s3:::${allow.bucket}/*`, Condition: { Bool: { "aws:SecureTransport": "true" } } }]) });

    // Built over the bucket's ARN output: wholly unknown at preview.
    const overArn = new aws.s3.Bucket("over-arn", {});
    new aws.s3.BucketPolicy("over-arn-policy", { bucket: overArn.id, policy: tlsOnlyPolicyOverArn(overArn) });
    // A policy object whose statement is only partly unknown: undecided by the stack phase, naming the bucket.
    const partly = new aws.s3.Bucket("partly-unknown", {});
    new aws.s3.BucketPolicy("partly-unknown-policy", {
        bucket: partly.id,
        policy: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [partly.arn, pulumi.interpolate`${partly.arn}/*`], Condition: insecure }] } as any,
    });
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(program);
    });

    it("flags buckets without a TLS-only policy, v7 and v6 tokens, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"),
            ["allow-tls", "get-only", "no-policy", "objects-only", "one-principal", "some-objects", "v6-no-policy"]);
    });

    it("decides policies built from the known bucket name or by getPolicyDocument at preview", () => {
        for (const name of ["known-name", "v6-known-name", "policy-document", "two-statements", "inline-policy"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("leaves a policy built over the bucket's ARN (or getPolicyDocumentOutput over its outputs) undecided at preview on the BucketPolicy, never mandatory", () => {
        assert.deepStrictEqual(findings(result, policy, "over-arn"), []);
        assert.deepStrictEqual(findings(result, policy, "policy-document-output"), []);
        assert.deepStrictEqual(findings(result, policy, "partly-unknown").filter(d => !d.undecidable), []);
        // Per-resource advisories (Analyze phase) for wholly unknown documents; one stack-level advisory naming the
        // bucket whose document is only partly unknown, which the engine attributes to the stack
        // (pkg/resource/deploy/analyze_snapshot.go:122).
        assert.deepStrictEqual(undecided(result, policy), ["over-arn-policy", "policy-document-output-policy", "test-dev"]);
        const u = undecidable(result, policy);
        assert.strictEqual(u.length, 3);
        assert.match(u.find(d => d.resourceName === "test-dev")!.message, /bucket 'partly-unknown' \(the policy of BucketPolicy 'partly-unknown-policy'\)/);
        assert.strictEqual(u[0].enforcementLevel, "advisory");
        assert.match(u[0].message, /string value at \.policy can't be known during preview/);
    });

    it("decides every bucket in update mode, including the ARN-built policy", async () => {
        const r = await previewProgram(program, { mode: "update" });
        assert.deepStrictEqual(undecidable(r, policy), []);
        assert.deepStrictEqual(flagged(r, policy), flagged(result, policy));
        assert.deepStrictEqual(findings(r, policy, "over-arn"), []);
        assert.deepStrictEqual(findings(r, policy, "policy-document-output"), []);
        assert.deepStrictEqual(findings(r, policy, "partly-unknown"), []);
    });

    it("names the property to change", () => {
        assert.match(findings(result, policy, "objects-only")[0].message, /add to the policy of BucketPolicy 'objects-only-policy' a Deny statement .*aws:SecureTransport "false"/);
        assert.match(findings(result, policy, "no-policy")[0].message, /add an aws\.s3\.BucketPolicy with bucket set to this bucket/);
        assert.strictEqual(findings(result, policy, "no-policy")[0].framework?.reference, "4.2.1");
    });

    it("reports an exempted bucket as not applicable with the reason", async () => {
        const r = await previewProgram(() => {
            new aws.s3.Bucket("public-site", {});
            new aws.s3.Bucket("data", {});
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "public-site", reason: "served only through CloudFront OAC" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), ["data"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "public-site"), ["exempted by configuration: served only through CloudFront OAC"]);
    });
});
