// S3 bucket settings live in separate resources (BucketVersioning, BucketPolicy, ...) and, on older
// programs, inline on the bucket. This file links every configuration resource to its bucket once per
// stack evaluation (O(n)), for the v6 and v7 spellings of every type, and names undecidable buckets
// for the SDK's preview advisory. What the settings say is read by lib/s3-settings.ts and lib/s3-tls.ts.
import { PolicyResource } from "@pulumi/policy";
import { awsTypes } from "./aws-types";
import { asList, at, isPlainObject, isUnknown, knownString, raw } from "./unknowns";

const s3 = awsTypes.s3;

/** v7 `aws.s3.Bucket`, and v6's `aws.s3.BucketV2` (still present, deprecated, in v7). */
export const bucketTypes: string[] = [s3.Bucket, s3.BucketV2];

/** The configuration resources of a bucket, by what they configure, in their v7 and v6 spellings. */
export const s3ConfigTypes = {
    versioning: [s3.BucketVersioning, s3.BucketVersioningV2],
    encryption: [s3.BucketServerSideEncryptionConfiguration, s3.BucketServerSideEncryptionConfigurationV2],
    logging: [s3.BucketLogging, s3.BucketLoggingV2],
    acl: [s3.BucketAcl, s3.BucketAclV2],
    publicAccessBlock: [s3.BucketPublicAccessBlock],
    policy: [s3.BucketPolicy],
    lifecycle: [s3.BucketLifecycleConfiguration, s3.BucketLifecycleConfigurationV2],
    website: [s3.BucketWebsiteConfiguration, s3.BucketWebsiteConfigurationV2],
} as const;

export type S3ConfigKind = keyof typeof s3ConfigTypes;

const bucketTypeSet = new Set(bucketTypes);
const kindOfType = new Map<string, S3ConfigKind>();
for (const [kind, types] of Object.entries(s3ConfigTypes) as [S3ConfigKind, readonly string[]][]) {
    types.forEach(t => kindOfType.set(t, kind));
}

export function isBucketType(type: string): boolean {
    return bucketTypeSet.has(type);
}

export interface BucketView {
    resource: PolicyResource;
    /** Raw outputs (unknowns are sentinel strings). */
    props: Record<string, any>;
    /** The bucket's physical name when known (the `bucket` property). */
    physicalName?: string;
    /** The bucket's ARN when known (update mode, state), else derived from a known physical name. */
    arn?: string;
    /** Configuration resources linked to this bucket, by kind. */
    configs: Record<S3ConfigKind, PolicyResource[]>;
    /** Logical names of the other buckets whose access logs go to this bucket. */
    loggingSources: string[];
}

export interface LoggingTarget {
    /** The target bucket when it is in this stack. */
    bucket?: BucketView;
    /** True when the target is known to be a different bucket (in the stack or outside it). */
    isOtherBucket: boolean;
    /** True when the target is the bucket itself. */
    isSelf: boolean;
}

export class S3Index {
    /** General-purpose buckets (v7 Bucket, v6 BucketV2). */
    readonly buckets: BucketView[] = [];
    /** S3 Express directory buckets (`aws.s3.DirectoryBucket`), kept apart: most bucket settings do not apply to them. */
    readonly directoryBuckets: BucketView[] = [];
    /** Configuration resources linked to no bucket of the stack (a bucket given by a name from elsewhere). */
    readonly unlinked: PolicyResource[] = [];
    private readonly byUrn = new Map<string, BucketView>();
    private readonly byName = new Map<string, BucketView>();

    constructor(resources: PolicyResource[]) {
        const configs: PolicyResource[] = [];
        for (const r of resources) {
            const directory = r.type === s3.DirectoryBucket;
            if (isBucketType(r.type) || directory) {
                const props = raw(r.props) ?? {};
                const physicalName = knownString(props.bucket);
                const arn = knownString(props.arn) ?? (physicalName ? `arn:aws:s3:::${physicalName}` : undefined);
                const view: BucketView = {
                    resource: r, props, physicalName, arn, loggingSources: [],
                    configs: { versioning: [], encryption: [], logging: [], acl: [], publicAccessBlock: [], policy: [], lifecycle: [], website: [] },
                };
                (directory ? this.directoryBuckets : this.buckets).push(view);
                this.byUrn.set(r.urn, view);
                if (physicalName) this.byName.set(physicalName, view);
            } else if (kindOfType.has(r.type)) {
                configs.push(r);
            }
        }
        for (const c of configs) {
            const bucket = this.linkedBucket(c, "bucket");
            if (bucket) {
                bucket.configs[kindOfType.get(c.type)!].push(c);
            } else {
                this.unlinked.push(c);
            }
        }
        // Logging targets: separate BucketLogging resources first, then inline `logging`/`loggings`.
        for (const b of this.buckets) {
            for (const t of this.loggingTargetsOf(b)) {
                if (t.bucket && !t.isSelf && !t.bucket.loggingSources.includes(b.resource.name)) {
                    t.bucket.loggingSources.push(b.resource.name);
                }
            }
        }
    }

    bucketByUrn(urn: string): BucketView | undefined {
        return this.byUrn.get(urn);
    }

    /**
     * The bucket a property of `r` refers to: the one bucket resource the property's value came from
     * (propertyDependencies, exact even when the value is unknown at preview), else the bucket whose
     * known physical name (or ARN) equals the property's known literal value. Never an unknown value.
     */
    linkedBucket(r: PolicyResource, property: string, value: unknown = at(raw(r.props), property)): BucketView | undefined {
        const deps = (r.propertyDependencies?.[property] ?? []).filter(d => d && (isBucketType(d.type) || d.type === s3.DirectoryBucket));
        const unique = [...new Set(deps.map(d => d.urn))];
        if (unique.length === 1) {
            return this.byUrn.get(unique[0]);
        }
        return this.bucketByLiteral(value);
    }

    /** A bucket found by a known name or ARN string. */
    bucketByLiteral(value: unknown): BucketView | undefined {
        const s = knownString(value);
        if (!s) return undefined;
        const m = /^arn:aws[a-z-]*:s3:::([^/]+)$/.exec(s);
        return this.byName.get(m ? m[1] : s);
    }

    /** Where a bucket sends its access logs: every separate BucketLogging and the inline setting. */
    loggingTargetsOf(b: BucketView): LoggingTarget[] {
        const out: LoggingTarget[] = [];
        for (const l of b.configs.logging) {
            out.push(this.describeTarget(b, l, "targetBucket", at(raw(l.props), "targetBucket")));
        }
        for (const inline of inlineLoggings(b.props)) {
            out.push(this.describeTarget(b, b.resource, inline.property, inline.targetBucket));
        }
        return out;
    }

    private describeTarget(b: BucketView, r: PolicyResource, property: string, value: unknown): LoggingTarget {
        if (value === undefined || value === null || value === "") {
            return { isOtherBucket: false, isSelf: false };
        }
        const target = this.linkedBucket(r, property, value);
        if (target) {
            return { bucket: target, isSelf: target === b, isOtherBucket: target !== b };
        }
        // Not a bucket of this stack. A known name is another bucket unless it is this bucket's own name;
        // an unknown value that does not come from this bucket (propertyDependencies) is another bucket too.
        const literal = knownString(value);
        const self = literal !== undefined && (literal === b.physicalName || literal === b.arn);
        const fromSelf = (r.propertyDependencies?.[property] ?? []).some(d => d?.urn === b.resource.urn);
        return { isSelf: self || fromSelf, isOtherBucket: !self && !fromSelf };
    }
}

/** Inline `logging` (v7 Bucket, v6 Bucket) and `loggings` (BucketV2) entries. */
function inlineLoggings(props: Record<string, any>): { property: string; targetBucket: unknown }[] {
    const out: { property: string; targetBucket: unknown }[] = [];
    for (const property of ["logging", "loggings"]) {
        const v = props[property];
        if (isUnknown(v)) {
            out.push({ property, targetBucket: v });
            continue;
        }
        for (const entry of asList(v)) {
            out.push({ property, targetBucket: isPlainObject(entry) ? entry.targetBucket : entry });
        }
    }
    return out;
}

/** How an undecidable bucket is named in the SDK's preview advisory. */
export function undecidedBucket(b: BucketView, what: string): string {
    return `bucket '${b.resource.name}' (${what})`;
}
