import { stackPolicy } from "../../lib/policy";
import { configuredStrings, stringListSetting } from "../../lib/policy-config";
import { awsTypes, typeName } from "../../lib/aws-types";
import { S3Index, bucketTypes, s3ConfigTypes, undecidedBucket } from "../../lib/s3-index";
import { encryptionDefaults, encryptionKeyOf } from "../../lib/s3-settings";
import { isUnknown } from "../../lib/unknowns";

const defaultAlgorithms = ["aws:kms", "aws:kms:dsse"];

// Default encryption with a customer-managed KMS key. SSE-S3 (AES256) and the AWS-managed `aws/s3` key
// do not let the organisation control, audit or revoke key use. A key id that is unknown at preview but
// comes (propertyDependencies) from a KMS key or alias resource of the stack is customer-managed.
export default stackPolicy<{ allowedSseAlgorithms: string[] }>({
    name: "s3-bucket-kms-encryption",
    description: "S3 buckets encrypt objects by default with a customer-managed KMS key (aws:kms or aws:kms:dsse).",
    severity: "high",
    pci: "3.5.1, 3.6.1",
    securityHub: ["S3.17"],
    resourceTypes: [...bucketTypes, awsTypes.s3.DirectoryBucket, ...s3ConfigTypes.encryption],
    remediationSteps: "Add an aws.s3.BucketServerSideEncryptionConfiguration whose `bucket` is the bucket with " +
        "`rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: key.arn } }]`, " +
        "where `key` is an aws.kms.Key of yours (not the AWS-managed alias/aws/s3).",
    config: {
        properties: {
            allowedSseAlgorithms: stringListSetting("Server-side encryption algorithms accepted (all must use a KMS key).", defaultAlgorithms),
        },
    },
    validateStack: c => {
        const index = new S3Index(c.resources);
        const allowed = configuredStrings(c.config.allowedSseAlgorithms, defaultAlgorithms);
        // Directory buckets (S3 Express) default to SSE-S3 and take a customer-managed key the same way.
        for (const b of [...index.buckets, ...index.directoryBuckets]) {
            const name = b.resource.name;
            const all = encryptionDefaults(b);
            // A separate configuration resource overrides inline settings.
            const separate = all.filter(d => d.resource !== b.resource);
            const defs = separate.length > 0 ? separate : all;
            if (defs.length === 0) {
                c.report(b.resource, `S3 bucket '${name}' has no default KMS encryption: add an aws.s3.BucketServerSideEncryptionConfiguration with bucket set to this bucket, rules[0].applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" and kmsMasterKeyId set to a customer-managed KMS key.`);
                continue;
            }
            const problems: string[] = [];
            let unknown: string | undefined;
            for (const d of defs) {
                const where = d.resource === b.resource ? `inline ${d.path}` : `${typeName(d.resource.type)} '${d.resource.name}' ${d.path}`;
                if (isUnknown(d.sseAlgorithm)) {
                    unknown ??= `${where}.sseAlgorithm`;
                    continue;
                }
                if (typeof d.sseAlgorithm !== "string" || !allowed.includes(d.sseAlgorithm)) {
                    problems.push(`set ${where}.sseAlgorithm to "aws:kms" (it is not a KMS algorithm) with kmsMasterKeyId set to a customer-managed key`);
                    continue;
                }
                const key = encryptionKeyOf(d);
                if (key === "customer-managed") {
                    continue;
                } else if (key === "undecided") {
                    unknown ??= `${where}.kmsMasterKeyId`;
                } else {
                    problems.push(d.kmsMasterKeyId === undefined || d.kmsMasterKeyId === null || d.kmsMasterKeyId === ""
                        ? `set ${where}.kmsMasterKeyId to a customer-managed KMS key (unset, it uses the AWS-managed aws/s3 key)`
                        : `set ${where}.kmsMasterKeyId to a customer-managed KMS key (it names an AWS-managed key)`);
                }
            }
            // S3 keeps one default-encryption configuration per bucket, and which of several resources is
            // applied last is not known before the update: every one must be compliant.
            if (problems.length === 0) {
                if (unknown) c.undecided(b.resource, undecidedBucket(b, unknown));
                continue;
            }
            c.report(b.resource, `S3 bucket '${name}' is not encrypted with a customer-managed KMS key: ${problems.join("; ")}.`);
        }
    },
});
