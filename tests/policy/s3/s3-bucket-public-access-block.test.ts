import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram } from "../../helpers/preview";
import { undecidable } from "../fixtures/s3";

const policy = "s3-bucket-public-access-block";
const allBlocked = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

function program() {
    const ok = new aws.s3.Bucket("blocked", {});
    new aws.s3.BucketPublicAccessBlock("blocked-pab", { bucket: ok.id, ...allBlocked });
    const v6 = new aws.s3.BucketV2("v6-blocked", {});
    new aws.s3.BucketPublicAccessBlock("v6-blocked-pab", { bucket: v6.id, ...allBlocked });
    const priv = new aws.s3.Bucket("private-acl", {});
    new aws.s3.BucketPublicAccessBlock("private-acl-pab", { bucket: priv.id, ...allBlocked });
    new aws.s3.BucketAcl("private-acl-acl", { bucket: priv.id, acl: "private" });

    new aws.s3.Bucket("no-block", {});
    new aws.s3.BucketV2("v6-no-block", {});
    const partial = new aws.s3.Bucket("partial-block", {});
    new aws.s3.BucketPublicAccessBlock("partial-block-pab", { bucket: partial.id, ...allBlocked, restrictPublicBuckets: false, ignorePublicAcls: undefined });
    const inlineAcl = new aws.s3.Bucket("public-inline-acl", { acl: "public-read" });
    new aws.s3.BucketPublicAccessBlock("public-inline-acl-pab", { bucket: inlineAcl.id, ...allBlocked });
    const aclRes = new aws.s3.Bucket("public-bucket-acl", {});
    new aws.s3.BucketPublicAccessBlock("public-bucket-acl-pab", { bucket: aclRes.id, ...allBlocked });
    new aws.s3.BucketAcl("public-bucket-acl-acl", { bucket: aclRes.id, acl: "public-read-write" });
    const aclV2 = new aws.s3.BucketV2("v6-public-acl", {});
    new aws.s3.BucketPublicAccessBlock("v6-public-acl-pab", { bucket: aclV2.id, ...allBlocked });
    new aws.s3.BucketAclV2("v6-public-acl-acl", { bucket: aclV2.id, acl: "authenticated-read" });
    const grant = new aws.s3.Bucket("public-grant", {});
    new aws.s3.BucketPublicAccessBlock("public-grant-pab", { bucket: grant.id, ...allBlocked });
    new aws.s3.BucketAcl("public-grant-acl", {
        bucket: grant.id,
        accessControlPolicy: {
            owner: { id: "owner-canonical-id" },
            grants: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }],
        },
    });

    const key = new aws.kms.Key("flag-source", { enableKeyRotation: true });
    const unknown = new aws.s3.Bucket("flag-unknown", {});
    new aws.s3.BucketPublicAccessBlock("flag-unknown-pab", { bucket: unknown.id, ...allBlocked, blockPublicPolicy: key.arn.apply(() => true) });
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(program);
    });

    it("flags missing or partial blocks and public ACLs, v7 and v6 tokens, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), [
            "no-block", "partial-block", "public-bucket-acl", "public-grant", "public-inline-acl", "v6-no-block", "v6-public-acl",
        ]);
    });

    it("accepts a full block linked through propertyDependencies, and a private ACL", () => {
        for (const name of ["blocked", "v6-blocked", "private-acl"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("names the flags and ACL properties to change", () => {
        const partial = findings(result, policy, "partial-block")[0].message;
        assert.match(partial, /set ignorePublicAcls, restrictPublicBuckets to true on BucketPublicAccessBlock 'partial-block-pab'/);
        assert.match(findings(result, policy, "public-inline-acl")[0].message, /'public-inline-acl' \(inline\) sets acl "public-read"/);
        assert.match(findings(result, policy, "public-bucket-acl")[0].message, /BucketAcl 'public-bucket-acl-acl' sets acl "public-read-write"/);
        assert.match(findings(result, policy, "v6-public-acl")[0].message, /BucketAclV2 'v6-public-acl-acl' sets acl "authenticated-read"/);
        assert.match(findings(result, policy, "public-grant")[0].message, /accessControlPolicy\.grants\[0\]/);
        assert.match(findings(result, policy, "no-block")[0].message, /aws\.s3\.BucketPublicAccessBlock/);
        assert.strictEqual(findings(result, policy, "no-block")[0].framework?.reference, "1.4.2, 7.3.1");
    });

    it("leaves a flag unknown at preview undecided, never mandatory", () => {
        assert.deepStrictEqual(findings(result, policy, "flag-unknown"), []);
        const u = undecidable(result, policy);
        assert.strictEqual(u.length, 1);
        assert.strictEqual(u[0].enforcementLevel, "advisory");
        assert.match(u[0].message, /bucket 'flag-unknown' \(BucketPublicAccessBlock 'flag-unknown-pab' flags\)/);
    });

    it("takes the list of public canned ACLs from config, and reports exemptions as not applicable", async () => {
        const r = await previewProgram(() => {
            const a = new aws.s3.Bucket("read-only-public", { acl: "public-read" });
            new aws.s3.BucketPublicAccessBlock("read-only-public-pab", { bucket: a.id, ...allBlocked });
            const b = new aws.s3.Bucket("read-write-public", { acl: "public-read-write" });
            new aws.s3.BucketPublicAccessBlock("read-write-public-pab", { bucket: b.id, ...allBlocked });
            new aws.s3.Bucket("website", {});
        }, {
            policyPackConfigs: [{
                [policy]: { publicCannedAcls: ["public-read-write"], exemptions: [{ resource: "website", reason: "public static site behind CloudFront" }] },
            }],
        });
        assert.deepStrictEqual(flagged(r, policy), ["read-write-public"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "website"), ["exempted by configuration: public static site behind CloudFront"]);
    });
    // Behaviour change (one undecided rule for the pack, lib/policy.ts): a resource with a decidable finding gets the finding only, no "can't run" advisory.
    it("reports a bucket without a block whose ACL is unknown, and names only the other undecided buckets in the advisory", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.s3.Bucket("no-block-acl-unknown", { acl: key.arn.apply(() => "private") });
            const blocked = new aws.s3.Bucket("blocked-acl-unknown", { acl: key.arn.apply(() => "private") });
            new aws.s3.BucketPublicAccessBlock("blocked-acl-unknown-pab", { bucket: blocked.id, ...allBlocked });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["no-block-acl-unknown"]);
        const u = undecidable(r, policy);
        assert.strictEqual(u.length, 1);
        assert.match(u[0].message, /bucket 'blocked-acl-unknown'/);
        assert.doesNotMatch(u[0].message, /no-block-acl-unknown/);
    });
});
