// Runs a generated program of N resources through the offline preview (capture + the compiled pack over
// the engine protocol) in its own process, and prints one JSON line: times, peak RSS of this process and
// of the pack process, and what the run found. Usage: node -r ts-node/register/transpile-only run-scale.ts N [preview|update]
import * as fs from "fs";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runPreview } from "../../../preview/src";
import { policyPackDir } from "../../helpers/preview";

const target = Number(process.argv[2] ?? 1000);
const mode = (process.argv[3] ?? "preview") as "preview" | "update";
const tags = { Environment: "dev", Owner: "platform", DataClassification: "internal" };

/** One team's slice of a large organisation stack: 10 resources (a component and 9 children). */
class Service extends pulumi.ComponentResource {
    constructor(name: string, i: number) {
        super("acme:platform:Service", name, {}, {});
        const o = { parent: this };
        const key = new aws.kms.Key(`${name}-key`, { enableKeyRotation: i % 7 !== 0, tags }, o);
        const bucket = new aws.s3.Bucket(`${name}-bucket`, { tags }, o);
        new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: i % 5 ? "Enabled" : "Suspended" } }, o);
        new aws.s3.BucketPublicAccessBlock(`${name}-pab`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, o);
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }] }, o);
        new aws.s3.BucketPolicy(`${name}-tls`, {
            bucket: bucket.id,
            policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] }),
        }, o);
        new aws.cloudwatch.LogGroup(`${name}-logs`, { retentionInDays: i % 3 ? 365 : 7, kmsKeyId: key.arn, tags }, o);
        const role = new aws.iam.Role(`${name}-role`, {
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }] }), tags,
        }, o);
        new aws.iam.RolePolicy(`${name}-policy`, {
            role: role.id,
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: i % 4 ? `arn:aws:s3:::bucket-${i}/*` : "*" }] }),
        }, o);
        this.registerOutputs({});
    }
}

/** Peak resident memory (VmHWM, MiB) of this process's run-policy-pack children, sampled. */
let packPeakMiB = 0;
const sampler = setInterval(() => {
    for (const d of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(d)) continue;
        try {
            const status = fs.readFileSync(`/proc/${d}/status`, "utf8");
            if (!status.includes(`PPid:\t${process.pid}\n`)) continue;
            if (!fs.readFileSync(`/proc/${d}/cmdline`, "utf8").includes("run-policy-pack")) continue;
            const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
            if (hwm) packPeakMiB = Math.max(packPeakMiB, Number(hwm[1]) / 1024);
        } catch { /* gone */ }
    }
}, 250);

(async () => {
    const t0 = Date.now();
    let captureEnd = 0;
    const result = await runPreview({
        project: "scale", stack: "dev", mode, config: { "aws:region": "eu-west-1" }, policyPacks: [policyPackDir],
        program: () => { for (let i = 0; i < Math.ceil(target / 10); i++) new Service(`svc${i}`, i); },
        timeoutMs: 30 * 60_000,
        onProgress: phase => { if (phase === "analyze" && !captureEnd) captureEnd = Date.now(); },
    });
    clearInterval(sampler);
    const end = Date.now();
    const byPolicy: Record<string, number> = {};
    for (const d of result.diagnostics) if (d.enforcementLevel === "mandatory") byPolicy[d.policyName] = (byPolicy[d.policyName] ?? 0) + 1;
    console.log(JSON.stringify({
        target, mode, resources: result.resources.length,
        captureSeconds: ((captureEnd || end) - t0) / 1000, analyzeSeconds: (end - (captureEnd || t0)) / 1000, totalSeconds: (end - t0) / 1000,
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), packPeakRssMiB: Math.round(packPeakMiB),
        summary: result.summary, mandatoryByPolicy: byPolicy,
    }));
    process.exit(0);
})().catch(e => { clearInterval(sampler); console.error(e?.describe?.() ?? e); process.exit(2); });
