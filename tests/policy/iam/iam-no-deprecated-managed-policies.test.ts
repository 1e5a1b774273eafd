import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult, wire } from "../../../preview/src";
import iamNoDeprecatedManagedPolicies, { deprecatedManagedPolicies } from "../../../policy/policies/iam/iam-no-deprecated-managed-policies";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { analyze, remediate } from "../fixtures/sdk";

const policy = "iam-no-deprecated-managed-policies";
const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "codepipeline.amazonaws.com" }, Action: "sts:AssumeRole" }] });

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const custom = new aws.iam.Policy("custom", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] }) });
            // Violations
            new aws.iam.RolePolicyAttachment("pipeline-full-access", { role: "pipeline", policyArn: "arn:aws:iam::aws:policy/AWSCodePipelineFullAccess" });
            new aws.iam.UserPolicyAttachment("lambda-full-access", { user: "ci", policyArn: "arn:aws:iam::aws:policy/AWSLambdaFullAccess" });
            new aws.iam.GroupPolicyAttachment("config-role-china", { group: "ops", policyArn: "arn:aws-cn:iam::aws:policy/service-role/AWSConfigRole" });
            new aws.iam.PolicyAttachment("ssm-role", { roles: ["web"], policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM" });
            new aws.iam.Role("managed-arns", { assumeRolePolicy: trust, managedPolicyArns: ["arn:aws:iam::aws:policy/AWSCodePipelineReadOnlyAccess"] });
            new aws.iam.RolePolicyAttachmentsExclusive("exclusive", { roleName: "web", policyArns: ["arn:aws:iam::aws:policy/service-role/AWSCodeStarServiceRole"] });
            // Compliant: the replacements, still-maintained CodeCommit policies, a customer policy reusing a deprecated name
            new aws.iam.RolePolicyAttachment("pipeline-new-full-access", { role: "pipeline", policyArn: "arn:aws:iam::aws:policy/AWSCodePipeline_FullAccess" });
            new aws.iam.RolePolicyAttachment("codecommit-full-access", { role: "pipeline", policyArn: "arn:aws:iam::aws:policy/AWSCodeCommitFullAccess" });
            new aws.iam.RolePolicyAttachment("customer-same-name", { role: "pipeline", policyArn: "arn:aws:iam::123456789012:policy/AWSCodePipelineFullAccess" });
            // Unknown at preview
            new aws.iam.RolePolicyAttachment("custom-attachment", { role: "pipeline", policyArn: custom.arn });
        });
    });

    it("flags deprecated AWS managed policies however they are attached, in any partition", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["config-role-china", "exclusive", "lambda-full-access", "managed-arns", "pipeline-full-access", "ssm-role"]);
    });

    it("names the policy, the property and the replacement", () => {
        assert.match(findings(result, policy, "pipeline-full-access")[0].message,
            /RolePolicyAttachment 'pipeline-full-access' attaches the deprecated AWS managed policy AWSCodePipelineFullAccess through policyArn: attach AWSCodePipeline_FullAccess \(arn:aws:iam::aws:policy\/AWSCodePipeline_FullAccess\)/);
        assert.match(findings(result, policy, "config-role-china")[0].message, /arn:aws-cn:iam::aws:policy\/service-role\/AWS_ConfigRole/);
        assert.match(findings(result, policy, "exclusive")[0].message, /AWS names no replacement/);
    });

    it("passes replacements, maintained policies and customer policies", () => {
        for (const name of ["pipeline-new-full-access", "codecommit-full-access", "customer-same-name"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("leaves ARNs unknown at preview undecided (advisory), never mandatory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["custom-attachment"]);
    });

    it("flags every deprecated policy of its list by its ARN (any partition), names its replacement, and swaps it in on remediation", () => {
        const p = iamNoDeprecatedManagedPolicies;
        const attachment = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
        for (const d of deprecatedManagedPolicies) {
            for (const partition of ["aws", "aws-cn"]) {
                const arn = `arn:${partition}:iam::aws:policy/${d.policy}`;
                const [finding, ...more] = analyze(p, attachment, { role: "r", policyArn: arn }).findings;
                assert.deepStrictEqual(more, [], arn);
                const name = d.policy.split("/").pop()!;
                const replacement = d.replacement && `arn:${partition}:iam::aws:policy/${d.replacement}`;
                assert.ok(finding.includes(`the deprecated AWS managed policy ${name} through policyArn`), finding);
                assert.ok(replacement ? finding.includes(replacement) : finding.includes("AWS names no replacement"), finding);
                assert.deepStrictEqual(remediate(p, attachment, { role: "r", policyArn: arn }), replacement ? { role: "r", policyArn: replacement } : undefined, arn);
            }
        }
    });

    it("does not flag the maintained policies it deliberately leaves out, or a replacement", () => {
        for (const name of ["AWSCodeCommitFullAccess", "AWSCodeCommitPowerUser", "AWSCodeCommitReadOnly", "AWSCodePipelineApproverAccess", "AWSCodePipeline_FullAccess", "AWSLambda_FullAccess"]) {
            assert.deepStrictEqual(analyze(iamNoDeprecatedManagedPolicies, "aws:iam/role:Role", { managedPolicyArns: [`arn:aws:iam::aws:policy/${name}`] }).findings, [], name);
        }
    });

    it("swaps in the replacement when the level is remediate, keeping secrets secret", async () => {
        const r = await previewProgram(() => {
            new aws.iam.RolePolicyAttachment("pipeline-full-access", { role: pulumi.secret("pipeline-role-name"), policyArn: "arn:aws:iam::aws:policy/AWSCodePipelineFullAccess" });
            new aws.iam.Role("managed-arns", { assumeRolePolicy: trust, managedPolicyArns: ["arn:aws:iam::aws:policy/AWSLambdaFullAccess", "arn:aws:iam::aws:policy/AWSLambda_FullAccess", "arn:aws:iam::aws:policy/AWSCodeBuildReadOnlyAccess"] });
            new aws.iam.RolePolicyAttachment("codestar", { role: "x", policyArn: "arn:aws:iam::aws:policy/AWSCodeStarFullAccess" });
        }, { policyPackConfigs: [{ [policy]: "remediate" }] });
        assert.deepStrictEqual(r.remediations.map(x => x.resourceName).sort(), ["managed-arns", "pipeline-full-access"]);
        const att = r.resources.find(x => x.name === "pipeline-full-access")!;
        assert.strictEqual(att.inputs.policyArn, "arn:aws:iam::aws:policy/AWSCodePipeline_FullAccess");
        assert.ok(wire.isSecret(att.inputs.role), "the secret role name is still a secret");
        const role = r.resources.find(x => x.name === "managed-arns")!;
        assert.deepStrictEqual(role.inputs.managedPolicyArns, ["arn:aws:iam::aws:policy/AWSLambda_FullAccess", "arn:aws:iam::aws:policy/AWSCodeBuildReadOnlyAccess"]);
        // No replacement named by AWS: still reported, not rewritten.
        assert.deepStrictEqual(flagged(r, policy), ["codestar"]);
    });

    it("carries its PCI DSS reference and severity, and honours exemptions", async () => {
        const d = findings(result, policy, "pipeline-full-access")[0];
        assert.strictEqual(d.severity, "medium");
        assert.strictEqual(d.framework?.reference, "7.2.2");
        const r = await previewProgram(() => {
            new aws.iam.RolePolicyAttachment("legacy-lambda", { role: "x", policyArn: "arn:aws:iam::aws:policy/AWSLambdaFullAccess" });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "legacy-*", reason: "attached before 2021, cannot be reattached" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), []);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "legacy-lambda"), ["exempted by configuration: attached before 2021, cannot be reattached"]);
    });
});
