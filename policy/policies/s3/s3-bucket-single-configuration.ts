import { stackPolicy } from "../../lib/policy";
import { typeName } from "../../lib/aws-types";
import { S3ConfigKind, S3Index, bucketTypes, s3ConfigTypes } from "../../lib/s3-index";

const kinds = Object.keys(s3ConfigTypes) as S3ConfigKind[];

const what: Record<S3ConfigKind, string> = {
    versioning: "versioning", encryption: "default encryption", logging: "access logging", acl: "ACL",
    publicAccessBlock: "public access block", policy: "bucket policy", lifecycle: "lifecycle", website: "website",
};

// S3 keeps one configuration of each kind per bucket: of two BucketVersioning (or BucketPolicy, ...)
// resources for one bucket, the one applied last wins, and which one that is depends on the engine's order
// and on later updates of either. The control policies judge every duplicate (any non-compliant one is a
// finding); this policy flags the duplication itself, so the effective configuration is the one written.
export default stackPolicy({
    name: "s3-bucket-single-configuration",
    description: "Each S3 bucket has at most one configuration resource of each kind (versioning, encryption, public access block, policy, ACL, logging, lifecycle, website): S3 keeps only the last one applied.",
    severity: "high",
    pci: "2.2.1",
    resourceTypes: [...bucketTypes, ...kinds.flatMap(k => s3ConfigTypes[k])],
    remediationSteps: "Keep one configuration resource of each kind per bucket (e.g. one aws.s3.BucketVersioning) and merge " +
        "the settings of the others into it; for bucket policies, merge the statements into one document.",
    validateStack: c => {
        const index = new S3Index(c.resources);
        for (const b of [...index.buckets, ...index.directoryBuckets]) {
            for (const kind of kinds) {
                const rs = b.configs[kind];
                if (rs.length < 2) continue;
                c.report(b.resource, `S3 bucket '${b.resource.name}' has ${rs.length} ${what[kind]} configuration resources (${rs.map(r => `${typeName(r.type)} '${r.name}'`).join(", ")}); S3 keeps only the one applied last: keep one and merge the others into it.`);
            }
        }
    },
});
