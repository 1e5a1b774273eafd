import * as assert from "assert";
import { PreviewResult } from "../../../../preview/src";
import { findings, flagged } from "../../../helpers/preview";
import { duplicatesResult } from "../../fixtures/s3-duplicates";

const policy = "s3-bucket-single-configuration";

// Shape: two configuration resources of one kind for one bucket (BucketVersioning, BucketPublicAccessBlock,
// BucketServerSideEncryptionConfiguration, BucketPolicy). S3 keeps the one applied last.
// Correct verdict: every bucket with a duplicate is a mandatory finding of this policy, whatever the
// duplicates say (even two compliant ones); a bucket with one resource of each kind passes.
for (const mode of ["preview", "update"] as const) {
    describe(`evasion ${policy}, last writer wins (${mode}): duplicate configuration resources for one bucket fail`, () => {
        let r: PreviewResult;
        before(async () => {
            r = await duplicatesResult(mode);
        });

        it("flags every bucket with two configuration resources of one kind, v6/v7 spellings mixed too, as mandatory", () => {
            const expected = ["pab", "sse", "tls", "versioning"].flatMap(k => ["bad-then-good", "good-then-bad", "good-twice"].map(s => `${k}-${s}`));
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["mixed-spellings", ...expected].sort());
            assert.deepStrictEqual(flagged(r, policy, "advisory"), []);
        });

        it("passes a bucket with one resource of each kind", () => {
            assert.deepStrictEqual(findings(r, policy, "single-each"), []);
        });

        it("names the kind and both resources", () => {
            assert.match(findings(r, policy, "versioning-good-then-bad")[0].message,
                /'versioning-good-then-bad' has 2 versioning configuration resources \(BucketVersioning 'versioning-good-then-bad-1', BucketVersioning 'versioning-good-then-bad-2'\)/);
            assert.match(findings(r, policy, "mixed-spellings")[0].message, /BucketVersioning 'mixed-spellings-v7', BucketVersioningV2 'mixed-spellings-v6'/);
            assert.match(findings(r, policy, "tls-good-twice")[0].message, /2 bucket policy configuration resources/);
        });
    });
}
