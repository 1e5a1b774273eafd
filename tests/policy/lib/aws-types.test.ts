// The pack's AWS type tokens (policy/lib/aws-types.ts) against the installed @pulumi/aws: each one must be
// the `__pulumiType` of the class of the same module and name (so v6 and v7 spellings are both real).
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes, awsTypes, moduleOf, typeName } from "../../../policy/lib/aws-types";

describe("lib/aws-types", () => {
    for (const [module, classes] of Object.entries(awsTypes)) {
        for (const [cls, token] of Object.entries(classes)) {
            it(`${token} is aws.${module}.${cls}`, () => {
                const ctor = (aws as any)[module]?.[cls];
                assert.ok(ctor, `@pulumi/aws has no aws.${module}.${cls}`);
                assert.strictEqual(ctor.__pulumiType, token);
                assert.strictEqual(moduleOf(token), module);
                assert.strictEqual(typeName(token), cls);
            });
        }
    }

    for (const [module, classes] of Object.entries(awsNativeTypes)) {
        for (const [cls, token] of Object.entries(classes)) {
            it(`${token} is spelt as aws-native spells ${module}.${cls}`, () => {
                assert.strictEqual(token, `aws-native:${module}:${cls}`);
                assert.strictEqual(moduleOf(token), module);
                assert.strictEqual(typeName(token), cls);
            });
        }
    }

    it("names the module and class of any token", () => {
        assert.deepStrictEqual([moduleOf("aws:*"), typeName("aws:iam/rolePolicy:RolePolicy"), moduleOf("nonsense")], ["*", "RolePolicy", ""]);
    });
});
