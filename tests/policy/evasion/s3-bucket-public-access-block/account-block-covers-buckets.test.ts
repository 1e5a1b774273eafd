import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "s3-bucket-public-access-block";
const allTrue = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

// Shape (false alarm): an account-level AccountPublicAccessBlock with all four flags true covers every bucket
// of the account; the setting accountPublicAccessBlockEnforced declares that the organisation enforces one.
// Correct verdict: buckets without a block of their own pass then; without either they fail; a partial
// account block covers nothing and is itself a finding.
for (const mode of ["preview", "update"] as const) {
    describe(`evasion ${policy}, account-wide block (${mode}): buckets covered by the account's block pass`, () => {
        let covered: PreviewResult;
        let partial: PreviewResult;
        let declared: PreviewResult;
        let none: PreviewResult;
        before(async () => {
            [covered, partial, declared, none] = await Promise.all([
                previewProgram(() => {
                    new aws.s3.AccountPublicAccessBlock("account", allTrue);
                    new aws.s3.Bucket("no-own-block", {});
                    new aws.s3.BucketV2("no-own-block-v6", {});
                }, { mode }),
                previewProgram(() => {
                    new aws.s3.AccountPublicAccessBlock("account", { ...allTrue, restrictPublicBuckets: false });
                    new aws.s3.Bucket("no-own-block", {});
                }, { mode }),
                previewProgram(() => { new aws.s3.Bucket("no-own-block", {}); },
                    { mode, policyPackConfigs: [{ [policy]: { accountPublicAccessBlockEnforced: true } }] }),
                previewProgram(() => { new aws.s3.Bucket("no-own-block", {}); }, { mode }),
            ]);
        });

        it("passes buckets without their own block under a full account block in the stack", () => {
            assert.deepStrictEqual(flagged(covered, policy), []);
        });

        it("fails the bucket and the account block when the account block is partial", () => {
            assert.deepStrictEqual(flagged(partial, policy, "mandatory"), ["account", "no-own-block"]);
            assert.match(findings(partial, policy, "account")[0].message, /set restrictPublicBuckets to true/);
        });

        it("passes with accountPublicAccessBlockEnforced, fails without it", () => {
            assert.deepStrictEqual(flagged(declared, policy), []);
            assert.deepStrictEqual(flagged(none, policy, "mandatory"), ["no-own-block"]);
        });
    });
}
