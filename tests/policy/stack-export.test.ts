// Pulumi Cloud evaluates packs on stacks and on discovered cloud resources (`pulumi policy analyze`),
// where no property dependencies exist: only outputs, ids and names. Every cross-resource policy must
// decide there as it decides on the program.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { PreviewResult, runPreview } from "../../preview/src";
import { previewStack } from "../stack/helpers";
import { policyPackDir, previewProgram } from "../helpers/preview";

/** A `pulumi stack export` of what an update registered, without dependencies of any kind. */
function exportWithoutDependencies(r: PreviewResult): string {
    const ids = new Map(r.resources.map(x => [x.urn, x.id] as const));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "export-")), "stack.json");
    fs.writeFileSync(file, JSON.stringify({
        version: 3,
        deployment: {
            manifest: { time: "2026-12-01T00:00:00Z", magic: "offline", version: "v3.200.0" },
            resources: r.resources.map(x => ({
                urn: x.urn, custom: x.custom, type: x.type, id: x.id, parent: x.parent,
                provider: x.provider ? `${x.provider}::${ids.get(x.provider) ?? "id"}` : undefined,
                inputs: x.inputs, outputs: x.outputs, external: x.external,
            })),
        },
    }));
    return file;
}

const decided = (r: PreviewResult) => r.diagnostics.filter(d => !d.undecidable && d.enforcementLevel === "mandatory")
    .map(d => `${d.policyName} ${d.resourceName}`).sort();

/** Cross-resource shapes, right and wrong: S3 configuration resources, flow logs, attachments, triggers. */
function crossResourceProgram(): void {
    const good = new aws.s3.Bucket("good");
    new aws.s3.BucketVersioning("good-versioning", { bucket: good.id, versioningConfiguration: { status: "Enabled" } });
    new aws.s3.BucketPublicAccessBlock("good-pab", { bucket: good.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const key = new aws.kms.Key("key", { enableKeyRotation: true });
    new aws.s3.BucketServerSideEncryptionConfiguration("good-sse", { bucket: good.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }] });
    const logs = new aws.s3.Bucket("logs");
    new aws.s3.BucketLogging("good-logging", { bucket: good.id, targetBucket: logs.id, targetPrefix: "good/" });
    new aws.s3.Bucket("bare");
    new aws.s3.BucketVersioning("suspended", { bucket: new aws.s3.Bucket("suspended-bucket").id, versioningConfiguration: { status: "Suspended" } });

    const logged = new aws.ec2.Vpc("logged", { cidrBlock: "10.0.0.0/16" });
    const role = new aws.iam.Role("flow-role", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" }] }) });
    const group = new aws.cloudwatch.LogGroup("flow", { retentionInDays: 365, kmsKeyId: key.arn });
    new aws.ec2.FlowLog("flow", { vpcId: logged.id, trafficType: "ALL", logDestination: group.arn, iamRoleArn: role.arn });
    new aws.ec2.Vpc("unlogged", { cidrBlock: "10.1.0.0/16" });

    new aws.iam.RolePolicyAttachment("admin", { role: role.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
}

describe("policies on a stack export without property dependencies (pulumi policy analyze, Pulumi Cloud)", function () {
    this.timeout(300_000);

    it("the reference stack: zero findings, as on the program", async () => {
        const program = await previewStack({ mode: "update" });
        assert.deepStrictEqual(program.diagnostics, []);
        const state = await runPreview({ stateFile: exportWithoutDependencies(program), policyPacks: [policyPackDir] });
        assert.deepStrictEqual(state.diagnostics.map(d => `${d.policyName} ${d.resourceName}: ${d.message}`), []);
    });

    it("cross-resource violations: the same findings from outputs and names alone", async () => {
        const program = await previewProgram(crossResourceProgram, { mode: "update", policyPackConfigs: [{ "required-tags": "disabled" }] });
        const state = await runPreview({ stateFile: exportWithoutDependencies(program), policyPacks: [policyPackDir], policyPackConfigs: [{ "required-tags": "disabled" }] });
        assert.ok(decided(program).includes("vpc-flow-logs-enabled unlogged"));
        assert.ok(decided(program).includes("s3-bucket-versioning-enabled bare"));
        assert.ok(decided(program).includes("iam-no-admin-managed-policies admin"));
        assert.deepStrictEqual(decided(state), decided(program));
    });
});
