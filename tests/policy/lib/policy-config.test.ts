// The settings every policy has (policy/lib/policy-config.ts): exemptions and how configuration is assembled.
import * as assert from "assert";
import { configOf, configSchemaOf, findExemption, patternMatches } from "../../../policy/lib/policy-config";

describe("lib/policy-config: exemption patterns", () => {
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
        // `?` is a literal in exemptions (names and URNs may hold it).
        ["role?", "role1", false],
        ["role?", "role?", true],
        ["*a*a*a*a*a*a*b", "a".repeat(60), false],
        ["urn:pulumi:*::*$aws:s3/bucket:Bucket::logs", "urn:pulumi:dev::proj::my:Comp$aws:s3/bucket:Bucket::logs", true],
    ];
    for (const [pattern, value, expected] of cases) {
        it(`'${pattern}' ${expected ? "matches" : "does not match"} '${value.length > 20 ? value.slice(0, 20) + "…" : value}'`, () => {
            assert.strictEqual(patternMatches(pattern, value), expected);
        });
    }

    it("stays fast on patterns made to backtrack (linear in the value per piece)", () => {
        const started = process.hrtime.bigint();
        assert.strictEqual(patternMatches("*a".repeat(200) + "b", "a".repeat(20_000)), false);
        assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1000, "a glob must not backtrack");
    });

    it("finds an exemption by name or by URN, and ignores malformed entries", () => {
        const exemptions = [{ resource: 42 }, null, { resource: "urn:pulumi:dev::p::aws:iam/role:Role::*", reason: "roles are reviewed in IAM-123" }];
        assert.strictEqual(findExemption(exemptions, "deployer", "urn:pulumi:dev::p::aws:iam/role:Role::deployer")?.reason, "roles are reviewed in IAM-123");
        assert.strictEqual(findExemption(exemptions, "deployer", "urn:pulumi:dev::p::aws:iam/user:User::deployer"), undefined);
        assert.strictEqual(findExemption("not a list", "x", "y"), undefined);
    });
});

describe("lib/policy-config: configuration", () => {
    const schema = { properties: { days: { type: "integer" as const, default: 365 }, names: { type: "array" as const } } };

    it("takes the schema's defaults, then the common settings, then what was configured", () => {
        assert.deepStrictEqual(configOf(schema, undefined), { days: 365, exemptions: [], onError: "fail-closed" });
        assert.deepStrictEqual(configOf(schema, { days: 30, onError: "fail-open" }), { days: 30, exemptions: [], onError: "fail-open" });
    });

    it("adds exemptions and onError to every policy's schema, keeping its own properties and requirements", () => {
        const s = configSchemaOf({ ...schema, required: ["days"] });
        assert.deepStrictEqual(Object.keys(s.properties).sort(), ["days", "exemptions", "names", "onError"]);
        assert.deepStrictEqual(s.required, ["days"]);
        assert.deepStrictEqual(Object.keys(configSchemaOf(undefined).properties).sort(), ["exemptions", "onError"]);
    });
});
