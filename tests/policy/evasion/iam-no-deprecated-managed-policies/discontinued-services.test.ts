// A policy of a discontinued service, attached as if nothing had happened. Tried: every AWS managed
// policy of the discontinued OpsWorks services (Stacks, Chef Automate, Puppet Enterprise), with its path
// (service-role/ for AWSOpsWorksCMServiceRole), on a role, an attachment and a managed policy ARN list.
// Correct verdict: a mandatory finding each; a customer policy of the same name passes.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "iam-no-deprecated-managed-policies";
const opsworks = ["AWSOpsWorks_FullAccess", "AWSOpsWorksCloudWatchLogs", "AWSOpsWorksInstanceRegistration", "AWSOpsWorksRegisterCLI_EC2",
    "AWSOpsWorksRegisterCLI_OnPremises", "AWSOpsWorksCMInstanceProfileRole", "service-role/AWSOpsWorksCMServiceRole"];

describe(`evasion: ${policy}: discontinued services`, () => {
    it("flags every OpsWorks managed policy, and not a customer policy of the same name", async () => {
        const r = await previewProgram(() => {
            const assumeRolePolicy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
            opsworks.forEach((p, i) => new aws.iam.RolePolicyAttachment(`attach-${i}`, { role: "ops", policyArn: `arn:aws:iam::aws:policy/${p}` }));
            new aws.iam.Role("role-list", { assumeRolePolicy, managedPolicyArns: ["arn:aws:iam::aws:policy/AWSOpsWorks_FullAccess"] });
            new aws.iam.RolePolicyAttachment("customer-same-name", { role: "ops", policyArn: "arn:aws:iam::123456789012:policy/AWSOpsWorks_FullAccess" });
        }, { mode: "preview" });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), [...opsworks.map((_, i) => `attach-${i}`), "role-list"].sort());
        assert.match(findings(r, policy, "attach-0")[0].message, /deprecated AWS managed policy AWSOpsWorks_FullAccess/);
    });
});
