import { stackPolicy } from "../../lib/policy";
import { awsTypes, typeName } from "../../lib/aws-types";
import { S3Index, bucketTypes, isBucketType, s3ConfigTypes, undecidedBucket } from "../../lib/s3-index";
import { isSet } from "../../lib/s3-settings";
import { TlsVerdict, tlsOnlyVerdict } from "../../lib/s3-tls";
import { firstUnknownPath, isUnknown, raw } from "../../lib/unknowns";

// The bucket policy (a BucketPolicy resource, or inline `policy`) must Deny every principal ("*" or
// {AWS: "*"}) every S3 action ("s3:*" or "*") on the bucket ARN and `arn/*` when aws:SecureTransport is
// false. A document built with pulumi.jsonStringify/interpolate over the bucket's ARN is wholly unknown at
// preview: that BucketPolicy gets the SDK's standard "can't run policy during preview" advisory in the
// Analyze phase, and the bucket is not reported. Documents built from the known bucket name, or rendered by
// aws.iam.getPolicyDocument from known inputs, are decided at preview.
export default stackPolicy({
    name: "s3-bucket-ssl-requests-only",
    description: "S3 buckets have a bucket policy that denies requests not sent over TLS (aws:SecureTransport false) for every principal, on the bucket and its objects.",
    severity: "high",
    pci: "4.2.1",
    securityHub: ["S3.5"],
    resourceTypes: [...bucketTypes, ...s3ConfigTypes.policy],
    remediationSteps: "Add an aws.s3.BucketPolicy whose `bucket` is the bucket with a statement " +
        "`{ Effect: \"Deny\", Principal: \"*\", Action: \"s3:*\", Resource: [bucketArn, `${bucketArn}/*`], " +
        "Condition: { Bool: { \"aws:SecureTransport\": \"false\" } } }`. Build the ARNs from the bucket name " +
        "(`pulumi.interpolate`arn:aws:s3:::${b.bucket}``) so the policy can be checked at preview.",
    validateResource: c => {
        // The Analyze phase sees the document as written: a wholly unknown one cannot be checked at preview.
        if ((c.type === awsTypes.s3.BucketPolicy || isBucketType(c.type)) && isUnknown(c.props.policy)) {
            c.undecided(firstUnknownPath(c.props.policy, ["policy"]) ?? ["policy"]);
        }
    },
    validateStack: c => {
        const index = new S3Index(c.resources);
        for (const b of index.buckets) {
            const name = b.resource.name;
            const docs: { where: string; doc: unknown }[] = b.configs.policy.map(p => ({
                where: `the policy of ${typeName(p.type)} '${p.name}'`, doc: raw(p.props)?.policy,
            }));
            if (isSet(b.props.policy)) docs.push({ where: "the bucket's inline policy", doc: b.props.policy });
            const verdicts: TlsVerdict[] = docs.map(d => tlsOnlyVerdict(d.doc, b.arn));
            // S3 keeps one bucket policy, and which of several documents is applied last is not known before
            // the update: every document must deny non-TLS requests.
            const failing = docs.filter((_, i) => verdicts[i] === "not-compliant");
            if (docs.length > 0 && failing.length === 0) {
                // Wholly unknown documents were reported by the Analyze phase on their own resource.
                const partly = docs.findIndex((d, i) => verdicts[i] === "unknown" && !isUnknown(d.doc));
                if (partly >= 0) {
                    c.undecided(b.resource, undecidedBucket(b, docs[partly].where + (b.arn ? "" : "; the bucket's name and ARN are unknown")));
                }
                continue;
            }
            c.report(b.resource, docs.length === 0
                ? `S3 bucket '${name}' has no bucket policy denying non-TLS requests: add an aws.s3.BucketPolicy with bucket set to this bucket and a Deny statement for every principal on s3:* over the bucket ARN and ARN/* when aws:SecureTransport is "false".`
                : `S3 bucket '${name}' does not deny non-TLS requests: add to ${failing.map(d => d.where).join(" and ")} a Deny statement for Principal "*" and Action "s3:*" on the bucket ARN and ARN/* whose only Condition is Bool aws:SecureTransport "false".`);
        }
    },
});
