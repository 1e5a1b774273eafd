import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "s3-bucket-versioning-enabled";

// Shape: versioning enabled, but a lifecycle rule expires noncurrent versions after 1 day, so an overwritten
// or deleted object cannot be recovered: versioning in name only.
// Correct verdict: a finding (mandatory) when an enabled rule keeps noncurrent versions fewer than
// minNoncurrentVersionDays (30 by default) days; 30 days, a disabled rule, or no such rule pass; the setting
// raises the bar (365 for audit-log buckets).
function versioned(name: string, bucket: typeof aws.s3.Bucket | typeof aws.s3.BucketV2 = aws.s3.Bucket) {
    const b = new bucket(name, {});
    new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: b.id, versioningConfiguration: { status: "Enabled" } });
    return b;
}

function program() {
    const oneDay = versioned("one-day");
    new aws.s3.BucketLifecycleConfiguration("one-day-lifecycle", {
        bucket: oneDay.id,
        rules: [{ id: "keep-current", status: "Enabled", expiration: { days: 400 } }, { id: "purge", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 1 } }],
    });
    const v6 = versioned("one-day-v6", aws.s3.BucketV2);
    new aws.s3.BucketLifecycleConfigurationV2("one-day-v6-lifecycle", {
        bucket: v6.id, rules: [{ id: "purge", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 1 } }],
    });
    const month = versioned("thirty-days");
    new aws.s3.BucketLifecycleConfiguration("thirty-days-lifecycle", {
        bucket: month.id, rules: [{ id: "purge", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 30 } }],
    });
    const quarter = versioned("ninety-days");
    new aws.s3.BucketLifecycleConfiguration("ninety-days-lifecycle", {
        bucket: quarter.id, rules: [{ id: "purge", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 90 } }],
    });
    const disabled = versioned("disabled-rule");
    new aws.s3.BucketLifecycleConfiguration("disabled-rule-lifecycle", {
        bucket: disabled.id, rules: [{ id: "purge", status: "Disabled", noncurrentVersionExpiration: { noncurrentDays: 1 } }],
    });
    versioned("no-lifecycle");
}

for (const mode of ["preview", "update"] as const) {
    describe(`evasion ${policy}, short noncurrent version expiry (${mode}): versioning defeated by a 1-day noncurrent expiry fails`, () => {
        let r: PreviewResult;
        let strict: PreviewResult;
        before(async () => {
            [r, strict] = await Promise.all([
                previewProgram(program, { mode }),
                previewProgram(program, { mode, policyPackConfigs: [{ [policy]: { minNoncurrentVersionDays: 365 } }] }),
            ]);
        });

        it("fails buckets whose enabled lifecycle rule expires noncurrent versions after fewer than 30 days, v7 and v6", () => {
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["one-day", "one-day-v6"]);
        });

        it("names the rule's property and the minimum", () => {
            assert.match(findings(r, policy, "one-day")[0].message,
                /fewer than 30 days.*raise BucketLifecycleConfiguration 'one-day-lifecycle' rules\[1\]\.noncurrentVersionExpiration\.noncurrentDays to 30 or more/);
        });

        it("takes the minimum from minNoncurrentVersionDays", () => {
            assert.deepStrictEqual(flagged(strict, policy, "mandatory"), ["ninety-days", "one-day", "one-day-v6", "thirty-days"]);
        });
    });
}
