import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, previewProgram } from "../../helpers/preview";

const policy = "vpc-flow-logs-enabled";

function program() {
    const logs = new aws.cloudwatch.LogGroup("flow-logs", { retentionInDays: 365 });
    const logged = new aws.ec2.Vpc("logged", { cidrBlock: "10.0.0.0/16" });
    new aws.ec2.FlowLog("logged-flow-log", { vpcId: logged.id, trafficType: "ALL", logDestination: logs.arn });
    new aws.ec2.Vpc("unlogged", { cidrBlock: "10.1.0.0/16" });
    // A flow log on a subnet does not log the whole VPC.
    const partly = new aws.ec2.Vpc("subnet-only", { cidrBlock: "10.2.0.0/16" });
    const subnet = new aws.ec2.Subnet("subnet", { vpcId: partly.id, cidrBlock: "10.2.1.0/24" });
    new aws.ec2.FlowLog("subnet-flow-log", { subnetId: subnet.id, trafficType: "ALL", logDestination: logs.arn });
    new aws.ec2.Vpc("exempt", { cidrBlock: "10.3.0.0/16" });
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        // Preview: every VPC id is unknown; the link comes from the flow log's propertyDependencies.
        result = await previewProgram(program, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "exempt", reason: "isolated test VPC" }] } }] });
    });

    it("flags VPCs without a flow log as mandatory, in preview where the VPC ids are unknown", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["subnet-only", "unlogged"]);
        assert.match(findings(result, policy, "unlogged")[0].message, /VPC 'unlogged' has no flow log.*vpcId/);
        assert.strictEqual(findings(result, policy, "unlogged")[0].framework?.reference, "10.2.1");
    });

    it("accepts a VPC whose flow log takes its vpcId from it, and reports no undecidable advisory", () => {
        assert.deepStrictEqual(findings(result, policy, "logged"), []);
        assert.deepStrictEqual(result.diagnostics.filter(d => d.policyName === policy && d.undecidable), []);
    });

    it("does not report an exempted VPC", () => {
        assert.deepStrictEqual(findings(result, policy, "exempt"), []);
    });

    it("decides the same in update mode", async () => {
        const r = await previewProgram(program, { mode: "update" });
        assert.deepStrictEqual(flagged(r, policy), ["exempt", "subnet-only", "unlogged"]);
    });

    it("links a flow log to an existing VPC by a known vpcId as well", async () => {
        const r = await previewProgram(() => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            vpc.id.apply(id => new aws.ec2.FlowLog("by-value", { vpcId: id, trafficType: "ALL", logDestination: "arn:aws:s3:::flow-logs" }));
        }, { mode: "update" });
        assert.deepStrictEqual(flagged(r, policy), []);
    });
});
