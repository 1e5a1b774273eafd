import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "iam-no-admin-managed-policies";
const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }] });

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const custom = new aws.iam.Policy("custom", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] }) });
            // Violations, through every way of attaching
            new aws.iam.RolePolicyAttachment("role-admin", { role: "build", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
            new aws.iam.UserPolicyAttachment("user-poweruser", { user: "ci", policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" });
            new aws.iam.GroupPolicyAttachment("group-iam-full", { group: "ops", policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" });
            new aws.iam.PolicyAttachment("attachment-govcloud-admin", { roles: ["build"], policyArn: "arn:aws-us-gov:iam::aws:policy/AdministratorAccess" });
            new aws.iam.Role("managed-arns-admin", { assumeRolePolicy: trust, managedPolicyArns: ["arn:aws:iam::aws:policy/AWSCodeBuildDeveloperAccess", "arn:aws:iam::aws:policy/AdministratorAccess"] });
            new aws.iam.RolePolicyAttachmentsExclusive("exclusive-admin", { roleName: "build", policyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
            new aws.iam.RolePolicyAttachment("customer-copy-named-admin", { role: "build", policyArn: "arn:aws:iam::123456789012:policy/admins/AdministratorAccess" });
            // Compliant
            new aws.iam.RolePolicyAttachment("role-readonly", { role: "build", policyArn: "arn:aws:iam::aws:policy/AWSCodePipeline_ReadOnlyAccess" });
            new aws.iam.Role("managed-arns-scoped", { assumeRolePolicy: trust, managedPolicyArns: ["arn:aws:iam::aws:policy/AWSCodeBuildDeveloperAccess"] });
            new aws.iam.RolePolicyAttachment("job-function-readonly", { role: "build", policyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" });
            // Unknown at preview: a policy created in the same program
            new aws.iam.RolePolicyAttachment("custom-attachment", { role: "build", policyArn: custom.arn });
            new aws.iam.Role("managed-arns-unknown", { assumeRolePolicy: trust, managedPolicyArns: [custom.arn] });
        });
    });

    it("flags administrator-level managed policies however they are attached, in any partition", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), [
            "attachment-govcloud-admin", "customer-copy-named-admin", "exclusive-admin", "group-iam-full", "managed-arns-admin", "role-admin", "user-poweruser",
        ]);
    });

    it("names the resource, the policy and the property", () => {
        assert.match(findings(result, policy, "role-admin")[0].message, /RolePolicyAttachment 'role-admin' attaches the AWS managed policy AdministratorAccess through policyArn/);
        assert.match(findings(result, policy, "managed-arns-admin")[0].message, /through managedPolicyArns\[1\]/);
        assert.match(findings(result, policy, "exclusive-admin")[0].message, /through policyArns\[0\]/);
    });

    it("passes narrower policies", () => {
        for (const name of ["role-readonly", "managed-arns-scoped", "job-function-readonly"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("leaves ARNs unknown at preview undecided (advisory), never mandatory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["custom-attachment", "managed-arns-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "custom-attachment").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("decides once the ARNs are known (update)", async () => {
        const r = await previewProgram(() => {
            const custom = new aws.iam.Policy("custom", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] }) });
            new aws.iam.RolePolicyAttachment("custom-attachment", { role: "build", policyArn: custom.arn });
        }, { mode: "update" });
        assert.deepStrictEqual(findings(r, policy), []);
    });

    it("takes the list from config (policyNames), and honours exemptions", async () => {
        const r = await previewProgram(() => {
            new aws.iam.RolePolicyAttachment("role-admin", { role: "build", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
            new aws.iam.RolePolicyAttachment("role-s3-full", { role: "build", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" });
            new aws.iam.RolePolicyAttachment("role-poweruser", { role: "build", policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" });
        }, { policyPackConfigs: [{ [policy]: { policyNames: ["AdministratorAccess", "amazons3fullaccess"], exemptions: [{ resource: "role-admin", reason: "bootstrap role, removed after setup" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), ["role-s3-full"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "role-admin"), ["exempted by configuration: bootstrap role, removed after setup"]);
        const d = findings(r, policy, "role-s3-full")[0];
        assert.strictEqual(d.severity, "critical");
        assert.strictEqual(d.framework?.reference, "7.2.2");
    });
});
