import { stackPolicy } from "../../lib/policy";
import { S3Index, bucketTypes, s3ConfigTypes } from "../../lib/s3-index";

// Server access logs must go to another bucket. A bucket that receives other buckets' access logs is
// exempt: it would have to log to itself (a loop AWS advises against) or start an endless chain of log
// buckets. The SDK gives stack policies no per-resource not-applicable result, and at Analyze time (the
// only per-resource phase) nobody can know yet that a bucket is a logging target, so such a bucket is
// simply not reported; the exemption is documented here, in the description and in the remediation.
export default stackPolicy<{ exemptLoggingTargets: boolean }>({
    name: "s3-bucket-access-logging",
    description: "S3 buckets write server access logs to another bucket (buckets that receive other buckets' access logs are exempt).",
    severity: "medium",
    pci: "10.2.1, 10.3.3",
    securityHub: ["S3.9"],
    resourceTypes: [...bucketTypes, ...s3ConfigTypes.logging],
    remediationSteps: "Add an aws.s3.BucketLogging whose `bucket` is the bucket and whose `targetBucket` is a separate " +
        "log bucket (e.g. `targetBucket: logs.id`) with a `targetPrefix`. A bucket that is itself the target of other " +
        "buckets' access logs is not required to log (it would log to itself).",
    config: {
        properties: {
            exemptLoggingTargets: {
                type: "boolean", default: true,
                description: "Do not require access logging of buckets that receive other buckets' access logs.",
            },
        },
    },
    validateStack: c => {
        const index = new S3Index(c.resources);
        for (const b of index.buckets) {
            const name = b.resource.name;
            const targets = index.loggingTargetsOf(b);
            if (targets.some(t => t.isOtherBucket)) continue;
            if (c.config.exemptLoggingTargets !== false && b.loggingSources.length > 0) continue;
            if (targets.some(t => t.isSelf)) {
                c.report(b.resource, `S3 bucket '${name}' writes its access logs to itself: set targetBucket (BucketLogging, or inline logging) to a separate log bucket.`);
            } else {
                c.report(b.resource, `S3 bucket '${name}' has no server access logging: add an aws.s3.BucketLogging with bucket set to this bucket and targetBucket set to a separate log bucket.`);
            }
        }
    },
});
