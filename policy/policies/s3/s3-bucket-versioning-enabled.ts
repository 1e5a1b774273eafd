import { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/policy";
import { typeName } from "../../lib/aws-types";
import { BucketView, S3Index, bucketTypes, s3ConfigTypes, undecidedBucket } from "../../lib/s3-index";
import { inlineVersioning } from "../../lib/s3-settings";
import { asList, at, isPlainObject, isUnknown, raw } from "../../lib/unknowns";

/**
 * Lifecycle rules that expire noncurrent versions after fewer than `min` days: versioning is then no
 * protection for audit data (an overwrite or delete is unrecoverable a day later). Separate
 * BucketLifecycleConfiguration(V2) rules (`rules[].noncurrentVersionExpiration(s).noncurrentDays`) and inline
 * `lifecycleRules[].noncurrentVersionExpiration.days`; only enabled rules count.
 */
function shortNoncurrentExpirations(b: BucketView, min: number): { found: string[]; unknown?: string } {
    const found: string[] = [];
    let unknown: string | undefined;
    const check = (where: string, rules: unknown, exp: string[], days: string, enabled: (r: unknown) => unknown) => {
        if (isUnknown(rules)) { unknown ??= where; return; }
        asList(rules).forEach((rule, i) => {
            const on = enabled(rule);
            if (on === false || (typeof on === "string" && on !== "Enabled")) return;
            for (const e of exp) {
                const v = at(rule, e);
                const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
                list.forEach((x, j) => {
                    const d = isPlainObject(x) ? x[days] : x;
                    const path = `${where}[${i}].${e}${Array.isArray(v) ? `[${j}]` : ""}.${days}`;
                    if (isUnknown(d) || isUnknown(x) || isUnknown(on)) unknown ??= path;
                    else if (typeof d === "number" && d < min) found.push(path);
                });
            }
        });
    };
    for (const r of b.configs.lifecycle) {
        check(`${typeName(r.type)} '${r.name}' rules`, at(raw(r.props), "rules"),
            ["noncurrentVersionExpiration", "noncurrentVersionExpirations"], "noncurrentDays", rule => at(rule, "status"));
    }
    check("inline lifecycleRules", b.props.lifecycleRules, ["noncurrentVersionExpiration", "noncurrentVersionExpirations"], "days", rule => at(rule, "enabled"));
    return { found, unknown };
}

// A bucket's versioning is set by a separate BucketVersioning(V2) resource or, on older programs, inline
// (`versioning.enabled` on Bucket, `versionings[].enabled` on BucketV2). Where both exist the separate
// resource decides, as it is the one applied last. S3 keeps one versioning configuration per bucket and
// which of several resources writes last is not known before the update, so every one of them must enable
// versioning (s3-bucket-single-configuration also flags the duplicates).
export default stackPolicy<{ minNoncurrentVersionDays: number }>({
    name: "s3-bucket-versioning-enabled",
    description: "S3 buckets keep object versions (and keep noncurrent versions for at least the configured number of days, 30 by default), so overwritten or deleted audit data can be recovered.",
    severity: "medium",
    pci: "10.3.4, 10.5.1",
    resourceTypes: [...bucketTypes, ...s3ConfigTypes.versioning, ...s3ConfigTypes.lifecycle],
    remediationSteps: "Add an aws.s3.BucketVersioning whose `bucket` is the bucket (e.g. `bucket: b.id`) with " +
        "`versioningConfiguration: { status: \"Enabled\" }`, and keep noncurrent versions for at least " +
        "`minNoncurrentVersionDays` days in lifecycle rules (`noncurrentVersionExpiration.noncurrentDays`).",
    config: {
        properties: {
            minNoncurrentVersionDays: {
                type: "integer", minimum: 1, default: 30,
                description: "Fewest days a lifecycle rule may keep noncurrent versions. 30 by default: a month to notice and recover " +
                    "an overwritten or deleted object; PCI DSS 10.5.1 keeps audit history 12 months, so audit-log buckets may set 365.",
            },
        },
    },
    validateStack: c => {
        const index = new S3Index(c.resources);
        for (const b of index.buckets) {
            const name = b.resource.name;
            const expiry = shortNoncurrentExpirations(b, c.config.minNoncurrentVersionDays);
            if (expiry.found.length > 0) {
                c.report(b.resource, `S3 bucket '${name}' expires noncurrent versions after fewer than ${c.config.minNoncurrentVersionDays} days, which defeats versioning: raise ${expiry.found.join(", ")} to ${c.config.minNoncurrentVersionDays} or more.`);
            } else if (expiry.unknown) {
                c.undecided(b.resource, undecidedBucket(b, expiry.unknown));
            }
            if (b.configs.versioning.length > 0) {
                const statuses = b.configs.versioning.map((r: PolicyResource) => ({ r, status: at(raw(r.props), "versioningConfiguration", "status"), cfg: at(raw(r.props), "versioningConfiguration") }));
                const unknown = statuses.filter(s => isUnknown(s.status) || isUnknown(s.cfg));
                const off = statuses.filter(s => !unknown.includes(s) && s.status !== "Enabled");
                if (off.length > 0) {
                    const r = off[0].r;
                    const others = statuses.length > 1 ? ` (S3 keeps only one of the bucket's ${statuses.length} versioning resources)` : "";
                    c.report(b.resource, `S3 bucket '${name}' does not have versioning enabled${others}: set versioningConfiguration.status to "Enabled" on ${typeName(r.type)} '${r.name}'.`);
                } else if (unknown.length > 0) {
                    c.undecided(b.resource, undecidedBucket(b, `${typeName(unknown[0].r.type)} '${unknown[0].r.name}'.versioningConfiguration.status`));
                }
                continue;
            }
            const inline = inlineVersioning(b.props);
            if (inline.some(i => i.enabled === true)) continue;
            const unknown = inline.find(i => isUnknown(i.enabled));
            if (unknown) {
                c.undecided(b.resource, undecidedBucket(b, `inline ${unknown.path}`));
                continue;
            }
            const off = inline.length > 0 ? ` (its inline ${inline[0].path} is not true)` : "";
            c.report(b.resource, `S3 bucket '${name}' does not have versioning enabled${off}: add an aws.s3.BucketVersioning with bucket set to this bucket and versioningConfiguration.status "Enabled".`);
        }
    },
});
