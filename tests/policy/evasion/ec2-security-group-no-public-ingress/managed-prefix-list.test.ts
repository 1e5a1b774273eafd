// Evasion: 0.0.0.0/0 put in a managed prefix list of the stack (inline `entries`, or an
// aws.ec2.ManagedPrefixListEntry), and the list referenced by a rule's `prefixListIds`/`prefixListId`
// instead of a CIDR. Correct verdict: the referencing rule (inline ingress, SecurityGroupRule,
// vpc.SecurityGroupIngressRule) is a mandatory finding in both modes (the list's id is unknown at preview:
// the rule's property dependency names the list); a rule referencing a private list, or a public list on an
// authorised port (443), is compliant; the prefix list itself is not applicable.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, notApplicableReasons, previewProgram } from "../../../helpers/preview";

const policy = "ec2-security-group-no-public-ingress";

function program() {
    const open = new aws.ec2.ManagedPrefixList("open-list", { addressFamily: "IPv4", maxEntries: 2, entries: [{ cidr: "0.0.0.0/0" }] });
    const halves = new aws.ec2.ManagedPrefixList("halves-list", { addressFamily: "IPv4", maxEntries: 2 });
    new aws.ec2.ManagedPrefixListEntry("half-1", { prefixListId: halves.id, cidr: "0.0.0.0/1" });
    const office = new aws.ec2.ManagedPrefixList("office-list", { addressFamily: "IPv4", maxEntries: 2, entries: [{ cidr: "203.0.113.0/24" }] });
    new aws.ec2.SecurityGroup("inline-open", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [open.id] }] });
    new aws.ec2.SecurityGroupRule("rule-halves", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 5432, toPort: 5432, prefixListIds: [halves.id] });
    new aws.vpc.SecurityGroupIngressRule("vpc-rule-open", { securityGroupId: "sg-1", ipProtocol: "-1", prefixListId: open.id });
    new aws.vpc.SecurityGroupIngressRule("vpc-rule-https-open", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: open.id });
    new aws.ec2.SecurityGroup("inline-office", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [office.id] }] });
}

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: a public managed prefix list (${mode})`, () => {
        it("flags the rules that reference a prefix list holding a public range", async () => {
            const r = await previewProgram(program, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["inline-open", "rule-halves", "vpc-rule-open"]);
            assert.match(findings(r, policy, "inline-open")[0].message, /prefix list 'open-list' holds a public range\) on port 22: remove prefix list 'open-list' from ingress\[0\]\.prefixListIds/);
            assert.deepStrictEqual(findings(r, policy, "inline-office"), []);
            assert.deepStrictEqual(findings(r, policy, "vpc-rule-https-open"), []);
            assert.match(notApplicableReasons(r, policy, "open-list").join(), /prefix list allows nothing by itself/);
        });
    });
}
