import { stackPolicy } from "../../lib/policy";
import { configuredStrings, stringListSetting } from "../../lib/policy-config";
import { PolicyResource } from "@pulumi/policy";
import { awsTypes, typeName } from "../../lib/aws-types";
import { BucketView, S3Index, bucketTypes, s3ConfigTypes, undecidedBucket } from "../../lib/s3-index";
import { defaultPublicCannedAcls, publicAccessBlockFlags, publicGrantPaths, publicPolicyStatements } from "../../lib/s3-settings";
import { at, containsUnknown, isUnknown, raw } from "../../lib/unknowns";

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

/** The flags of a public access block that are not known true: unknown ones apart. */
function blockFlags(r: PolicyResource): { off: string[]; unknown: string[] } {
    const props = raw(r.props) ?? {};
    return {
        off: publicAccessBlockFlags.filter(f => !isUnknown(props[f]) && props[f] !== true),
        unknown: publicAccessBlockFlags.filter(f => isUnknown(props[f])),
    };
}

// Buckets (and the account) block public access with all four flags. An account-wide
// aws.s3.AccountPublicAccessBlock with all four flags true in the stack, or the `accountPublicAccessBlockEnforced`
// setting (the organisation enforces one on every account, as Security Hub S3.8 accepts), covers buckets that
// have no block of their own. S3 keeps one block per bucket, and which of several resources is applied last is
// not known before the update: every block of a bucket must set all four flags (s3-bucket-single-configuration
// also flags the duplicates). Configuration resources whose bucket is not created by the stack (given by a
// name) are judged on their own: an all-false block, a public ACL or a bucket policy allowing everyone
// unconditionally is a finding on that resource.
export default stackPolicy<{ publicCannedAcls: string[]; accountPublicAccessBlockEnforced: boolean }>({
    name: "s3-bucket-public-access-block",
    description: "S3 buckets block public access with all four BucketPublicAccessBlock flags (or an account-wide block) and carry no public ACL.",
    severity: "critical",
    pci: "1.4.2, 7.3.1",
    securityHub: ["S3.2", "S3.3", "S3.8"],
    resourceTypes: [...bucketTypes, ...s3ConfigTypes.publicAccessBlock, ...s3ConfigTypes.acl, ...s3ConfigTypes.policy, awsTypes.s3.AccountPublicAccessBlock],
    remediationSteps: "Add an aws.s3.BucketPublicAccessBlock whose `bucket` is the bucket with `blockPublicAcls`, " +
        "`blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` all true (or an aws.s3.AccountPublicAccessBlock " +
        "with all four true); remove public canned ACLs " +
        "(`public-read`, `public-read-write`, `authenticated-read`) and grants to AllUsers/AuthenticatedUsers from the " +
        "bucket's `acl`/`grants` and from aws.s3.BucketAcl resources, and bucket policy statements that Allow Principal \"*\" without a Condition.",
    config: {
        properties: {
            publicCannedAcls: stringListSetting("Canned ACLs that make a bucket or its objects public.", defaultPublicCannedAcls),
            accountPublicAccessBlockEnforced: {
                type: "boolean", default: false,
                description: "The organisation enforces an S3 account-level public access block with all four flags on every account " +
                    "(e.g. by an SCP or a baseline stack): buckets without a block of their own then pass, as Security Hub S3.8 accepts.",
            },
        },
    },
    validateStack: c => {
        const index = new S3Index(c.resources);
        const publicCanned = configuredStrings(c.config.publicCannedAcls, defaultPublicCannedAcls);
        let accountBlocked = c.config.accountPublicAccessBlockEnforced === true;
        for (const r of c.resources.filter(x => x.type === awsTypes.s3.AccountPublicAccessBlock)) {
            const f = blockFlags(r);
            if (f.off.length > 0) {
                c.report(r, `S3 account public access block '${r.name}' does not block all public access: set ${f.off.join(", ")} to true.`);
            } else if (f.unknown.length > 0) {
                c.undecided(r, `account public access block '${r.name}' (${f.unknown.join(", ")})`);
            } else {
                accountBlocked = true;
            }
        }
        for (const b of index.buckets) {
            const name = b.resource.name;
            const blocks = b.configs.publicAccessBlock.map(r => ({ r, ...blockFlags(r) }));
            const off = blocks.find(x => x.off.length > 0);
            if (blocks.length === 0) {
                if (!accountBlocked) {
                    c.report(b.resource, `S3 bucket '${name}' has no public access block: add an aws.s3.BucketPublicAccessBlock with bucket set to this bucket and ${publicAccessBlockFlags.join(", ")} all true.`);
                }
            } else if (off) {
                const others = blocks.length > 1 ? ` (S3 keeps only one of the bucket's ${blocks.length} public access blocks)` : "";
                c.report(b.resource, `S3 bucket '${name}' does not block all public access${others}: set ${off.off.join(", ")} to true on BucketPublicAccessBlock '${off.r.name}'.`);
            } else {
                const unknown = blocks.find(x => x.unknown.length > 0);
                if (unknown) c.undecided(b.resource, undecidedBucket(b, `${typeName(unknown.r.type)} '${unknown.r.name}' flags`));
            }
            const acls = publicAcls(b, publicCanned);
            if (acls.found.length > 0) {
                c.report(b.resource, `S3 bucket '${name}' is made public by an ACL: ${acls.found.join("; ")}. Remove the public ACL (use acl "private" or BucketOwnershipControls with BucketOwnerEnforced).`);
            } else if (acls.unknown.length > 0) {
                c.undecided(b.resource, undecidedBucket(b, acls.unknown[0]));
            }
        }
        // Configuration of buckets the stack does not create: judged on the configuration resource itself.
        for (const r of index.unlinked) {
            const what = `${typeName(r.type)} '${r.name}' (its bucket is not created by this stack)`;
            const props = raw(r.props) ?? {};
            if (s3ConfigTypes.publicAccessBlock.includes(r.type as never)) {
                const f = blockFlags(r);
                if (f.off.length > 0) c.report(r, `${what} does not block all public access: set ${f.off.join(", ")} to true.`);
                else if (f.unknown.length > 0) c.undecided(r, `${typeName(r.type)} '${r.name}' flags`);
            } else if (s3ConfigTypes.acl.includes(r.type as never)) {
                const found: string[] = [];
                if (typeof props.acl === "string" && publicCanned.includes(props.acl)) found.push(`acl "${props.acl}"`);
                for (const p of publicGrantPaths(at(props, "accessControlPolicy", "grants"), "accessControlPolicy.grants")) found.push(`a grant to a public group at ${p}`);
                if (found.length > 0) c.report(r, `${what} makes the bucket public with ${found.join(" and ")}: use acl "private" or BucketOwnershipControls with BucketOwnerEnforced.`);
                else if (isUnknown(props.acl) || isUnknown(at(props, "accessControlPolicy"))) c.undecided(r, `${typeName(r.type)} '${r.name}' acl`);
            } else if (s3ConfigTypes.policy.includes(r.type as never)) {
                const statements = publicPolicyStatements(props.policy);
                if (statements.length > 0) c.report(r, `${what} allows every principal without a Condition in policy ${statements.join(", ")}: remove the statement or narrow its Principal.`);
                else if (containsUnknown(props.policy)) c.undecided(r, `${typeName(r.type)} '${r.name}' policy`);
            }
        }
    },
});
