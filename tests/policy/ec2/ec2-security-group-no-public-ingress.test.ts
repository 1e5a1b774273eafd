import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "ec2-security-group-no-public-ingress";

function program() {
    new aws.ec2.SecurityGroup("internal-only", {
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    new aws.ec2.SecurityGroup("ssh-open", {
        ingress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] },
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
        ],
    });
    new aws.ec2.SecurityGroup("https-open-v6", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] }] });
    new aws.ec2.SecurityGroup("all-open", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
    new aws.ec2.SecurityGroupRule("rule-https-open", { type: "ingress", securityGroupId: "sg-123", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] });
    new aws.ec2.SecurityGroupRule("rule-web-range-open", { type: "ingress", securityGroupId: "sg-123", protocol: "tcp", fromPort: 80, toPort: 443, cidrBlocks: ["0.0.0.0/0"] });
    new aws.ec2.SecurityGroupRule("rule-egress", { type: "egress", securityGroupId: "sg-123", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] });
    new aws.vpc.SecurityGroupIngressRule("vpc-rule-https-open", { securityGroupId: "sg-123", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
    new aws.vpc.SecurityGroupIngressRule("vpc-rule-rdp-open-v6", { securityGroupId: "sg-123", ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv6: "::/0" });
    new aws.vpc.SecurityGroupIngressRule("vpc-rule-private", { securityGroupId: "sg-123", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.0.0/16" });
    new aws.vpc.SecurityGroupIngressRule("exempt", { securityGroupId: "sg-123", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" });
    // Unknown at preview.
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    new aws.vpc.SecurityGroupIngressRule("cidr-unknown", { securityGroupId: "sg-123", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: vpc.arn.apply(() => "0.0.0.0/0") });
    new aws.vpc.SecurityGroupIngressRule("port-unknown", { securityGroupId: "sg-123", ipProtocol: "tcp", fromPort: vpc.arn.apply(() => 443), toPort: 443, cidrIpv4: "0.0.0.0/0" });
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(program, { policyPackConfigs: [{ [policy]: { allowedPublicPorts: [], exemptions: [{ resource: "exempt", reason: "bastion, ticket NET-7" }] } }] });
    });

    it("flags every public ingress of the three resource shapes (IPv4 and IPv6) when no public port is authorised", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), [
            "all-open", "https-open-v6", "port-unknown", "rule-https-open", "rule-web-range-open", "ssh-open", "vpc-rule-https-open", "vpc-rule-rdp-open-v6",
        ]);
        assert.match(findings(result, policy, "ssh-open")[0].message, /open to 0\.0\.0\.0\/0 on port 22: remove 0\.0\.0\.0\/0 from ingress\[1\]\.cidrBlocks/);
        assert.match(findings(result, policy, "vpc-rule-rdp-open-v6")[0].message, /::\/0 on port 3389: remove ::\/0 from cidrIpv6/);
        assert.match(findings(result, policy, "all-open")[0].message, /all protocols and ports/);
    });

    it("passes private CIDRs, ignores egress (not applicable, with the reason)", () => {
        assert.deepStrictEqual(findings(result, policy, "internal-only"), []);
        assert.deepStrictEqual(findings(result, policy, "vpc-rule-private"), []);
        assert.match(notApplicableReasons(result, policy, "rule-egress").join(), /an egress rule does not allow ingress/);
    });

    it("leaves an unknown CIDR undecided; an unknown port on a public rule is still a violation when no port is allowed", () => {
        assert.deepStrictEqual(undecided(result, policy), ["cidr-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "cidr-unknown").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("honours exemptions with the reason", () => {
        assert.deepStrictEqual(findings(result, policy, "exempt"), []);
        assert.match(notApplicableReasons(result, policy, "exempt").join(), /NET-7/);
    });

    it("by default authorises 80 and 443 (Security Hub EC2.18): accepts rules whose every port is one of them, and leaves an unknown port undecided then", async () => {
        const r = await previewProgram(program);
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["all-open", "exempt", "rule-web-range-open", "ssh-open", "vpc-rule-rdp-open-v6"]);
        assert.deepStrictEqual(undecided(r, policy), ["cidr-unknown", "port-unknown"]);
    });
    // Behaviour change (one undecided rule for the pack, lib/policy.ts): a resource with a decidable finding gets the finding only, no "can't run" advisory.
    it("reports a public rule of a group whose other rule is unknown, without an advisory", async () => {
        const r = await previewProgram(() => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            new aws.ec2.SecurityGroup("ssh-open-and-unknown", {
                ingress: [
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: vpc.arn.apply(() => ["0.0.0.0/0"]) },
                ],
            });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["ssh-open-and-unknown"]);
        assert.deepStrictEqual(undecided(r, policy), []);
    });
});
