// fast-check generators of engine-encoded property bags: the inputs of each resource type (names read
// from the @pulumi/aws SDK, nested names from its input types), with wrong types, nulls, empty and huge
// arrays, deep nesting, unknown sentinels of every kind at every depth, secrets at every depth, and IAM
// documents that are valid, malformed, enormous, or shaped wrongly (Statement as object/array/garbage).
import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { SchemaIndex } from "../../../preview/src/capture/schema";
import * as wire from "../../../preview/src/wire";
import { repoRoot } from "../../helpers/preview";

export const unknownSentinels = [
    wire.unknownString, wire.unknownBoolean, wire.unknownNumber, wire.unknownArray, wire.unknownObject,
    wire.unknownAsset, wire.unknownArchive,
];

const schemas = new SchemaIndex(repoRoot);

/** Input property names of a resource type (from its generated SDK class). */
export function inputNamesOf(type: string): string[] {
    return [...schemas.get(type).inputs].sort();
}

const nestedCache = new Map<string, string[]>();
let inputDts: string[] | undefined;

/** Property names of the nested input types of one provider module (e.g. `s3`), from types/input.d.ts. */
export function nestedNamesOf(type: string): string[] {
    const mod = /^aws:([a-z0-9]+)\//.exec(type)?.[1];
    if (!mod) return [];
    let names = nestedCache.get(mod);
    if (!names) {
        inputDts ??= fs.readFileSync(path.join(repoRoot, "node_modules", "@pulumi", "aws", "types", "input.d.ts"), "utf8").split("\n");
        const start = inputDts.findIndex(l => l === `export declare namespace ${mod} {`);
        const set = new Set<string>();
        if (start >= 0) {
            for (let i = start + 1; i < inputDts.length && !inputDts[i].startsWith("export declare namespace"); i++) {
                const m = /^\s+(\w+)\??: /.exec(inputDts[i]);
                if (m) set.add(m[1]);
            }
        }
        names = [...set].sort();
        nestedCache.set(mod, names);
    }
    return names;
}

// Values policies look for, so random bags are often compliant for some policies, which is what gives the
// unknown-value invariant its power (a known-compliant bag turned partly unknown must not become mandatory).
const telling = [
    "Enabled", "Suspended", "Disabled", "aws:kms", "aws:kms:dsse", "AES256", "private", "public-read",
    "public-read-write", "authenticated-read", "log-delivery-write", "SYMMETRIC_DEFAULT", "RSA_2048", "HMAC_256",
    "ENCRYPT_DECRYPT", "SIGN_VERIFY", "IMMUTABLE", "MUTABLE", "KMS", "AES256", "PLAINTEXT", "PARAMETER_STORE",
    "SECRETS_MANAGER", "ENABLED", "DISABLED", "S3", "CODEPIPELINE", "NO_ARTIFACTS", "ThirdParty", "AWS",
    "GitHub", "CodeStarSourceConnection", "CodeCommit", "Source", "Build", "Deploy", "eu-west-1", "us-east-1",
    "0.0.0.0/0", "::/0", "10.0.0.0/8", "tcp", "-1", "ingress", "egress", "ALL", "REJECT", "ACCEPT", "vpc-123",
    "awslogs", "Environment", "Owner", "DataClassification", "dev", "prod", "Production", "team-a", "internal",
    "alias/aws/s3", "alias/pipeline", "GITHUB_TOKEN", "PASSWORD", "DB_HOST", "OAuthToken", "Branch", "main",
    "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:s3:::artifact-bucket", "arn:aws:s3:::artifact-bucket/*", "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/IAMFullAccess",
    "arn:aws:iam::aws:policy/AWSCodePipelineFullAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/service-role/AWSCodePipelineServiceRole", "arn:aws:iam::123456789012:policy/custom",
    "arn:aws:codestar-connections:eu-west-1:123456789012:connection/abc", "arn:aws:ecr:eu-west-1:123456789012:repository/app",
    "arn:aws:codecommit:eu-west-1:123456789012:repo", "arn:aws:codepipeline:eu-west-1:123456789012:pipeline",
    "*", "", " ", "true", "false", "null", "{}", "[]", "\u0000", "é💥", "${aws:username}",
];

const telllingNumbers = [0, 1, 7, 30, 90, 365, 366, 400, 730, 2557, 3653, -1, 22, 80, 443, 3389, 65535, 1e308, -0, 2 ** 53];

/** Strings that look like credentials: plaintext-credential checks inspect them, and no message may echo them. */
export const credentialLike = fc.oneof(
    fc.stringMatching(/^ghp_[A-Za-z0-9]{36}$/),
    fc.stringMatching(/^AKIA[A-Z2-7]{16}$/),
    fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
    fc.stringMatching(/^https:\/\/[a-z]{3,8}:[A-Za-z0-9]{12,20}@github\.com\/org\/repo\.git$/),
    fc.stringMatching(/^xox[bp]-[0-9]{10}-[A-Za-z0-9]{24}$/),
    fc.stringMatching(/^-----BEGIN RSA PRIVATE KEY-----[A-Za-z0-9]{20}$/),
);

const actionPool = [
    "*", "s3:*", "s3:Get*", "s3:GetObject", "s3:PutObject", "s3:ListBucket", "ecr:GetAuthorizationToken",
    "ecr:BatchGetImage", "ecr:*", "ecr:PutImage", "sts:GetCallerIdentity", "sts:AssumeRole", "logs:DescribeLogGroups",
    "logs:CreateLogStream", "logs:PutLogEvents", "iam:PassRole", "iam:*", "kms:Decrypt", "codebuild:StartBuild",
    "codepipeline:*", "ec2:Describe*", "nosuchservice:Thing", "s3:NoSuchAction", "S3:getobject", "s3:*Object*", "",
];
const resourcePool = [
    "*", "arn:aws:s3:::artifact-bucket", "arn:aws:s3:::artifact-bucket/*", "arn:aws:s3:::*",
    "arn:aws:ecr:eu-west-1:123456789012:repository/app", "arn:aws:ecr:*:*:repository/*", "arn:aws:iam::123456789012:role/deploy",
    "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/codebuild/app:*", "arn:aws:kms:*:*:key/*", "not-an-arn", "",
    wire.unknownString,
];
const principalPool: unknown[] = [
    "*", { AWS: "*" }, { AWS: ["*"] }, { Service: "codebuild.amazonaws.com" }, { Service: ["codepipeline.amazonaws.com", "*"] },
    { AWS: "arn:aws:iam::123456789012:root" }, { Federated: "token.actions.githubusercontent.com" }, { CanonicalUser: "abc" },
    [], null, 42, { AWS: wire.unknownString },
];
const conditionPool: unknown[] = [
    { Bool: { "aws:SecureTransport": "false" } }, { Bool: { "aws:SecureTransport": false } },
    { StringEquals: { "aws:PrincipalOrgID": "o-123" } }, { StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/*" } },
    {}, "garbage", [], null,
];

function oneOrMany<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> {
    return fc.oneof(arb, fc.array(arb, { maxLength: 4 }));
}

/** One IAM statement, sometimes with missing, misspelt or mistyped fields. */
export const iamStatement: fc.Arbitrary<unknown> = fc.record({
    Sid: fc.oneof(fc.constant("S1"), fc.string({ maxLength: 8 })),
    Effect: fc.oneof(fc.constant("Allow"), fc.constant("Deny"), fc.constantFrom("allow", "", "Maybe", 1 as any, null as any)),
    Action: oneOrMany(fc.constantFrom(...actionPool)),
    NotAction: oneOrMany(fc.constantFrom(...actionPool)),
    Resource: oneOrMany(fc.constantFrom(...resourcePool)),
    NotResource: oneOrMany(fc.constantFrom(...resourcePool)),
    Principal: fc.constantFrom(...principalPool),
    NotPrincipal: fc.constantFrom(...principalPool),
    Condition: fc.constantFrom(...conditionPool),
}, { requiredKeys: [] });

/** An IAM document: object, JSON text, malformed JSON, enormous, or with a garbage Statement. */
export const iamDocument: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ Version: fc.constantFrom("2012-10-17", "2008-10-17", 7 as any), Statement: fc.oneof(iamStatement, fc.array(iamStatement, { maxLength: 5 })) }, { requiredKeys: ["Statement"] }) },
    { weight: 1, arbitrary: fc.record({ Version: fc.constant("2012-10-17"), Statement: fc.constantFrom<unknown>("garbage", 42, null, true, [null, 1, "x"], [[]], {}, wire.unknownArray, wire.unknownObject) }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>({}, [], "", "{", "null", "[]", "{\"Statement\": ", "not json", "{\"Version\":\"2012-10-17\"}") },
    // Enormous: many statements, or one with a very long Action list.
    { weight: 1, arbitrary: fc.integer({ min: 500, max: 3000 }).map(n => ({ Version: "2012-10-17", Statement: Array.from({ length: n }, (_, i) => ({ Effect: "Allow", Action: `s3:GetObject`, Resource: `arn:aws:s3:::b${i}/*` })) })) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 5000 }).map(n => ({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: Array.from({ length: n }, (_, i) => actionPool[i % actionPool.length]), Resource: "*" } })) },
).chain(doc => fc.oneof(
    { weight: 3, arbitrary: fc.constant(typeof doc === "string" ? doc : JSON.stringify(doc)) },
    { weight: 2, arbitrary: fc.constant(doc) },
    // Truncated JSON text.
    { weight: 1, arbitrary: fc.nat().map(n => { const s = JSON.stringify(doc) ?? ""; return s.slice(0, s.length ? n % s.length : 0); }) },
));

/** A tags map, often carrying the tags the pack requires. */
const tagsArb: fc.Arbitrary<unknown> = fc.dictionary(
    fc.constantFrom("Environment", "Owner", "DataClassification", "Name", "environment", "owner", "", "aws:cloudformation:stack-name"),
    fc.oneof(fc.constantFrom<unknown>("dev", "prod", "Production", "team-a", "internal", "", null, 1, wire.unknownString), fc.string({ maxLength: 6 })),
    { maxKeys: 4 },
);

export interface BagOptions {
    /** Allow unknown sentinels in generated values (off for the fully-known bags of the unknown invariant). */
    unknowns: boolean;
    /** Allow secret wrappers in generated values. */
    secrets: boolean;
    /** Allow arrays of hundreds of elements. */
    huge: boolean;
}

/** Any engine-encoded value, with property names drawn from `keys`. */
export function wireValue(keys: string[], o: BagOptions): fc.Arbitrary<unknown> {
    const keyArb = fc.oneof(
        { weight: 6, arbitrary: keys.length ? fc.constantFrom(...keys) : fc.string({ maxLength: 8 }) },
        { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    );
    const leaves: fc.WeightedArbitrary<unknown>[] = [
        { weight: 6, arbitrary: fc.constantFrom<unknown>(...telling) },
        { weight: 2, arbitrary: fc.string({ maxLength: 16 }) },
        { weight: 2, arbitrary: fc.constantFrom<unknown>(...telllingNumbers) },
        { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
        { weight: 3, arbitrary: fc.boolean() },
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: credentialLike },
    ];
    if (o.huge) leaves.push({ weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 300, max: 3000 })).map(([s, n]) => s.repeat(n)) });
    if (o.unknowns) leaves.push({ weight: 3, arbitrary: fc.constantFrom(...unknownSentinels) });
    const { value } = fc.letrec<{ value: unknown }>(tie => {
        const branches: fc.WeightedArbitrary<unknown>[] = [
            { weight: 10, arbitrary: fc.oneof(...leaves) },
            { weight: 3, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
            { weight: 4, arbitrary: fc.dictionary(keyArb, tie("value"), { maxKeys: 5 }) },
            { weight: 2, arbitrary: iamDocument },
        ];
        if (o.secrets) branches.push({ weight: 2, arbitrary: tie("value").map(v => wire.makeSecret(v)) });
        if (o.huge) branches.push({ weight: 1, arbitrary: fc.integer({ min: 200, max: 2000 }).chain(n => fc.array(fc.oneof(...leaves), { minLength: n, maxLength: n })) });
        return { value: fc.oneof({ depthSize: "small", maxDepth: 6 }, ...branches) };
    });
    return value;
}

/** The kinds of values a property with this name typically holds, mixed with anything at all. */
function valueForKey(key: string, any: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
    const k = key.toLowerCase();
    const special: fc.Arbitrary<unknown>[] = [];
    if (/policy$|policydocument|^policy|assumerolepolicy|document$/.test(k)) special.push(iamDocument);
    if (k === "inlinepolicies") special.push(fc.array(fc.record({ name: fc.string({ maxLength: 6 }), policy: iamDocument }, { requiredKeys: [] }), { maxLength: 3 }));
    if (k === "tags" || k === "tagsall") special.push(tagsArb);
    if (k.includes("arn") || k === "managedpolicyarns") special.push(oneOrMany(fc.constantFrom(...telling.filter(t => t.startsWith("arn:")))));
    if (/token|secret|password|key$|credential/.test(k)) special.push(credentialLike);
    return special.length ? fc.oneof({ weight: 2, arbitrary: fc.oneof(...special) }, { weight: 3, arbitrary: any }) : any;
}

/** A property bag for one resource type: its own input names (any subset), plus stray keys. */
export function propertyBag(type: string, o: BagOptions): fc.Arbitrary<Record<string, unknown>> {
    const inputs = inputNamesOf(type);
    const keys = [...new Set([...inputs, ...nestedNamesOf(type)])];
    const any = wireValue(keys, o);
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const name of inputs) model[name] = valueForKey(name, any);
    return fc.tuple(
        fc.record(model, { requiredKeys: [] }),
        fc.dictionary(fc.oneof(fc.constantFrom(...keys.length ? keys : ["x"]), fc.string({ maxLength: 6 }), fc.constant("__internal")), any, { maxKeys: 2 }),
    ).map(([own, stray]) => ({ ...stray, ...own }));
}

// ---- Transformations of a known bag -------------------------------------------------------------------------

type Path = (string | number)[];

/** Every position (path) in a wire value where an unknown or a secret could stand, outside secret wrappers' keys. */
export function positions(v: unknown, at: Path = [], out: Path[] = [], depth = 0): Path[] {
    if (at.length) out.push(at);
    if (depth > 12 || v === null || typeof v !== "object") return out;
    if (wire.isSecret(v)) {
        positions((v as any).value, [...at, "value"], out, depth + 1);
        return out;
    }
    if (Array.isArray(v)) {
        // Bound the work on huge arrays.
        v.slice(0, 50).forEach((e, i) => positions(e, [...at, i], out, depth + 1));
    } else {
        for (const [k, e] of Object.entries(v)) positions(e, [...at, k], out, depth + 1);
    }
    return out;
}

/** A copy of `v` with the value at each path replaced by `replace(old)` (deepest paths first is not needed: copies). */
export function replaceAt(v: unknown, paths: Path[], replace: (old: unknown, p: Path) => unknown): unknown {
    const sorted = [...paths].sort((a, b) => a.length - b.length);
    // Drop paths nested inside another chosen path: the outer replacement wins.
    const chosen = sorted.filter((p, i) => !sorted.slice(0, i).some(q => q.length < p.length && q.every((s, j) => s === p[j])));
    let out = structuredClone(v);
    for (const p of chosen) {
        out = setAt(out, p, replace(getAt(out, p), p));
    }
    return out;
}

function getAt(v: any, p: Path): unknown {
    return p.reduce((cur, k) => (cur === null || typeof cur !== "object" ? undefined : cur[k]), v);
}

function setAt(v: any, p: Path, nv: unknown): any {
    if (p.length === 0) return nv;
    const [k, ...rest] = p;
    const copy: any = Array.isArray(v) ? [...v] : { ...v };
    copy[k] = setAt(v?.[k], rest, nv);
    return copy;
}

/** Picks a subset of positions of a bag (by indexes drawn from fast-check). */
export function pick(all: Path[], picks: number[]): Path[] {
    if (!all.length) return [];
    return [...new Set(picks.map(i => i % all.length))].map(i => all[i]);
}

/** A value that stands for "anything" when an unknown is made known again (compliance-friendly values included). */
export const concretion = fc.constantFrom<unknown>(
    true, false, "Enabled", "aws:kms", 365, 0, "private", "SYMMETRIC_DEFAULT", "arn:aws:kms:eu-west-1:123456789012:key/k",
    "dev", {}, [], null, "x", { enabled: true }, { Environment: "dev", Owner: "o", DataClassification: "internal" },
);
