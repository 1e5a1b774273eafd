// The KMS key rule behind kmsKeyPolicy (policy/lib/kms-key-rule.ts), on small policies defined here.
import * as assert from "assert";
import { kmsKeyPolicy } from "../../../policy/lib/attribute-policy";
import { unknownSentinels } from "../../../policy/lib/unknowns";
import { analyze } from "../fixtures/sdk";

const type = "aws:sns/topic:Topic";
const meta = { name: "test-kms", description: "A policy built with kmsKeyPolicy, for tests.", severity: "low" as const, pci: "1.1.1", remediationSteps: "Fix it.", resourceTypes: [type] };

const customerManaged = kmsKeyPolicy({ ...meta, what: "Thing", key: ["key", "replicas[].key"], defaultKey: "alias/aws/thing" });
const anyKey = kmsKeyPolicy({ ...meta, what: "Log", key: "key", customerManaged: false });
const noDefault = kmsKeyPolicy({ ...meta, what: "Topic", key: "key", awsManagedKey: "alias/aws/sns" });

const u = unknownSentinels.string;
const cmk = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("lib/kms-key-rule", () => {
    const cases: { what: string; policy: typeof anyKey; props: Record<string, unknown>; findings?: RegExp[]; advisory?: RegExp }[] = [
        { what: "a customer-managed key passes", policy: customerManaged, props: { key: cmk } },
        { what: "an unset key uses the service's default key", policy: customerManaged, props: {}, findings: [/^Thing 'subject' has no key, so it is encrypted with the AWS-managed alias\/aws\/thing key: set key to a customer-managed KMS key\.$/] },
        { what: "an unset key of a service without default is unencrypted", policy: noDefault, props: {}, findings: [/has no key, so it is not encrypted with a KMS key/] },
        { what: "the service's own AWS-managed alias is named", policy: noDefault, props: { key: "alias/aws/sns" }, findings: [/key is an AWS-managed key alias \(alias\/aws\/sns\)/] },
        { what: "another reserved alias is not quoted", policy: noDefault, props: { key: "alias/aws/S3CR3T" }, findings: [/key is an AWS-managed key alias \(alias\/aws\/\.\.\.\)/] },
        { what: "every entry of a list is checked, named by index", policy: customerManaged, props: { key: cmk, replicas: [{ key: cmk }, {}] }, findings: [/has no replicas\[1\]\.key/] },
        { what: "an unknown key is the stack's own key", policy: customerManaged, props: { key: u, replicas: [{ key: u }] } },
        { what: "an unknown list holding keys is undecided", policy: customerManaged, props: { key: cmk, replicas: unknownSentinels.array }, advisory: /^Array value at \.replicas can't be known/ },
        { what: "a finding and an unknown list: the finding only", policy: customerManaged, props: { replicas: unknownSentinels.array }, findings: [/has no key/] },
        { what: "with customerManaged false, an AWS-managed key passes", policy: anyKey, props: { key: "alias/aws/logs" } },
        { what: "with customerManaged false, a missing key is still a finding", policy: anyKey, props: {}, findings: [/^Log 'subject' has no key/] },
        // Changed: the log group policy's own presence check accepted any non-empty value; a key reference must be a string.
        { what: "a value that is not a string is no key", policy: anyKey, props: { key: 42 }, findings: [/has no key/] },
    ];
    for (const k of cases) {
        it(k.what, () => {
            const o = analyze(k.policy, type, k.props);
            assert.strictEqual(o.findings.length, (k.findings ?? []).length, o.findings.join("\n"));
            (k.findings ?? []).forEach((f, i) => assert.match(o.findings[i], f));
            if (k.advisory) assert.match(o.advisory ?? "(none)", k.advisory);
            else assert.strictEqual(o.advisory, undefined);
        });
    }

    it("applies only when its condition holds", () => {
        const p = kmsKeyPolicy<{ require: boolean }>({ ...meta, config: { properties: { require: { type: "boolean", default: true } } }, what: "X", key: "key", when: c => c.config.require });
        assert.strictEqual(analyze(p, type, {}).findings.length, 1);
        assert.strictEqual(analyze(p, type, {}, { require: false }).findings.length, 0);
    });
});
