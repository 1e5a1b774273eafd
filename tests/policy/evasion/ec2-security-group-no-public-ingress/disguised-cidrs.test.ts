// Evasion: the whole internet written so that it is not the string "0.0.0.0/0" or "::/0": two halves
// (0.0.0.0/1 + 128.0.0.0/1), other wide IPv4 ranges (/8 or wider outside 10.0.0.0/8), IPv6 spellings of
// ::/0 (0::/0, 0:0:0:0:0:0:0:0/0) and wide IPv6 ranges overlapping 2000::/3 (::/1, 2000::/3). Correct
// verdict: each is a mandatory finding, in both modes, on all three rule shapes; private ranges (10.0.0.0/8,
// 172.16.0.0/12, fc00::/7) and IPv6 ranges outside global unicast (::/3) stay compliant.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "ec2-security-group-no-public-ingress";
const ssh = { protocol: "tcp", fromPort: 22, toPort: 22 };

function program() {
    new aws.ec2.SecurityGroup("two-halves", { ingress: [{ ...ssh, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }] });
    new aws.ec2.SecurityGroup("wide-v4", { ingress: [{ ...ssh, cidrBlocks: ["64.0.0.0/2"] }] });
    new aws.ec2.SecurityGroup("public-slash-8", { ingress: [{ ...ssh, cidrBlocks: ["11.0.0.0/8"] }] });
    new aws.ec2.SecurityGroup("v6-zero-spelled", { ingress: [{ ...ssh, ipv6CidrBlocks: ["0::/0"] }] });
    new aws.ec2.SecurityGroup("v6-long-zero", { ingress: [{ ...ssh, ipv6CidrBlocks: ["0:0:0:0:0:0:0:0/0"] }] });
    new aws.ec2.SecurityGroupRule("rule-v6-half", { type: "ingress", securityGroupId: "sg-1", ...ssh, ipv6CidrBlocks: ["::/1"] });
    new aws.vpc.SecurityGroupIngressRule("vpc-rule-global-unicast", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv6: "2000::/3" });
    new aws.vpc.SecurityGroupIngressRule("vpc-rule-half", { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv4: "128.0.0.0/1" });
    new aws.ec2.SecurityGroup("private", { ingress: [{ ...ssh, cidrBlocks: ["10.0.0.0/8", "172.16.0.0/12"], ipv6CidrBlocks: ["fc00::/7", "::/3"] }] });
}

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: CIDRs in disguise (${mode})`, () => {
        it("flags every range that covers much of the internet, and passes private ranges", async () => {
            const r = await previewProgram(program, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), [
                "public-slash-8", "rule-v6-half", "two-halves", "v6-long-zero", "v6-zero-spelled", "vpc-rule-global-unicast", "vpc-rule-half", "wide-v4",
            ]);
            assert.match(findings(r, policy, "two-halves")[0].message, /open to the internet \(a \/1 range\) on port 22: remove that range \(ingress\[0\]\.cidrBlocks\[0\]\)/);
            assert.match(findings(r, policy, "v6-long-zero")[0].message, /open to ::\/0 on port 22/);
            assert.deepStrictEqual(findings(r, policy, "private"), []);
        });
    });
}
