// S3 bucket settings live in separate resources (BucketVersioning, BucketPolicy, ...) and, on older
// programs, inline on the bucket. This file links every configuration resource to its bucket once per
// stack evaluation (O(n)), reads both the inline and the separate-resource shapes of the v6 and v7
// providers, and names undecidable buckets for the SDK's preview advisory.
import { PolicyResource } from "@pulumi/policy";
import { ResourceCheck, StackCheck } from "./policy";
import { asList, at, containsUnknown, deferUnknown, isPlainObject, isUnknown, raw } from "./unknowns";

// ---------------------------------------------------------------------------------------------
// Type tokens (all exist in @pulumi/aws 7.48; `BucketPublicAccessBlock` and `BucketPolicy` have no V2).

/** v7 `aws.s3.Bucket`, and v6's `aws.s3.BucketV2` (still present, deprecated, in v7). */
export const bucketTypes = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

export const s3ConfigTypes = {
    versioning: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
    encryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    logging: ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
    acl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
    publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    policy: ["aws:s3/bucketPolicy:BucketPolicy"],
    lifecycle: [
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    ],
    website: [
        "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
        "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
    ],
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

/** The short class name of a token, for messages: `aws:s3/bucketPolicy:BucketPolicy` -> `BucketPolicy`. */
export function shortType(type: string): string {
    return type.split(":").pop() ?? type;
}

// ---------------------------------------------------------------------------------------------
// The bucket index.

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
    readonly buckets: BucketView[] = [];
    private readonly byUrn = new Map<string, BucketView>();
    private readonly byName = new Map<string, BucketView>();

    constructor(resources: PolicyResource[]) {
        const configs: PolicyResource[] = [];
        for (const r of resources) {
            if (isBucketType(r.type)) {
                const props = raw(r.props) ?? {};
                const physicalName = knownString(props.bucket);
                const arn = knownString(props.arn) ?? (physicalName ? `arn:aws:s3:::${physicalName}` : undefined);
                const view: BucketView = {
                    resource: r, props, physicalName, arn, loggingSources: [],
                    configs: { versioning: [], encryption: [], logging: [], acl: [], publicAccessBlock: [], policy: [], lifecycle: [], website: [] },
                };
                this.buckets.push(view);
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
        const deps = (r.propertyDependencies?.[property] ?? []).filter(d => d && isBucketType(d.type));
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

function knownString(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" && !isUnknown(v) ? v : undefined;
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

// ---------------------------------------------------------------------------------------------
// Inline settings on the bucket, in both the v7 (`versioning: {...}`) and BucketV2 (`versionings: [...]`)
// shapes. A property counts as set when it has a value that is not an empty list/object.

/** Inline properties, by what they configure, that have a separate resource instead. */
export const inlineSettingProperties: Record<string, { properties: string[]; resource: string }> = {
    versioning: { properties: ["versioning", "versionings"], resource: "aws.s3.BucketVersioning" },
    encryption: { properties: ["serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations"], resource: "aws.s3.BucketServerSideEncryptionConfiguration" },
    logging: { properties: ["logging", "loggings"], resource: "aws.s3.BucketLogging" },
    lifecycle: { properties: ["lifecycleRules"], resource: "aws.s3.BucketLifecycleConfiguration" },
    acl: { properties: ["acl", "grants"], resource: "aws.s3.BucketAcl (or better, aws.s3.BucketOwnershipControls with BucketOwnerEnforced)" },
    policy: { properties: ["policy"], resource: "aws.s3.BucketPolicy" },
    website: { properties: ["website", "websites"], resource: "aws.s3.BucketWebsiteConfiguration" },
};

export function isSet(v: unknown): boolean {
    if (v === undefined || v === null || v === "") return false;
    if (Array.isArray(v)) return v.length > 0;
    if (isPlainObject(v)) return Object.keys(v).length > 0;
    return true;
}

/** Inline versioning flags: `versioning.enabled` (Bucket) and `versionings[].enabled` (BucketV2). */
export function inlineVersioning(props: Record<string, any>): { path: string; enabled: unknown }[] {
    const out: { path: string; enabled: unknown }[] = [];
    const v = props.versioning;
    if (isUnknown(v)) out.push({ path: "versioning", enabled: v });
    else if (isPlainObject(v) && v.enabled !== undefined) out.push({ path: "versioning.enabled", enabled: v.enabled });
    const vs = props.versionings;
    if (isUnknown(vs)) out.push({ path: "versionings", enabled: vs });
    else asList(vs).forEach((e, i) => {
        if (isPlainObject(e) && e.enabled !== undefined) out.push({ path: `versionings[${i}].enabled`, enabled: e.enabled });
        else if (isUnknown(e)) out.push({ path: `versionings[${i}]`, enabled: e });
    });
    return out;
}

export interface EncryptionDefault {
    /** The resource that carries the setting (the bucket for inline settings). */
    resource: PolicyResource;
    /** The top-level property, for propertyDependencies. */
    property: string;
    /** The path to the setting, for messages. */
    path: string;
    sseAlgorithm: unknown;
    kmsMasterKeyId: unknown;
}

/**
 * Default-encryption rules of a bucket: separate configuration resources (`rules[].applyServerSideEncryptionByDefault`),
 * inline v7 `serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault`, and inline BucketV2
 * `serverSideEncryptionConfigurations[].rules[].applyServerSideEncryptionByDefaults[]`.
 * An unknown part is returned as an entry whose fields are the unknown sentinel.
 */
export function encryptionDefaults(b: BucketView): EncryptionDefault[] {
    const out: EncryptionDefault[] = [];
    const push = (resource: PolicyResource, property: string, path: string, def: unknown) => {
        if (isUnknown(def)) {
            out.push({ resource, property, path, sseAlgorithm: def, kmsMasterKeyId: def });
        } else if (isPlainObject(def)) {
            out.push({ resource, property, path, sseAlgorithm: def.sseAlgorithm, kmsMasterKeyId: def.kmsMasterKeyId });
        }
    };
    const rulesOf = (resource: PolicyResource, property: string, base: string, rules: unknown, defaultKey: string) => {
        if (isUnknown(rules)) return push(resource, property, base, rules);
        asList(rules).forEach((rule, i) => {
            const p = Array.isArray(rules) ? `${base}[${i}]` : base;
            if (isUnknown(rule)) return push(resource, property, p, rule);
            const d = at(rule, defaultKey);
            if (Array.isArray(d)) d.forEach((x, j) => push(resource, property, `${p}.${defaultKey}[${j}]`, x));
            else push(resource, property, `${p}.${defaultKey}`, d);
        });
    };
    for (const c of b.configs.encryption) {
        rulesOf(c, "rules", "rules", at(raw(c.props), "rules"), "applyServerSideEncryptionByDefault");
    }
    const inline = b.props.serverSideEncryptionConfiguration;
    if (isUnknown(inline)) push(b.resource, "serverSideEncryptionConfiguration", "serverSideEncryptionConfiguration", inline);
    else if (isPlainObject(inline)) {
        rulesOf(b.resource, "serverSideEncryptionConfiguration", "serverSideEncryptionConfiguration.rule",
            inline.rule ?? inline.rules, "applyServerSideEncryptionByDefault");
    }
    const inlineV2 = b.props.serverSideEncryptionConfigurations;
    if (isUnknown(inlineV2)) push(b.resource, "serverSideEncryptionConfigurations", "serverSideEncryptionConfigurations", inlineV2);
    else asList(inlineV2).forEach((cfg, i) => {
        const base = `serverSideEncryptionConfigurations[${i}]`;
        if (isUnknown(cfg)) return push(b.resource, "serverSideEncryptionConfigurations", base, cfg);
        rulesOf(b.resource, "serverSideEncryptionConfigurations", `${base}.rules`, at(cfg, "rules"), "applyServerSideEncryptionByDefaults");
    });
    return out;
}

/** KMS resource types whose key ids/ARNs are customer-managed keys. */
const customerKeyTypes = new Set([
    "aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey",
    "aws:kms/replicaExternalKey:ReplicaExternalKey", "aws:kms/alias:Alias",
]);

/**
 * Whether a `kmsMasterKeyId` names a customer-managed key: "yes", "no" (unset, or an AWS-managed
 * `alias/aws/...` key), or "unknown" (a value not known at preview that does not come from a KMS key
 * resource of this stack).
 */
export function isCustomerManagedKey(keyId: unknown, carrier: PolicyResource, property: string): "yes" | "no" | "unknown" {
    if (keyId === undefined || keyId === null || keyId === "") return "no";
    if (isUnknown(keyId)) {
        const deps = carrier.propertyDependencies?.[property] ?? [];
        return deps.some(d => d && customerKeyTypes.has(d.type)) ? "yes" : "unknown";
    }
    if (typeof keyId !== "string") return "no";
    return /(^|:)alias\/aws\//.test(keyId) ? "no" : "yes";
}

// ---------------------------------------------------------------------------------------------
// Public access.

export const defaultPublicCannedAcls = ["public-read", "public-read-write", "authenticated-read"];
const publicGroupUris = [
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

/** Grants (inline `grants`, BucketAcl `accessControlPolicy.grants`) to the AllUsers/AuthenticatedUsers groups. */
export function publicGrantPaths(grants: unknown, base: string): string[] {
    const out: string[] = [];
    asList(grants).forEach((g, i) => {
        const uri = at(g, "uri") ?? at(g, "grantee", "uri");
        if (typeof uri === "string" && publicGroupUris.includes(uri)) out.push(`${base}[${i}]`);
    });
    return out;
}

export const publicAccessBlockFlags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

// ---------------------------------------------------------------------------------------------
// Bucket policy documents (minimal parsing, only what the TLS-only check needs).

export interface PolicyStatement {
    [key: string]: unknown;
}

/** The statements of a policy document given as a JSON string or an object; undefined if it is not one. */
export function policyStatements(doc: unknown): PolicyStatement[] | undefined {
    let d = doc;
    if (typeof d === "string") {
        try {
            d = JSON.parse(d);
        } catch {
            return undefined;
        }
    }
    if (!isPlainObject(d)) return undefined;
    return asList(d.Statement).filter(isPlainObject) as PolicyStatement[];
}

function lowerList(v: unknown): unknown[] {
    return asList(v).map(x => (typeof x === "string" ? x.toLowerCase() : x));
}

function allPrincipals(p: unknown): boolean {
    if (p === "*") return true;
    if (isPlainObject(p)) {
        const aws = asList(p.AWS);
        return aws.includes("*");
    }
    return false;
}

function deniesInsecureTransport(condition: unknown): boolean {
    if (!isPlainObject(condition)) return false;
    for (const [op, body] of Object.entries(condition)) {
        if (!/^bool(ifexists)?$/i.test(op) || !isPlainObject(body)) continue;
        for (const [key, value] of Object.entries(body)) {
            if (key.toLowerCase() === "aws:securetransport" && lowerList(value).some(v => v === "false" || v === false)) {
                return true;
            }
        }
    }
    return false;
}

function globMatches(pattern: string, value: string): boolean {
    const re = new RegExp("^" + pattern.split("").map(ch =>
        ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")).join("") + "$");
    return re.test(value);
}

/** Which of the bucket ARN and its objects (`arn/*`, i.e. every key) a Resource list covers. */
function coverage(resources: unknown, bucketArn: string): { bucket: boolean; objects: boolean } {
    const list = asList(resources).filter((r): r is string => typeof r === "string");
    // `arn/*` with a literal `*`: a pattern covers every object only if it matches this string.
    return {
        bucket: list.some(p => globMatches(p, bucketArn)),
        objects: list.some(p => globMatches(p, `${bucketArn}/*`)),
    };
}

export type TlsVerdict = "compliant" | "not-compliant" | "unknown";

/**
 * Whether a policy document denies every principal every S3 action on the bucket and its objects when
 * `aws:SecureTransport` is false (over one or several statements). "unknown" when the document, or a
 * statement part that could make it compliant, is not known at preview.
 */
export function tlsOnlyVerdict(doc: unknown, bucketArn: string | undefined): TlsVerdict {
    if (isUnknown(doc)) return "unknown";
    const statements = policyStatements(doc);
    if (!statements) return "not-compliant";
    let bucket = false;
    let objects = false;
    let unknown = false;
    for (const s of statements) {
        if (s.NotPrincipal !== undefined || s.NotAction !== undefined || s.NotResource !== undefined) continue;
        if (containsUnknown(s)) {
            unknown = true;
            continue;
        }
        if (s.Effect !== "Deny" || !allPrincipals(s.Principal) || !deniesInsecureTransport(s.Condition)) continue;
        if (!lowerList(s.Action).some(a => a === "*" || a === "s3:*")) continue;
        if (bucketArn === undefined) {
            unknown = true;
            continue;
        }
        const c = coverage(s.Resource, bucketArn);
        bucket ||= c.bucket;
        objects ||= c.objects;
    }
    if (bucket && objects) return "compliant";
    return unknown ? "unknown" : "not-compliant";
}

/** How an undecidable bucket is named in the SDK's preview advisory. */
export function undecidedBucket(b: BucketView, what: string): string {
    return `bucket '${b.resource.name}' (${what})`;
}

/** Reads the first unknown inside `props[property]` through the SDK proxy (standard preview advisory). */
export function deferFirstUnknown(check: ResourceCheck<any>, property: string): void {
    const path = firstUnknownPath(check.props[property], [property]);
    if (path) deferUnknown(check.proxied, path);
}

function firstUnknownPath(v: unknown, path: (string | number)[], depth = 0): (string | number)[] | undefined {
    if (isUnknown(v)) return path;
    if (depth > 32 || v === null || typeof v !== "object") return undefined;
    for (const [k, x] of Object.entries(v as object)) {
        const p = firstUnknownPath(x, [...path, Array.isArray(v) ? Number(k) : k], depth + 1);
        if (p) return p;
    }
    return undefined;
}

export type { StackCheck };
