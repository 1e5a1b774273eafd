// The wrapper (policy/lib/policy.ts): metadata, the crash guard, remediation patches, and the pack's
// undecided rule for resource and stack policies, driven the way the SDK calls a policy.
import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { PolicyMetadata, ResourceCheck, StackCheck, resourcePolicy, stackPolicy } from "../../../policy/lib/policy";
import { unknownSentinels } from "../../../policy/lib/unknowns";
import { Analysis, analyze, remediate } from "../fixtures/sdk";

const type = "aws:s3/bucket:Bucket";
const meta: PolicyMetadata = {
    name: "test-policy", description: "A policy under test, for the wrapper's behaviour.", severity: "high", pci: "1.1.1",
    remediationSteps: "None needed.", resourceTypes: [type],
};

/** Runs a policy with this `validate` as the SDK does. */
function run(validate: (c: ResourceCheck<{}>) => void, props: Record<string, unknown> = {}, config: object = {}): Analysis {
    return analyze(resourcePolicy({ ...meta, validate }), type, props, config);
}

describe("lib/policy: a policy that fails on an input (pack setting onError)", () => {
    const crash = () => { throw new TypeError("Cannot read properties of undefined"); };

    it("fails closed by default: the resource is reported at the policy's own level (no level override)", () => {
        const [r] = run(crash).reported as any[];
        assert.strictEqual(r.enforcementLevel, undefined, "the SDK then reports it at the policy's configured level");
        assert.match(r.message, /could not evaluate this resource's properties \(TypeError\); this is a bug in the policy pack/);
        assert.strictEqual(resourcePolicy({ ...meta, validate: crash }).configSchema!.properties.onError.default, "fail-closed");
    });

    it("fails open when configured: an advisory", () => {
        assert.strictEqual((run(crash, {}, { onError: "fail-open" }).reported[0] as any).enforcementLevel, "advisory");
    });

    it("does not hand a crashed check over to the preview advisory (the crash report says the resource was not checked)", () => {
        const o = run(c => { c.undecided(["x"]); crash(); }, { x: unknownSentinels.string });
        assert.deepStrictEqual([o.advisory, o.findings.length], [undefined, 1]);
    });
});

describe("lib/policy: the undecided rule of resource policies", () => {
    const cases: { what: string; validate: (c: ResourceCheck<{}>) => void; props?: Record<string, unknown>; reports: number; advisory?: RegExp }[] = [
        { what: "nothing undecided, no finding: passes", validate: () => undefined, reports: 0 },
        {
            what: "undecided and no finding: the SDK's advisory, naming the path and the kind of value",
            validate: c => c.undecided(["enableKeyRotation"]), props: { enableKeyRotation: unknownSentinels.boolean },
            reports: 0, advisory: /^boolean value at \.enableKeyRotation can't be known during preview$/,
        },
        {
            what: "several undecided places: one advisory naming each (the kind is the first one's)",
            validate: c => { c.undecided(["a", 0, "b"]); c.undecided(["c"]); c.undecided(["a", 0, "b"]); },
            props: { a: [{ b: unknownSentinels.number }], c: unknownSentinels.string },
            reports: 0, advisory: /^number value at \.a\.0\.b, \.c can't be known during preview$/,
        },
        {
            what: "a path below an unknown list takes the list's kind",
            validate: c => c.undecided(["replicas", 0, "kmsKeyId"]), props: { replicas: unknownSentinels.array },
            reports: 0, advisory: /^Array value at \.replicas\.0\.kmsKeyId/,
        },
        {
            what: "a provider value is named as the provider's",
            validate: c => c.undecided(["defaultTags"], "provider"),
            reports: 0, advisory: /^string value at \.defaultTags \(of the resource's provider\) can't be known/,
        },
        {
            what: "a finding and something undecided: only the finding (the resource fails whatever the unknown is)",
            validate: c => { c.undecided(["x"]); c.report("finding"); }, props: { x: unknownSentinels.string }, reports: 1,
        },
        {
            what: "more than five places: the first five and a count",
            validate: c => ["a", "b", "c", "d", "e", "f", "g"].forEach(p => c.undecided([p])),
            reports: 0, advisory: /at \.a, \.b, \.c, \.d, \.e and 2 more can't be known/,
        },
    ];
    for (const k of cases) {
        it(k.what, () => {
            const o = run(k.validate, k.props);
            assert.strictEqual(o.findings.length, k.reports);
            if (k.advisory) assert.match(o.advisory ?? "(no advisory)", k.advisory);
            else assert.strictEqual(o.advisory, undefined);
        });
    }

    it("not applicable wins over undecided", () => {
        const o = run(c => { c.undecided(["x"]); c.notApplicable("not a thing this policy checks"); });
        assert.deepStrictEqual([o.notApplicable, o.advisory], ["not a thing this policy checks", undefined]);
    });

    it("an exempted resource is not applicable before the policy runs", () => {
        let ran = false;
        const o = run(() => { ran = true; }, {}, { exemptions: [{ resource: "subject", reason: "ticket 1" }] });
        assert.deepStrictEqual([ran, o.notApplicable], [false, "exempted by configuration: ticket 1"]);
    });
});

describe("lib/policy: remediation patches", () => {
    const remediable = (patch: Record<string, unknown> | undefined, throws = false) => resourcePolicy({
        ...meta, validate: () => undefined, remediate: () => { if (throws) throw new Error("bug"); return patch as any; },
    });
    const fix = (p: ReturnType<typeof remediable>, props: Record<string, any>) => remediate(p, type, props);

    it("applies each path of the patch to the inputs, creating objects on the way and removing undefined ones", () => {
        const props = { keep: 1, drop: ["x"], nested: { other: true } };
        const out = fix(remediable({ "a.b": true, drop: undefined, "nested.flag": "on" }), props);
        assert.deepStrictEqual(out, { keep: 1, a: { b: true }, nested: { other: true, flag: "on" } });
    });

    it("returns nothing for an empty patch, no patch, or a failing remediation (the resource is left as it was)", () => {
        assert.strictEqual(fix(remediable({}), { a: 1 }), undefined);
        assert.strictEqual(fix(remediable(undefined), { a: 1 }), undefined);
        const write = process.stderr.write;
        process.stderr.write = (() => true) as any;
        try {
            assert.strictEqual(fix(remediable({ a: 2 }, true), { a: 1 }), undefined);
        } finally {
            process.stderr.write = write;
        }
    });
});

describe("lib/policy: the undecided rule of stack policies", () => {
    const resource = (name: string): PolicyResource => ({ type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, props: {} } as any);

    function analyzeStack(validateStack: (c: StackCheck<{}>) => void, resources: PolicyResource[], config: object = {}) {
        const policy = stackPolicy({ ...meta, validateStack });
        const reports: { m: string; urn?: string }[] = [];
        try {
            policy.validateStack({ resources, getConfig: () => config } as any, (m: any, urn?: string) => { reports.push({ m, urn }); });
            return { reports, thrown: undefined };
        } catch (e: any) {
            return { reports, thrown: { kind: e.constructor.name as string, message: e.message as string } };
        }
    }

    it("names in one advisory what is undecided about the resources that got no finding", () => {
        const [a, b, c] = ["a", "b", "c"].map(resource);
        const o = analyzeStack(check => {
            check.undecided(a, "bucket 'a' (policy)");
            check.report(a, "finding about a");
            check.undecided(b, "bucket 'b' (policy)");
            check.undecided(c, "bucket 'c' (versioning)");
        }, [a, b, c]);
        assert.deepStrictEqual(o.reports.map(r => r.urn), [a.urn]);
        assert.strictEqual(o.thrown?.kind, "UnknownValueError");
        assert.match(o.thrown!.message, /at \.bucket 'b' \(policy\); bucket 'c' \(versioning\) can't be known during preview/);
    });

    it("drops what is undecided about exempted resources, and reports nothing about them", () => {
        const [a, b] = ["legacy-a", "b"].map(resource);
        const o = analyzeStack(check => {
            check.undecided(a, "a");
            check.report(a, "finding about a");
            check.report(b, "finding about b");
        }, [a, b], { exemptions: [{ resource: "legacy-*", reason: "r" }] });
        assert.deepStrictEqual([o.reports.map(r => r.urn), o.thrown], [[b.urn], undefined]);
    });
});
