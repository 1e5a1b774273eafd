// False alarm: HTTPS (443) and HTTP (80, for redirects to HTTPS) open to the internet on a load balancer are
// authorised by default, as Security Hub EC2.18's authorizedTcpPorts. Correct verdict: 80 and 443 from
// 0.0.0.0/0 or ::/0 pass by default; any other port (or a range that reaches beyond them, or all protocols)
// still fails; `allowedPublicPorts: []` makes 443 a finding again.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { flagged, previewProgram } from "../../../helpers/preview";

const policy = "ec2-security-group-no-public-ingress";

function program() {
    new aws.ec2.SecurityGroup("alb", {
        ingress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
            { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
        ],
    });
    new aws.vpc.SecurityGroupIngressRule("vpc-rule-https", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
    new aws.ec2.SecurityGroup("alt-https", { ingress: [{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] }] });
    new aws.ec2.SecurityGroupRule("web-range", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 80, toPort: 443, cidrBlocks: ["0.0.0.0/0"] });
    new aws.vpc.SecurityGroupIngressRule("all-traffic", { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" });
}

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: authorised web ports (${mode})`, () => {
        it("authorises 80 and 443 by default and nothing else", async () => {
            const r = await previewProgram(program, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["all-traffic", "alt-https", "web-range"]);
        });
    });
}

describe(`evasion: ${policy}: authorised web ports, none configured`, () => {
    it("flags 443 too when allowedPublicPorts is []", async () => {
        const r = await previewProgram(program, { policyPackConfigs: [{ [policy]: { allowedPublicPorts: [] } }] });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["alb", "all-traffic", "alt-https", "vpc-rule-https", "web-range"]);
    });
});
