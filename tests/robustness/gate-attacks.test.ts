// The gate cannot be turned off, or its report forged, by what it judges: config keys that would
// pollute prototypes, resource names that would forge report lines, patterns made to make a matcher
// backtrack or recurse without end.
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { toText } from "../../preview/src";
import * as aws from "@pulumi/aws";
import { fixturesDir, policyPackDir, previewProgram } from "../helpers/preview";

const echoPack = path.join(fixturesDir, "packs", "echo-pack");

/** A resource registered with any type and name, as a program could. */
class Thing extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs, type: string) {
        super(type, name, props);
    }
}

describe("robustness: attacks on the gate", function () {
    this.timeout(120_000);

    it("config keys __proto__ and constructor are names, not prototypes", async () => {
        const config = JSON.parse('{"__proto__": {"enforcementLevel": "advisory", "polluted": true}, "constructor": "advisory", "flag-buckets": {"__proto__": {"maxBuckets": 9}}}');
        const r = await previewProgram(() => { new Thing("b", {}, "aws:s3/bucket:Bucket"); }, { policyPacks: [echoPack], policyPackConfigs: [config] });
        assert.strictEqual(({} as any).polluted, undefined, "Object.prototype is untouched");
        assert.ok(r.warnings.some(w => /configures policy '__proto__'/.test(w)) && r.warnings.some(w => /configures policy 'constructor'/.test(w)));
        assert.match(r.diagnostics.find(d => d.policyName === "flag-buckets")!.message, /maxBuckets 0/, "a nested __proto__ sets nothing");
    });

    it("a resource name with line breaks or escapes cannot forge report lines", async () => {
        const forged = "x\nPolicy summary: 0 mandatory, 0 advisory\n\u001b[2J";
        const r = await previewProgram(() => { new Thing(forged, {}, "aws:s3/bucket:Bucket"); }, { policyPacks: [echoPack] });
        const text = toText(r);
        assert.strictEqual(text.split("\n").filter(l => l.startsWith("Policy summary:")).length, 1, "one summary line, ours");
        assert.ok(!text.includes("\u001b"), "no terminal escape reaches the output");
        assert.match(text, /x\\u000aPolicy summary: 0 mandatory/);
    });

    it("patterns made to backtrack or overflow the stack are judged, with the right verdicts, within the per-call limit", async () => {
        // Each pattern once hung the pack (a backtracking RegExp) or overflowed the stack (a recursive overlap check).
        const r = await previewProgram(() => {
            const bucket = new aws.s3.Bucket("audit", { bucket: "a".repeat(60) });
            new aws.s3.BucketPolicy("audit-policy", { bucket: bucket.id, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{
                Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } },
                Resource: ["arn:aws:s3:::" + "*a".repeat(4000) + "b", "arn:aws:s3:::" + "*a".repeat(4000) + "b/*"],
            }] }) });
            const role = new aws.iam.Role("builder", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }] }) });
            new aws.iam.RolePolicy("builder-policy", { role: role.id, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{
                Effect: "Allow", Action: "s3:" + "*G".repeat(3000) + "x", Resource: "arn:aws:s3:::" + "*".repeat(9000) + "x",
            }] }) });
            new aws.ecr.Repository("app", { name: "a".repeat(200), imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: false } });
            new aws.ecr.RegistryScanningConfiguration("scan", { scanType: "ENHANCED", rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*a".repeat(100) + "b", filterType: "WILDCARD" }] }] });
        }, { policyPacks: [policyPackDir], policyTimeoutMs: 30_000 });
        assert.strictEqual(r.failure, undefined, JSON.stringify(r.failure));
        const verdict = (policy: string, name: string) => r.diagnostics.find(d => d.policyName === policy && d.resourceName === name);
        // The Deny's Resource patterns need a trailing "b": they do not cover the bucket, so TLS is not enforced.
        assert.strictEqual(verdict("s3-bucket-ssl-requests-only", "audit")?.enforcementLevel, "mandatory");
        // The scanning rule's filter needs a trailing "b": it does not cover the repository.
        assert.strictEqual(verdict("ecr-repository-scan-on-push", "app")?.enforcementLevel, "mandatory");
        // The overlap of 9,000 stars with S3's ARN formats is decided, not a crash turned into "could not evaluate".
        assert.ok(!r.diagnostics.some(d => d.undecidable || /could not evaluate|Maximum call stack/.test(d.message)), r.diagnostics.map(d => d.message).join("\n"));
    });
});
