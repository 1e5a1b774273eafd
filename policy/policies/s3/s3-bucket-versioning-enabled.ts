import { stackPolicy } from "../../lib/policy";
import { typeName } from "../../lib/aws-types";
import { S3Index, bucketTypes, s3ConfigTypes, undecidedBucket } from "../../lib/s3-index";
import { inlineVersioning } from "../../lib/s3-settings";
import { at, isUnknown, raw } from "../../lib/unknowns";

// A bucket's versioning is set by a separate BucketVersioning(V2) resource or, on older programs, inline
// (`versioning.enabled` on Bucket, `versionings[].enabled` on BucketV2). Where both exist the separate
// resource decides, as it is the one applied last.
export default stackPolicy({
    name: "s3-bucket-versioning-enabled",
    description: "S3 buckets keep object versions, so overwritten or deleted audit data can be recovered.",
    severity: "medium",
    pci: "10.3.4, 10.5.1",
    resourceTypes: [...bucketTypes, ...s3ConfigTypes.versioning],
    remediationSteps: "Add an aws.s3.BucketVersioning whose `bucket` is the bucket (e.g. `bucket: b.id`) with " +
        "`versioningConfiguration: { status: \"Enabled\" }`.",
    validateStack: c => {
        const index = new S3Index(c.resources);
        for (const b of index.buckets) {
            const name = b.resource.name;
            if (b.configs.versioning.length > 0) {
                const statuses = b.configs.versioning.map(r => ({ r, status: at(raw(r.props), "versioningConfiguration", "status"), cfg: at(raw(r.props), "versioningConfiguration") }));
                if (statuses.some(s => s.status === "Enabled")) continue;
                const unknown = statuses.find(s => isUnknown(s.status) || isUnknown(s.cfg));
                if (unknown) {
                    c.undecided(b.resource, undecidedBucket(b, `${typeName(unknown.r.type)} '${unknown.r.name}'.versioningConfiguration.status`));
                    continue;
                }
                const r = statuses[0].r;
                c.report(b.resource, `S3 bucket '${name}' does not have versioning enabled: set versioningConfiguration.status to "Enabled" on ${typeName(r.type)} '${r.name}'.`);
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
