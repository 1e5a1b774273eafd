import { stackPolicy } from "../../lib/policy";
import { configuredStrings, stringListSetting } from "../../lib/policy-config";
import { PolicyResource } from "@pulumi/policy";
import { typeName } from "../../lib/aws-types";
import { BucketView, S3Index, bucketTypes, s3ConfigTypes, undecidedBucket } from "../../lib/s3-index";
import { defaultPublicCannedAcls, publicAccessBlockFlags, publicGrantPaths } from "../../lib/s3-settings";
import { at, isUnknown, raw } from "../../lib/unknowns";

/** Finds public canned ACLs and grants to everyone, inline and in BucketAcl(V2) resources. */
function publicAcls(b: BucketView, publicCanned: string[]): { found: string[]; unknown: string[] } {
    const found: string[] = [];
    const unknown: string[] = [];
    const check = (r: PolicyResource, props: Record<string, any>, where: string, grantsPath: string[]) => {
        const acl = props.acl;
        if (isUnknown(acl)) unknown.push(`${where}.acl`);
        else if (typeof acl === "string" && publicCanned.includes(acl)) found.push(`${where} sets acl "${acl}"`);
        const grants = at(props, ...grantsPath);
        if (isUnknown(grants)) unknown.push(`${where}.${grantsPath.join(".")}`);
        else for (const p of publicGrantPaths(grants, grantsPath.join("."))) found.push(`${where} grants access to a public group at ${p}`);
    };
    check(b.resource, b.props, `S3 bucket '${b.resource.name}' (inline)`, ["grants"]);
    for (const r of b.configs.acl) {
        check(r, raw(r.props) ?? {}, `${typeName(r.type)} '${r.name}'`, ["accessControlPolicy", "grants"]);
    }
    return { found, unknown };
}

export default stackPolicy<{ publicCannedAcls: string[] }>({
    name: "s3-bucket-public-access-block",
    description: "S3 buckets block public access with all four BucketPublicAccessBlock flags and carry no public ACL.",
    severity: "critical",
    pci: "1.4.2, 7.3.1",
    securityHub: ["S3.2", "S3.3", "S3.8"],
    resourceTypes: [...bucketTypes, ...s3ConfigTypes.publicAccessBlock, ...s3ConfigTypes.acl],
    remediationSteps: "Add an aws.s3.BucketPublicAccessBlock whose `bucket` is the bucket with `blockPublicAcls`, " +
        "`blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` all true; remove public canned ACLs " +
        "(`public-read`, `public-read-write`, `authenticated-read`) and grants to AllUsers/AuthenticatedUsers from the " +
        "bucket's `acl`/`grants` and from aws.s3.BucketAcl resources.",
    config: {
        properties: {
            publicCannedAcls: stringListSetting("Canned ACLs that make a bucket or its objects public.", defaultPublicCannedAcls),
        },
    },
    validateStack: c => {
        const index = new S3Index(c.resources);
        const publicCanned = configuredStrings(c.config.publicCannedAcls, defaultPublicCannedAcls);
        for (const b of index.buckets) {
            const name = b.resource.name;
            const blocks = b.configs.publicAccessBlock.map(r => ({ r, props: raw(r.props) ?? {} }));
            if (blocks.length === 0) {
                c.report(b.resource, `S3 bucket '${name}' has no public access block: add an aws.s3.BucketPublicAccessBlock with bucket set to this bucket and ${publicAccessBlockFlags.join(", ")} all true.`);
            } else if (!blocks.some(x => publicAccessBlockFlags.every(f => x.props[f] === true))) {
                const unknown = blocks.find(x => publicAccessBlockFlags.some(f => isUnknown(x.props[f])));
                if (unknown) {
                    c.undecided(b.resource, undecidedBucket(b, `${typeName(unknown.r.type)} '${unknown.r.name}' flags`));
                } else {
                    const x = blocks[0];
                    const missing = publicAccessBlockFlags.filter(f => x.props[f] !== true);
                    c.report(b.resource, `S3 bucket '${name}' does not block all public access: set ${missing.join(", ")} to true on BucketPublicAccessBlock '${x.r.name}'.`);
                }
            }
            const acls = publicAcls(b, publicCanned);
            if (acls.found.length > 0) {
                c.report(b.resource, `S3 bucket '${name}' is made public by an ACL: ${acls.found.join("; ")}. Remove the public ACL (use acl "private" or BucketOwnershipControls with BucketOwnerEnforced).`);
            } else if (acls.unknown.length > 0) {
                c.undecided(b.resource, undecidedBucket(b, acls.unknown[0]));
            }
        }
    },
});
