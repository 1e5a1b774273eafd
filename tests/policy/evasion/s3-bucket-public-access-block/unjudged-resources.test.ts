import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import * as pulumi from "@pulumi/pulumi";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "s3-bucket-public-access-block";
const allTrue = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const allFalse = { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false };

// Shape: resources the pack used not to look at: an account-wide AccountPublicAccessBlock with flags false,
// and configuration resources (BucketAclV2/BucketAcl public-read, a public BucketPolicy, an all-false
// BucketPublicAccessBlock) on a bucket the stack does not create (given by a literal name).
// Correct verdict: each is a mandatory finding on that resource; private or blocking ones pass.
function program() {
    const key = new aws.kms.Key("source", { enableKeyRotation: true });
    new aws.s3.BucketPolicy("outside-policy-unknown", {
        bucket: "outside-bucket-4",
        policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: key.arn }, Action: "s3:GetObject", Resource: "arn:aws:s3:::outside-bucket-4/*" }] }),
    });
    new aws.s3.AccountPublicAccessBlock("account-open", { blockPublicAcls: false, blockPublicPolicy: true });
    new aws.s3.BucketPublicAccessBlock("outside-pab-open", { bucket: "outside-bucket", ...allFalse });
    new aws.s3.BucketPublicAccessBlock("outside-pab-closed", { bucket: "outside-bucket-2", ...allTrue });
    new aws.s3.BucketAclV2("outside-acl-v6-public", { bucket: "outside-bucket", acl: "public-read" });
    new aws.s3.BucketAcl("outside-acl-public", { bucket: "outside-bucket", acl: "public-read" });
    new aws.s3.BucketAcl("outside-acl-grant", {
        bucket: "outside-bucket-3",
        accessControlPolicy: { owner: { id: "owner-id" }, grants: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }] },
    });
    new aws.s3.BucketAcl("outside-acl-private", { bucket: "outside-bucket-2", acl: "private" });
    new aws.s3.BucketPolicy("outside-policy-public", {
        bucket: "outside-bucket",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::outside-bucket/*" }] }),
    });
    new aws.s3.BucketPolicy("outside-policy-conditional", {
        bucket: "outside-bucket-2",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::outside-bucket-2/*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }] }),
    });
}

for (const mode of ["preview", "update"] as const) {
    describe(`evasion ${policy}, resources never looked at (${mode}): account block and configuration of outside buckets`, () => {
        let r: PreviewResult;
        before(async () => {
            r = await previewProgram(program, { mode });
        });

        it("fails the open account block and the public configuration of outside buckets, as mandatory", () => {
            assert.deepStrictEqual(flagged(r, policy, "mandatory"),
                ["account-open", "outside-acl-grant", "outside-acl-public", "outside-acl-v6-public", "outside-pab-open", "outside-policy-public"]);
        });

        it("leaves an outside bucket policy unknown at preview undecided, and passes it once known", () => {
            const advisories = findings(r, policy).filter(d => d.undecidable);
            assert.strictEqual(advisories.length, mode === "preview" ? 1 : 0);
            if (mode === "preview") assert.match(advisories[0].message, /^can't run policy .*BucketPolicy 'outside-policy-unknown' policy/);
            assert.deepStrictEqual(findings(r, policy, "outside-policy-unknown").filter(d => !d.undecidable), []);
        });

        it("passes blocking and private configuration, and a conditional Allow", () => {
            for (const n of ["outside-pab-closed", "outside-acl-private", "outside-policy-conditional"]) assert.deepStrictEqual(findings(r, policy, n), [], n);
        });

        it("names the flags (unset ones too) and the public setting, never the bucket name given", () => {
            assert.match(findings(r, policy, "account-open")[0].message, /account public access block 'account-open'.*set blockPublicAcls, ignorePublicAcls, restrictPublicBuckets to true/);
            assert.match(findings(r, policy, "outside-acl-v6-public")[0].message, /BucketAclV2 'outside-acl-v6-public' \(its bucket is not created by this stack\) makes the bucket public with acl "public-read"/);
            assert.match(findings(r, policy, "outside-policy-public")[0].message, /allows every principal without a Condition in policy Statement\[0\]/);
            for (const d of findings(r, policy)) assert.ok(!/outside-bucket/.test(d.message), d.message);
        });
    });
}
