import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { locatePack, PolicyPackProcess } from "../../preview/src/engine/pack";
import { policies } from "../../policy/policies";
import { readmeWithTable } from "../../tools/generate";
import { policyPackDir, repoRoot } from "../helpers/preview";

/** The policy names are part of the pack's interface: organisations configure them by name. */
const interfaceNames: Record<string, "mandatory" | "advisory"> = {
    "kms-key-rotation-enabled": "mandatory",
    "s3-bucket-versioning-enabled": "mandatory",
    "s3-bucket-public-access-block": "mandatory",
    "s3-bucket-kms-encryption": "mandatory",
    "s3-bucket-access-logging": "mandatory",
    "s3-bucket-ssl-requests-only": "mandatory",
    "s3-bucket-no-inline-configuration": "advisory",
    "s3-bucket-single-configuration": "mandatory",
    "cloudwatch-log-group-retention": "mandatory",
    "cloudwatch-log-group-kms-encryption": "mandatory",
    "iam-no-wildcard-resource": "mandatory",
    "iam-no-wildcard-action": "mandatory",
    "iam-action-resource-mismatch": "advisory",
    "iam-no-admin-managed-policies": "mandatory",
    "iam-no-deprecated-managed-policies": "mandatory",
    "iam-role-trust-scoped": "mandatory",
    "codepipeline-artifact-store-region": "mandatory",
    "codepipeline-artifact-store-kms": "mandatory",
    "codepipeline-no-github-v1-source": "mandatory",
    "no-plaintext-credentials": "mandatory",
    "eventbridge-pipeline-trigger-matches-source": "advisory",
    "codebuild-project-kms-encryption": "mandatory",
    "codebuild-project-logging": "mandatory",
    "codebuild-privileged-mode": "advisory",
    "ecr-repository-scan-on-push": "mandatory",
    "ecr-repository-immutable-tags": "mandatory",
    "ecr-repository-kms-encryption": "mandatory",
    "sns-topic-kms-encryption": "mandatory",
    "secretsmanager-secret-kms-encryption": "mandatory",
    "vpc-flow-logs-enabled": "mandatory",
    "ec2-security-group-no-public-ingress": "mandatory",
    "ecs-task-definition-secure": "mandatory",
    "ebs-volume-encrypted": "mandatory",
    "ebs-encryption-by-default-enabled": "mandatory",
    "ec2-imdsv2-required": "mandatory",
    "rds-storage-encrypted": "mandatory",
    "rds-not-publicly-accessible": "mandatory",
    "rds-deletion-protection": "mandatory",
    "rds-backup-retention": "mandatory",
    "rds-auto-minor-version-upgrade": "mandatory",
    "dynamodb-table-pitr-enabled": "mandatory",
    "cloudtrail-multi-region": "mandatory",
    "cloudtrail-log-file-validation": "mandatory",
    "cloudtrail-kms-encryption": "mandatory",
    "cloudtrail-cloudwatch-logs": "mandatory",
    "required-tags": "mandatory",
};

describe("the policy pack as a whole", () => {
    it("has exactly the policies of its interface, each at its default level", () => {
        const actual = Object.fromEntries(policies.map(p => [p.name, p.enforcementLevel]));
        assert.deepStrictEqual(actual, interfaceNames);
    });

    it("declares description, severity, PCI DSS reference, remediation steps and resource types for every policy", () => {
        for (const p of policies as any[]) {
            const m = p.metadata;
            assert.ok(m, `${p.name} is not defined with resourcePolicy/stackPolicy`);
            assert.ok(m.description.length > 20, `${p.name}: description`);
            assert.ok(["low", "medium", "high", "critical"].includes(m.severity), `${p.name}: severity`);
            assert.match(m.pci, /^(\d+(\.\d+)+(, \d+(\.\d+)+)*( \(.+\))?|n\/a \(.+\))$/, `${p.name}: PCI reference`);
            assert.ok(m.remediationSteps.length > 20, `${p.name}: remediation steps`);
            assert.ok(m.resourceTypes.length > 0 && m.resourceTypes.every((t: string) => /^[a-z0-9-]+:([A-Za-z0-9/]+:[A-Za-z0-9]+|\*)$/.test(t)), `${p.name}: resource types`);
            assert.deepStrictEqual(p.framework.name, "PCI DSS");
            assert.deepStrictEqual(p.framework.version, "4.0.1");
            assert.ok(p.configSchema.properties.exemptions, `${p.name}: exemptions config`);
        }
    });

    it("has an up-to-date policy table in the README (run `npm run docs` after changing metadata)", () => {
        const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
        assert.strictEqual(readme, readmeWithTable(readme, policies), "README.md's policy table is out of date: run npm run docs");
    });

    it("loads through the engine's launch path from policy/, named and versioned by its package.json", async () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(policyPackDir, "package.json"), "utf8"));
        const ctx = { project: "p", stack: "dev", organization: "organization", dryRun: true, config: {}, secretKeys: [] };
        const pack = await PolicyPackProcess.start(locatePack(policyPackDir), ctx);
        try {
            const info = await pack.getAnalyzerInfo();
            assert.deepStrictEqual([info.name, info.version], [manifest.name, manifest.version]);
            assert.deepStrictEqual(info.policies.map(p => p.name).sort(), Object.keys(interfaceNames).sort());
            assert.ok(info.policies.every(p => p.framework?.reference && p.remediationSteps && p.severity));
        } finally {
            await pack.kill();
        }
    });

    it("pins what consumers install: exact versions, and a shrinkwrap of the same dependencies (npm run pin-pack)", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(policyPackDir, "package.json"), "utf8"));
        const shrinkwrap = JSON.parse(fs.readFileSync(path.join(policyPackDir, "npm-shrinkwrap.json"), "utf8"));
        assert.deepStrictEqual(shrinkwrap.packages[""].dependencies, manifest.dependencies);
        for (const [dep, version] of Object.entries<string>(manifest.dependencies)) {
            assert.match(version, /^\d+\.\d+\.\d+$/, dep);
            assert.strictEqual(shrinkwrap.packages[`node_modules/${dep}`].version.replace(/^v/, ""), version, dep);
        }
        assert.ok(!fs.existsSync(path.join(repoRoot, "PulumiPolicy.yaml")), "the repository root is not a pack (publishing it would ship tests and the stack)");
    });
});
