// What a bucket's settings say, inline on the bucket (v7 `versioning: {...}`, v6 BucketV2 `versionings:
// [...]`) and in its separate configuration resources: versioning, default encryption, public access.
import { PolicyResource } from "@pulumi/policy";
import { parsePolicyDocument } from "./policy-documents";
import { KmsKeyReference, classifyKmsKey } from "./kms-keys";
import { BucketView } from "./s3-index";
import { asList, at, isPlainObject, isUnknown, raw } from "./unknowns";

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

/** A property counts as set when it has a value that is not an empty list/object (an unknown is set). */
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

/** The key of an encryption default, classified with the resources its value comes from (lib/kms-keys). */
export function encryptionKeyOf(d: EncryptionDefault): KmsKeyReference {
    return classifyKmsKey(d.kmsMasterKeyId, d.resource.propertyDependencies?.[d.property] ?? []);
}

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

/**
 * Statements of a bucket policy document that Allow every principal (`"*"` or `{AWS: "*"}`) without any
 * Condition: the bucket is public. Their paths, for messages; nothing for an unknown or invalid document.
 */
export function publicPolicyStatements(doc: unknown): string[] {
    const parsed = parsePolicyDocument(doc, ["policy"]);
    if (parsed.kind !== "document") return [];
    return parsed.statements
        .filter(s => !s.unknown && s.effect === "Allow" && !s.hasCondition && !!s.principal && !s.principal.unknown &&
            (s.principal.everyone || (s.principal.byType.AWS ?? []).some(v => !v.unknown && v.value?.trim() === "*")))
        .map(s => `Statement[${s.index}]`);
}
