import * as assert from "assert";
import { findExemption, patternMatches, resourcePolicy } from "../../../policy/lib/policy";

describe("lib/policy: exemption patterns", () => {
    const cases: [string, string, boolean][] = [
        ["artifacts", "artifacts", true],
        ["artifacts", "artifacts-logs", false],
        ["*", "", true],
        ["*", "anything", true],
        ["legacy-*", "legacy-role", true],
        ["legacy-*", "role-legacy", false],
        ["*-legacy", "role-legacy", true],
        ["*role*", "deploy-role-1", true],
        ["a*b*c", "abc", true],
        ["a*b*c", "aXbYc", true],
        ["a*b*c", "acb", false],
        ["ab*ba", "aba", false],
        ["*a*a*a*a*a*a*b", "a".repeat(60), false],
        ["urn:pulumi:*::*$aws:s3/bucket:Bucket::logs", "urn:pulumi:dev::proj::my:Comp$aws:s3/bucket:Bucket::logs", true],
    ];
    for (const [pattern, value, expected] of cases) {
        it(`'${pattern}' ${expected ? "matches" : "does not match"} '${value.length > 20 ? value.slice(0, 20) + "…" : value}'`, () => {
            assert.strictEqual(patternMatches(pattern, value), expected);
        });
    }

    it("finds an exemption by name or by URN, and ignores malformed entries", () => {
        const exemptions = [{ resource: 42 }, null, { resource: "urn:pulumi:dev::p::aws:iam/role:Role::*", reason: "roles are reviewed in IAM-123" }];
        assert.strictEqual(findExemption(exemptions, "deployer", "urn:pulumi:dev::p::aws:iam/role:Role::deployer")?.reason, "roles are reviewed in IAM-123");
        assert.strictEqual(findExemption(exemptions, "deployer", "urn:pulumi:dev::p::aws:iam/user:User::deployer"), undefined);
        assert.strictEqual(findExemption("not a list", "x", "y"), undefined);
    });
});

describe("lib/policy: a policy that fails on an input (pack setting onError)", () => {
    const crashing = resourcePolicy({
        name: "crashes-on-everything", description: "A policy with a bug: it throws on every resource.", severity: "high", pci: "1.1.1",
        remediationSteps: "None.", resourceTypes: ["aws:s3/bucket:Bucket"],
        validate: () => { throw new TypeError("Cannot read properties of undefined"); },
    });
    function run(config: Record<string, unknown>): any[] {
        const reports: any[] = [];
        crashing.validateResource({
            type: "aws:s3/bucket:Bucket", name: "b", urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", props: {},
            getConfig: () => config, notApplicable: () => { throw new Error("not applicable"); },
        } as any, r => { reports.push(r); });
        return reports;
    }

    it("fails closed by default: the resource is reported at the policy's own level (no level override)", () => {
        const [r] = run({});
        assert.strictEqual(r.enforcementLevel, undefined, "the SDK then reports it at the policy's configured level");
        assert.match(r.message, /could not evaluate this resource's properties \(TypeError\); this is a bug in the policy pack/);
        assert.strictEqual(crashing.configSchema!.properties.onError.default, "fail-closed");
    });

    it("fails open when configured: an advisory", () => {
        const [r] = run({ onError: "fail-open" });
        assert.strictEqual(r.enforcementLevel, "advisory");
    });
});
