// What a bucket's settings say (policy/lib/s3-settings.ts).
import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { S3Index } from "../../../policy/lib/s3-index";
import { encryptionDefaults, encryptionKeyOf, inlineVersioning, isSet, publicGrantPaths, publicPolicyStatements } from "../../../policy/lib/s3-settings";
import { unknownSentinels } from "../../../policy/lib/unknowns";

const u = unknownSentinels.string;

function resource(type: string, name: string, props: Record<string, unknown>, deps: Record<string, PolicyResource[]> = {}): PolicyResource {
    return { type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, props, propertyDependencies: deps } as any;
}

describe("lib/s3-settings", () => {
    const set: [unknown, boolean][] = [[undefined, false], [null, false], ["", false], [[], false], [{}, false], ["private", true], [[1], true], [{ a: 1 }, true], [u, true], [false, true]];
    for (const [v, expected] of set) {
        it(`counts ${JSON.stringify(v)} as ${expected ? "set" : "not set"}`, () => assert.strictEqual(isSet(v), expected));
    }

    it("reads inline versioning of v7 and v6 buckets", () => {
        assert.deepStrictEqual(inlineVersioning({ versioning: { enabled: true } }), [{ path: "versioning.enabled", enabled: true }]);
        assert.deepStrictEqual(inlineVersioning({ versionings: [{ enabled: false }, u] }), [{ path: "versionings[0].enabled", enabled: false }, { path: "versionings[1]", enabled: u }]);
        assert.deepStrictEqual(inlineVersioning({ versioning: u }), [{ path: "versioning", enabled: u }]);
        assert.deepStrictEqual(inlineVersioning({}), []);
    });

    it("reads default encryption from configuration resources and both inline shapes, and classifies the key by its origin", () => {
        const key = resource("aws:kms/key:Key", "key", {});
        const other = resource("aws:s3/bucket:Bucket", "other", {});
        const b = resource("aws:s3/bucket:Bucket", "b", {
            serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } },
            serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" }] }] }],
        });
        const sse = resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "b-sse", {
            bucket: u, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: u } }, u],
        }, { bucket: [b], rules: [key] });
        const sseOther = resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "b-sse2", {
            bucket: u, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: u } }],
        }, { bucket: [b], rules: [other] });
        const view = new S3Index([b, sse, sseOther, key, other]).buckets[0];
        const defs = encryptionDefaults(view);
        assert.deepStrictEqual(defs.map(d => [d.resource.name, d.path, d.sseAlgorithm]), [
            ["b-sse", "rules[0].applyServerSideEncryptionByDefault", "aws:kms"],
            ["b-sse", "rules[1]", u],
            ["b-sse2", "rules[0].applyServerSideEncryptionByDefault", "aws:kms"],
            ["b", "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault", "AES256"],
            ["b", "serverSideEncryptionConfigurations[0].rules[0].applyServerSideEncryptionByDefaults[0]", "aws:kms"],
        ]);
        assert.deepStrictEqual(defs.map(encryptionKeyOf), ["customer-managed", "customer-managed", "undecided", "absent", "aws-managed"]);
    });

    it("finds grants to the public groups", () => {
        const grants = [
            { uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
            { grantee: { uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" } },
            { grantee: { id: "canonical" } },
        ];
        assert.deepStrictEqual(publicGrantPaths(grants, "grants"), ["grants[0]", "grants[1]"]);
        assert.deepStrictEqual(publicGrantPaths(undefined, "grants"), []);
    });

    it("finds unconditional Allow statements for every principal in a bucket policy", () => {
        const doc = (...st: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: st });
        const allow = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
        const cases: [unknown, string[]][] = [
            [doc(allow), ["Statement[0]"]],
            [doc({ ...allow, Principal: { AWS: ["arn:aws:iam::1:root"] } }, { ...allow, Principal: { AWS: "*" } }), ["Statement[1]"]],
            [doc({ ...allow, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }), []],
            [doc({ ...allow, Effect: "Deny" }), []],
            [doc({ ...allow, Principal: { AWS: u } }), []],
            [u, []],
            ["{", []],
        ];
        for (const [d, expected] of cases) assert.deepStrictEqual(publicPolicyStatements(d), expected, String(d));
    });
});
