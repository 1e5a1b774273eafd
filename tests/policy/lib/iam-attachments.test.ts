// Managed policy attachments (policy/lib/iam-attachments.ts).
import * as assert from "assert";
import { attachedPolicyArns, attachmentProperty, parseManagedPolicyArn, reportAttachedPolicies } from "../../../policy/lib/iam-attachments";
import { unknownSentinels } from "../../../policy/lib/unknowns";

const u = unknownSentinels.string;

describe("lib/iam-attachments", () => {
    const arns: [string, string | undefined][] = [
        ["arn:aws-us-gov:iam::aws:policy/service-role/AWSConfigRole", JSON.stringify({ partition: "aws-us-gov", account: "aws", path: "service-role/", name: "AWSConfigRole" })],
        ["arn:aws:iam::123456789012:policy/team/deploy", JSON.stringify({ partition: "aws", account: "123456789012", path: "team/", name: "deploy" })],
        [" arn:aws:iam::aws:policy/AdministratorAccess ", JSON.stringify({ partition: "aws", account: "aws", path: "", name: "AdministratorAccess" })],
        ["arn:aws:iam::aws:role/AdministratorAccess", undefined],
        ["AdministratorAccess", undefined],
    ];
    for (const [arn, expected] of arns) {
        it(`reads ${JSON.stringify(arn)}`, () => {
            const parsed = parseManagedPolicyArn(arn);
            assert.strictEqual(parsed && JSON.stringify(parsed), expected);
        });
    }

    const attached: [string, Record<string, unknown>, [string | undefined, boolean, (string | number)[]][]][] = [
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", { policyArn: "a" }, [["a", false, ["policyArn"]]]],
        ["aws:iam/policyAttachment:PolicyAttachment", { policyArn: u }, [[undefined, true, ["policyArn"]]]],
        ["aws:iam/role:Role", { managedPolicyArns: ["a", u, 7] }, [["a", false, ["managedPolicyArns", 0]], [undefined, true, ["managedPolicyArns", 1]], [undefined, false, ["managedPolicyArns", 2]]]],
        ["aws:iam/role:Role", { managedPolicyArns: u }, [[undefined, true, ["managedPolicyArns"]]]],
        ["aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", { policyArns: ["b"] }, [["b", false, ["policyArns", 0]]]],
        ["aws:iam/userPolicyAttachment:UserPolicyAttachment", {}, []],
        ["aws:s3/bucket:Bucket", { policyArn: "a" }, []],
    ];
    for (const [type, props, expected] of attached) {
        it(`finds the ARNs a ${type.split(":").pop()} attaches in ${JSON.stringify(props)}`, () => {
            assert.deepStrictEqual(attachedPolicyArns(type, props).map(a => [a.arn, a.unknown, a.path]), expected);
        });
    }

    it("names the attaching property of each type", () => {
        assert.deepStrictEqual(attachmentProperty("aws:iam/role:Role"), { key: "managedPolicyArns", list: true });
        assert.deepStrictEqual(attachmentProperty("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive"), { key: "policyArns", list: true });
        assert.deepStrictEqual(attachmentProperty("aws:iam/groupPolicyAttachment:GroupPolicyAttachment"), { key: "policyArn", list: false });
        assert.strictEqual(attachmentProperty("aws:s3/bucket:Bucket"), undefined);
    });

    it("reports judged ARNs and records unknown ones as undecided", () => {
        const seen: string[] = [];
        const check = {
            type: "aws:iam/role:Role", props: { managedPolicyArns: ["bad", "good", u] },
            report: (m: string) => seen.push(m), undecided: (p: unknown[]) => seen.push(`undecided ${p.join(".")}`),
        };
        reportAttachedPolicies(check as any, (arn, where) => (arn === "bad" ? `bad through ${where}` : undefined));
        assert.deepStrictEqual(seen, ["bad through managedPolicyArns[0]", "undecided managedPolicyArns.2"]);
    });
});
