// The declarative helpers (policy/lib/attribute-policy.ts): an attribute rule, chains of rules, the
// not-applicable hook, the echo rule and fixes, on a small policy defined here.
import * as assert from "assert";
import { attributePolicy, attributeRule } from "../../../policy/lib/attribute-policy";
import { unknownSentinels } from "../../../policy/lib/unknowns";
import { analyze, remediate } from "../fixtures/sdk";

const type = "aws:ecr/repository:Repository";
const meta = { name: "test-attribute", description: "A policy built with attributePolicy, for tests.", severity: "low" as const, pci: "1.1.1", remediationSteps: "Fix it.", resourceTypes: [type] };

const policy = attributePolicy<{ allowExclusions: boolean }>({
    ...meta,
    config: { properties: { allowExclusions: { type: "boolean", default: false } } },
    notApplicable: c => (c.props.archived === true ? "archived repositories are read-only" : undefined),
    path: "mutability",
    absent: "MUTABLE",
    compliant: (v, c) => v === "IMMUTABLE" || (v === "IMMUTABLE_WITH_EXCLUSION" && c.config.allowExclusions),
    echo: /^(IM)?MUTABLE(_WITH_EXCLUSION)?$/,
    message: (c, v) => `'${c.name}' ${v.path} is ${v.unset ? "unset" : v.shown ?? "something else"}`,
    fix: "IMMUTABLE",
    andThen: [attributeRule({
        path: "scans[].onPush",
        absent: false,
        compliant: [true],
        message: (c, v) => `'${c.name}' ${v.path} is off`,
        fix: () => ({ "scanConfig.enabled": true }),
    })],
});

const u = unknownSentinels.string;

describe("lib/attribute-policy", () => {
    const cases: { what: string; props: Record<string, unknown>; config?: object; findings?: string[]; advisory?: RegExp; notApplicable?: RegExp }[] = [
        { what: "a compliant value passes", props: { mutability: "IMMUTABLE" } },
        { what: "the absent value is judged, and the message says it is unset", props: {}, findings: ["'subject' mutability is unset"] },
        { what: "an enumerated value is quoted", props: { mutability: "MUTABLE" }, findings: ["'subject' mutability is MUTABLE"] },
        { what: "any other value is not quoted (it could be a secret)", props: { mutability: "S3CR3T" }, findings: ["'subject' mutability is something else"] },
        { what: "the predicate sees the configuration", props: { mutability: "IMMUTABLE_WITH_EXCLUSION" }, config: { allowExclusions: true } },
        { what: "an unknown value is undecided, never a finding", props: { mutability: u }, advisory: /string value at \.mutability can't be known/ },
        { what: "the not-applicable hook ends the check", props: { archived: true, mutability: "MUTABLE" }, notApplicable: /read-only/ },
        {
            what: "the next rule runs once the first passes, on every entry of a `[]` path",
            props: { mutability: "IMMUTABLE", scans: [{ onPush: true }, {}, { onPush: false }] },
            findings: ["'subject' scans[1].onPush is off", "'subject' scans[2].onPush is off"],
        },
        { what: "the next rule does not run when the first fails", props: { mutability: "MUTABLE", scans: [{}] }, findings: ["'subject' mutability is MUTABLE"] },
        { what: "nor when the first is undecided", props: { mutability: u, scans: [{}] }, advisory: /\.mutability can't be known/ },
        {
            what: "in a rule, known findings are reported and unknown entries dropped (the undecided rule)",
            props: { mutability: "IMMUTABLE", scans: [{}, unknownSentinels.object] }, findings: ["'subject' scans[0].onPush is off"],
        },
        { what: "an unknown list is undecided", props: { mutability: "IMMUTABLE", scans: unknownSentinels.array }, advisory: /^Array value at \.scans can't be known/ },
    ];
    for (const k of cases) {
        it(k.what, () => {
            const o = analyze(policy, type, k.props, k.config);
            assert.deepStrictEqual(o.findings, k.findings ?? []);
            if (k.advisory) assert.match(o.advisory ?? "(none)", k.advisory);
            else assert.strictEqual(o.advisory, undefined);
            if (k.notApplicable) assert.match(o.notApplicable ?? "(none)", k.notApplicable);
            else assert.strictEqual(o.notApplicable, undefined);
        });
    }

    const fixes: { what: string; props: Record<string, unknown>; after?: Record<string, unknown> }[] = [
        { what: "applies the first failing rule's fix (a value at its path)", props: { mutability: "MUTABLE" }, after: { mutability: "IMMUTABLE" } },
        { what: "or its function's patch", props: { mutability: "IMMUTABLE", scans: [{}] }, after: { mutability: "IMMUTABLE", scans: [{}], scanConfig: { enabled: true } } },
        { what: "changes nothing when the rules pass", props: { mutability: "IMMUTABLE", scans: [{ onPush: true }] } },
        { what: "never fixes an unknown value", props: { mutability: u } },
        { what: "never fixes a resource the policy does not apply to", props: { archived: true } },
    ];
    for (const k of fixes) {
        it(`remediation ${k.what}`, () => assert.deepStrictEqual(remediate(policy, type, k.props), k.after));
    }

    it("is not remediable when no rule has a fix", () => {
        const p = attributePolicy({ ...meta, path: "x", compliant: [true], message: () => "x" });
        assert.strictEqual(p.remediateResource, undefined);
    });
});
