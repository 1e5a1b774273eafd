// Evasion: ingress put on the VPC's default security group (aws.ec2.DefaultSecurityGroup), which takes the
// same inline `ingress` as a security group. Correct verdict: public SSH there is a mandatory finding in both
// modes; a default group with no ingress, or private ingress only, is compliant.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "ec2-security-group-no-public-ingress";

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: the default security group (${mode})`, () => {
        it("judges a DefaultSecurityGroup's ingress like a security group's", async () => {
            const r = await previewProgram(() => {
                new aws.ec2.DefaultSecurityGroup("default-open", { vpcId: "vpc-1", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
                new aws.ec2.DefaultSecurityGroup("default-closed", { vpcId: "vpc-2" });
                new aws.ec2.DefaultSecurityGroup("default-private", { vpcId: "vpc-3", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }] });
            }, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["default-open"]);
            assert.match(findings(r, policy, "default-open")[0].message, /open to 0\.0\.0\.0\/0 on port 22: remove 0\.0\.0\.0\/0 from ingress\[0\]\.cidrBlocks/);
        });
    });
}
