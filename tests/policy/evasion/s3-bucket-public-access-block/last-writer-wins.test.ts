import * as assert from "assert";
import { PreviewResult } from "../../../../preview/src";
import { findings, flagged, previewProgram } from "../../../helpers/preview";
import { duplicatesProgram } from "../../fixtures/s3-duplicates";

const policy = "s3-bucket-public-access-block";

// Shape: two configuration resources of one kind for one bucket, one compliant and one not, in both orders.
// S3 keeps only the one applied last, which is not known before the update.
// Correct verdict: the bucket fails (mandatory) whichever order, naming the non-compliant resource; two
// compliant duplicates pass this control (s3-bucket-single-configuration flags the duplication).
for (const mode of ["preview", "update"] as const) {
    describe(`evasion ${policy}, last writer wins (${mode}): any non-compliant duplicate fails the bucket`, () => {
        let r: PreviewResult;
        before(async () => {
            r = await previewProgram(duplicatesProgram, { mode });
        });

        it("flags the bucket whether the non-compliant resource comes first or second", () => {
            const mine = flagged(r, policy, "mandatory").filter(n => n.startsWith("pab-"));
            assert.deepStrictEqual(mine, ["pab-bad-then-good", "pab-good-then-bad"]);
        });

        it("passes two compliant duplicates and a single compliant resource", () => {
            assert.deepStrictEqual(findings(r, policy, "pab-good-twice"), []);
            assert.deepStrictEqual(findings(r, policy, "single-each"), []);
        });

        it("names the non-compliant resource", () => {
            for (const [bucket, bad] of [["pab-good-then-bad", "pab-good-then-bad-2"], ["pab-bad-then-good", "pab-bad-then-good-1"]]) {
                const f = findings(r, policy, bucket).filter(d => !d.undecidable);
                assert.strictEqual(f.length, 1, bucket);
                assert.ok(f[0].message.includes(`'${bad}'`), f[0].message);
            }
        });
    });
}
