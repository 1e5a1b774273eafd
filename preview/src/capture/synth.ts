import * as crypto from "crypto";

/** The identity the offline run pretends to be: no credentials, so a fixed, obviously fake account. */
export const offlineAccountId = "123456789012";
export const defaultRegion = "us-east-1";

/** Deterministic hex from a seed, so the same program always yields the same synthesised values. */
export function hexFrom(seed: string, length: number): string {
    let out = "";
    let i = 0;
    while (out.length < length) {
        out += crypto.createHash("sha256").update(`${seed}#${i++}`).digest("hex");
    }
    return out.slice(0, length);
}

export function uuidFrom(seed: string): string {
    const h = hexFrom(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The provider's autoname: the logical name plus a 7-character random suffix. */
export function autoname(name: string, seed: string): string {
    return `${name}-${hexFrom(seed, 7)}`;
}

/** Type tokens whose physical name input is not `name`. */
const physicalNameProperty: Record<string, string> = {
    "aws:s3/bucket:Bucket": "bucket",
    "aws:s3/bucketV2:BucketV2": "bucket",
    "aws:ecs/taskDefinition:TaskDefinition": "family",
};

export function physicalNamePropertyOf(type: string, inputNames: Set<string>): string | undefined {
    const p = physicalNameProperty[type];
    if (p) {
        return p;
    }
    return inputNames.has("name") ? "name" : undefined;
}

/** Types whose `name` input the provider does not autoname (it is optional and left unset, or derived). */
const notAutonamed = new Set([
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
    "aws:kms/alias:Alias",
    "aws:ecs/taskDefinition:TaskDefinition",
]);

export function isAutonamed(type: string): boolean {
    return !notAutonamed.has(type) && type.startsWith("aws:");
}

interface ArnContext {
    type: string;
    name: string;          // physical name
    region: string;
    account: string;
    inputs: Record<string, any>;
    seed: string;
}

function ec2Id(prefix: string, seed: string): string {
    return `${prefix}-${hexFrom(seed, 17)}`;
}

/** id and ARN formats of the resource types pipelines use; other types get a generic form. */
const known: Record<string, (c: ArnContext) => { id: string; outputs: Record<string, any> }> = {
    "aws:s3/bucket:Bucket": s3Bucket,
    "aws:s3/bucketV2:BucketV2": s3Bucket,
    "aws:kms/key:Key": c => {
        const keyId = uuidFrom(c.seed);
        return { id: keyId, outputs: { keyId, arn: `arn:aws:kms:${c.region}:${c.account}:key/${keyId}` } };
    },
    "aws:kms/alias:Alias": c => ({
        id: c.inputs.name ?? `alias/${c.name}`,
        outputs: { arn: `arn:aws:kms:${c.region}:${c.account}:${c.inputs.name ?? `alias/${c.name}`}`, targetKeyArn: `arn:aws:kms:${c.region}:${c.account}:key/${uuidFrom(c.seed + "target")}` },
    }),
    "aws:iam/role:Role": c => ({
        id: c.name,
        outputs: { arn: `arn:aws:iam::${c.account}:role${c.inputs.path ?? "/"}${c.name}`, uniqueId: `AROA${hexFrom(c.seed, 17).toUpperCase()}`, createDate: "2026-01-01T00:00:00Z" },
    }),
    "aws:iam/policy:Policy": c => {
        const arn = `arn:aws:iam::${c.account}:policy${c.inputs.path ?? "/"}${c.name}`;
        return { id: arn, outputs: { arn, policyId: `ANPA${hexFrom(c.seed, 17).toUpperCase()}`, attachmentCount: 0 } };
    },
    "aws:iam/user:User": c => ({ id: c.name, outputs: { arn: `arn:aws:iam::${c.account}:user${c.inputs.path ?? "/"}${c.name}`, uniqueId: `AIDA${hexFrom(c.seed, 17).toUpperCase()}` } }),
    "aws:iam/group:Group": c => ({ id: c.name, outputs: { arn: `arn:aws:iam::${c.account}:group${c.inputs.path ?? "/"}${c.name}`, uniqueId: `AGPA${hexFrom(c.seed, 17).toUpperCase()}` } }),
    // IAM keeps the provider's URL without its scheme (or a trailing slash) in the ARN, which trust
    // policies name as Federated and whose host/path prefixes the token's condition keys (`<url>:sub`).
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": c => {
        const url = typeof c.inputs.url === "string" ? c.inputs.url.replace(/^https:\/\//i, "").replace(/\/+$/, "") : c.name;
        const arn = `arn:aws:iam::${c.account}:oidc-provider/${url}`;
        return { id: arn, outputs: { arn } };
    },
    "aws:iam/instanceProfile:InstanceProfile": c => ({ id: c.name, outputs: { arn: `arn:aws:iam::${c.account}:instance-profile/${c.name}` } }),
    "aws:cloudwatch/logGroup:LogGroup": c => ({ id: c.name, outputs: { arn: `arn:aws:logs:${c.region}:${c.account}:log-group:${c.name}` } }),
    "aws:cloudwatch/eventRule:EventRule": c => ({ id: c.name, outputs: { arn: `arn:aws:events:${c.region}:${c.account}:rule/${c.name}` } }),
    "aws:cloudwatch/metricAlarm:MetricAlarm": c => ({ id: c.name, outputs: { arn: `arn:aws:cloudwatch:${c.region}:${c.account}:alarm:${c.name}` } }),
    "aws:sns/topic:Topic": c => {
        const arn = `arn:aws:sns:${c.region}:${c.account}:${c.name}`;
        return { id: arn, outputs: { arn, owner: c.account } };
    },
    "aws:sqs/queue:Queue": c => ({ id: `https://sqs.${c.region}.amazonaws.com/${c.account}/${c.name}`, outputs: { arn: `arn:aws:sqs:${c.region}:${c.account}:${c.name}`, url: `https://sqs.${c.region}.amazonaws.com/${c.account}/${c.name}` } }),
    "aws:ecr/repository:Repository": c => ({
        id: c.name,
        outputs: { arn: `arn:aws:ecr:${c.region}:${c.account}:repository/${c.name}`, registryId: c.account, repositoryUrl: `${c.account}.dkr.ecr.${c.region}.amazonaws.com/${c.name}` },
    }),
    "aws:codebuild/project:Project": c => ({ id: `arn:aws:codebuild:${c.region}:${c.account}:project/${c.name}`, outputs: { arn: `arn:aws:codebuild:${c.region}:${c.account}:project/${c.name}`, badgeUrl: "" } }),
    "aws:codepipeline/pipeline:Pipeline": c => ({ id: c.name, outputs: { arn: `arn:aws:codepipeline:${c.region}:${c.account}:${c.name}` } }),
    "aws:codestarconnections/connection:Connection": c => {
        const arn = `arn:aws:codestar-connections:${c.region}:${c.account}:connection/${uuidFrom(c.seed)}`;
        return { id: arn, outputs: { arn, connectionStatus: "PENDING", ownerAccountId: c.account } };
    },
    "aws:secretsmanager/secret:Secret": c => {
        const arn = `arn:aws:secretsmanager:${c.region}:${c.account}:secret:${c.name}-${hexFrom(c.seed, 6)}`;
        return { id: arn, outputs: { arn } };
    },
    "aws:ecs/cluster:Cluster": c => {
        const arn = `arn:aws:ecs:${c.region}:${c.account}:cluster/${c.name}`;
        return { id: arn, outputs: { arn } };
    },
    "aws:ecs/taskDefinition:TaskDefinition": c => {
        const arn = `arn:aws:ecs:${c.region}:${c.account}:task-definition/${c.inputs.family ?? c.name}:1`;
        return { id: c.inputs.family ?? c.name, outputs: { arn, arnWithoutRevision: arn.replace(/:1$/, ""), revision: 1 } };
    },
    "aws:ecs/service:Service": c => ({ id: `arn:aws:ecs:${c.region}:${c.account}:service/${c.name}`, outputs: {} }),
    "aws:lambda/function:Function": c => ({ id: c.name, outputs: { arn: `arn:aws:lambda:${c.region}:${c.account}:function:${c.name}`, invokeArn: `arn:aws:apigateway:${c.region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${c.region}:${c.account}:function:${c.name}/invocations`, version: "$LATEST" } }),
    "aws:ec2/vpc:Vpc": c => ec2(c, "vpc", "vpc"),
    "aws:ec2/subnet:Subnet": c => ec2(c, "subnet", "subnet"),
    "aws:ec2/securityGroup:SecurityGroup": c => ec2(c, "sg", "security-group"),
    "aws:ec2/routeTable:RouteTable": c => ec2(c, "rtb", "route-table"),
    "aws:ec2/vpcEndpoint:VpcEndpoint": c => ec2(c, "vpce", "vpc-endpoint"),
    "aws:ec2/flowLog:FlowLog": c => ec2(c, "fl", "vpc-flow-log"),
    "aws:ec2/internetGateway:InternetGateway": c => ec2(c, "igw", "internet-gateway"),
    "aws:ec2/natGateway:NatGateway": c => ec2(c, "nat", "natgateway"),
    "aws:ec2/securityGroupRule:SecurityGroupRule": c => ({ id: ec2Id("sgrule", c.seed), outputs: {} }),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": c => ec2(c, "sgr", "security-group-rule"),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": c => ec2(c, "sgr", "security-group-rule"),
};

function ec2(c: ArnContext, idPrefix: string, arnKind: string) {
    const id = ec2Id(idPrefix, c.seed);
    return { id, outputs: { arn: `arn:aws:ec2:${c.region}:${c.account}:${arnKind}/${id}`, ownerId: c.account } };
}

function s3Bucket(c: ArnContext) {
    return {
        id: c.name,
        outputs: {
            arn: `arn:aws:s3:::${c.name}`,
            bucketDomainName: `${c.name}.s3.amazonaws.com`,
            bucketRegionalDomainName: `${c.name}.s3.${c.region}.amazonaws.com`,
            bucketRegion: c.region,
            region: c.region,
            hostedZoneId: "Z3AQBSTGFYJSTF",
        },
    };
}

/** The AWS service namespace used in ARNs for a provider module. */
const arnService: Record<string, string> = { cloudwatch: "logs", codestarconnections: "codestar-connections", vpc: "ec2" };

/**
 * Synthesises what the provider would return after a create: the id and every output-only
 * property we can give a realistic value (ARNs in the right format for the type and region, ids,
 * URLs, names, tagsAll). Properties we cannot give a realistic value stay absent.
 */
export function synthesiseOutputs(c: ArnContext, outputsOnly: Set<string>, defaultTags: Record<string, string> | undefined): { id: string; outputs: Record<string, any> } {
    const specific = known[c.type]?.(c);
    const [pkg, mod] = c.type.split(/[:/]/);
    const service = arnService[mod] ?? mod;
    const kind = (c.type.split(":")[2] ?? "resource").replace(/^[A-Z]/, ch => ch.toLowerCase());
    const genericArn = `arn:aws:${service}:${c.region}:${c.account}:${kind}/${c.name}`;
    const id = specific?.id ?? (pkg === "aws" ? c.name : `${c.name}-${hexFrom(c.seed, 8)}`);
    const outputs: Record<string, any> = {};
    for (const p of outputsOnly) {
        if (specific && p in specific.outputs) {
            outputs[p] = specific.outputs[p];
        } else if (p === "arn") {
            outputs[p] = genericArn;
        } else if (p === "tagsAll") {
            outputs[p] = { ...(defaultTags ?? {}), ...(c.inputs.tags ?? {}) };
        } else if (/Arn$/.test(p)) {
            outputs[p] = `${genericArn}/${p.replace(/Arn$/, "")}`;
        } else if (/Id$/.test(p) || p === "id") {
            outputs[p] = `${p.replace(/Id$/, "").toLowerCase() || "id"}-${hexFrom(c.seed + p, 12)}`;
        } else if (/(Url|Endpoint|DomainName|Domain)$/.test(p)) {
            outputs[p] = `${c.name}.${service}.${c.region}.amazonaws.com`;
        } else if (/Name$/.test(p)) {
            outputs[p] = c.name;
        } else if (p === "ownerId" || p === "accountId") {
            outputs[p] = c.account;
        }
    }
    for (const [k, v] of Object.entries(specific?.outputs ?? {})) {
        if (!(k in outputs) && outputsOnly.has(k)) {
            outputs[k] = v;
        }
    }
    return { id, outputs };
}
