import * as assert from "assert";
import { findExemption, patternMatches } from "../../../policy/lib/policy";

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
