import { Inputs, ec2Id, fixedDate, hexFrom, str, upperId, uuidFrom, zoneIdsOf, zonesOf } from "./context";

/**
 * Realistic strings for a property of a generic answer, chosen by the property's name: AWS writes ids,
 * ARNs, zones and timestamps in fixed formats that programs slice, split and compare (`vpc-…`,
 * `arn:aws:<service>:<region>:<account>:<resource>`), so a placeholder in the right format takes the
 * program down the path the real value would.
 */

export interface Subject {
    pkg: string;
    /** Provider module, e.g. `ec2`, `rds` ("" for the index module). */
    module: string;
    /** The data source's noun: getNatGateway → NatGateway. */
    noun: string;
    region: string;
    account: string;
    /** The name the caller looked the object up by (its `name`, `functionName`, `clusterIdentifier`...). */
    name?: string;
    seed: string;
}

/** EC2-style id prefixes, by the noun the id belongs to (lower-cased, longest suffix wins). */
const idPrefixes: [string, string][] = [
    ["egressonlyinternetgateway", "eigw"], ["internetgateway", "igw"], ["natgateway", "nat"], ["transitgatewayattachment", "tgw-attach"],
    ["transitgatewayroutetable", "tgw-rtb"], ["transitgateway", "tgw"], ["routetable", "rtb"], ["securitygroup", "sg"],
    ["networkinterface", "eni"], ["vpcendpoint", "vpce"], ["peeringconnection", "pcx"], ["prefixlist", "pl"], ["launchtemplate", "lt"],
    ["dhcpoptions", "dopt"], ["networkacl", "acl"], ["customergateway", "cgw"], ["vpngateway", "vgw"], ["vpnconnection", "vpn"],
    ["placementgroup", "pg"], ["capacityreservation", "cr"], ["carriergateway", "cagw"], ["ipampool", "ipam-pool"], ["ipam", "ipam"],
    ["flowlog", "fl"], ["keypair", "key"], ["allocation", "eipalloc"], ["eip", "eipalloc"], ["association", "eipassoc"],
    ["subnet", "subnet"], ["vpc", "vpc"], ["image", "ami"], ["ami", "ami"], ["instance", "i"], ["volume", "vol"], ["snapshot", "snap"],
    ["kernel", "aki"], ["ramdisk", "ari"], ["filesystem", "fs"], ["accesspoint", "fsap"], ["mounttarget", "fsmt"], ["host", "h"],
];

/** The ARN service of a provider module where the two differ. */
const arnServices: Record<string, string> = {
    lb: "elasticloadbalancing", alb: "elasticloadbalancing", elb: "elasticloadbalancing", vpc: "ec2", ec2transitgateway: "ec2",
    ec2clientvpn: "ec2", codestarconnections: "codestar-connections", opensearch: "es", elasticsearch: "es", sfn: "states",
    appautoscaling: "application-autoscaling", msk: "kafka", efs: "elasticfilesystem", docdb: "rds", neptune: "rds",
    cognito: "cognito-idp", ssoadmin: "sso", cloudwatch: "cloudwatch", "": "iam",
};

/** ARN formats by the noun an ARN property names (roleArn, topicArn...): service and resource part. */
const arnNouns: [RegExp, (name: string, s: Subject) => [string, string]][] = [
    [/role$/i, n => ["iam", `role/${n}`]],
    [/instanceprofile$/i, n => ["iam", `instance-profile/${n}`]],
    [/policy$/i, n => ["iam", `policy/${n}`]],
    [/user$/i, n => ["iam", `user/${n}`]],
    [/key$/i, (_n, s) => ["kms", `key/${uuidFrom(s.seed + "key")}`]],
    [/certificate$/i, (_n, s) => ["acm", `certificate/${uuidFrom(s.seed + "cert")}`]],
    [/topic$/i, n => ["sns", n]],
    [/queue$/i, n => ["sqs", n]],
    [/function$/i, n => ["lambda", `function:${n}`]],
    [/loggroup$/i, n => ["logs", `log-group:${n}`]],
    [/secret$/i, (n, s) => ["secretsmanager", `secret:${n}-${hexFrom(s.seed, 6)}`]],
    [/table$/i, n => ["dynamodb", `table/${n}`]],
    [/stream$/i, n => ["kinesis", `stream/${n}`]],
    [/loadbalancer$/i, (n, s) => ["elasticloadbalancing", `loadbalancer/app/${n}/${hexFrom(s.seed, 16)}`]],
    [/targetgroup$/i, (n, s) => ["elasticloadbalancing", `targetgroup/${n}/${hexFrom(s.seed, 16)}`]],
    [/statemachine$/i, n => ["states", `stateMachine:${n}`]],
    [/bucket$/i, n => ["s3", n]],
];

const globalServices = new Set(["iam", "s3", "route53", "cloudfront", "organizations", "waf", "globalaccelerator"]);

export function kebab(s: string): string {
    return s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").replace(/([A-Z])([A-Z][a-z])/g, "$1-$2").toLowerCase();
}

function ec2Prefix(noun: string): string | undefined {
    const n = noun.toLowerCase();
    let best: [string, string] | undefined;
    for (const entry of idPrefixes) {
        if (n.endsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
    }
    return best?.[1];
}

/** Whether a noun names an EC2-style object whose id has a prefix (`securityGroup` → `sg-`). */
export function hasEc2Prefix(noun: string): boolean {
    return ec2Prefix(noun) !== undefined;
}

/** An ARN in the service's format: `arn:aws:<service>:<region>:<account>:<resource>` (no region for global services). */
export function arnFor(service: string, resource: string, s: Subject): string {
    if (service === "s3") return `arn:aws:s3:::${resource}`;
    const region = globalServices.has(service) ? "" : s.region;
    const account = service === "route53" ? "" : s.account;
    return `arn:aws:${service}:${region}:${account}:${resource}`;
}

function serviceOf(s: Subject): string {
    return arnServices[s.module] ?? s.module;
}

function nameFor(noun: string, s: Subject): string {
    return noun.toLowerCase() === s.noun.toLowerCase() && s.name ? s.name : `${kebab(noun)}-${hexFrom(s.seed + noun, 6)}`;
}

/** Nouns whose ids AWS issues in a fixed format (so a looked-up name is not the id). */
function hasIdFormat(noun: string, s: Subject): boolean {
    return s.pkg === "aws" && (["ec2", "vpc", "ec2transitgateway", "efs"].includes(s.module) && hasEc2Prefix(noun) || /(restapi|distribution|hostedzone)$/i.test(noun));
}

/** The looked-up object's id: the one the caller gave (`id`, `<noun>Id`), else one in the noun's format, else its name. */
function ownId(s: Subject, inputs: Inputs): string {
    const lower = s.noun[0].toLowerCase() + s.noun.slice(1);
    const given = str(inputs.id) ?? str(inputs[`${lower}Id`]);
    if (given) return given;
    if (hasIdFormat(s.noun, s)) return idFor(s.noun, s, "own");
    return s.name ?? str(inputs.arn) ?? (Object.keys(inputs).length === 0 && s.pkg === "aws" ? s.region : idFor(s.noun, s, "own"));
}

/** RDS writes `cluster:name`, `db:name`, `subgrp:name`. */
const rdsKinds: Record<string, string> = { cluster: "cluster", instance: "db", subnetgroup: "subgrp", snapshot: "snapshot", clustersnapshot: "cluster-snapshot", parametergroup: "pg", proxy: "db-proxy" };

/** The data source's own ARN: its service, its noun as the resource type. */
function ownArn(s: Subject, inputs: Inputs): string {
    const name = s.name ?? `${kebab(s.noun)}-${hexFrom(s.seed, 6)}`;
    if (s.module === "s3" && str(inputs.bucket)) return arnFor("s3", str(inputs.key) ? `${inputs.bucket}/${inputs.key}` : inputs.bucket, s);
    const rds = s.module === "rds" ? rdsKinds[s.noun.toLowerCase()] : undefined;
    if (rds) return arnFor("rds", `${rds}:${name}`, s);
    for (const [re, f] of arnNouns) {
        if (re.test(s.noun)) {
            const [service, resource] = f(name, s);
            return arnFor(service, resource, s);
        }
    }
    return arnFor(serviceOf(s), `${kebab(s.noun)}/${hasIdFormat(s.noun, s) ? ownId(s, inputs) : name}`, s);
}

/** An id for the noun (`subnet` → `subnet-0…`), in the format AWS uses for that kind of object. */
export function idFor(noun: string, s: Subject, salt: string): string {
    const seed = `${s.seed}|${salt}`;
    const n = noun.toLowerCase();
    if (n === "owner" || n.endsWith("account")) return s.account;
    if (s.pkg === "aws") {
        if (n.endsWith("kmskey") || n === "key" && s.module !== "ec2") return uuidFrom(seed);
        if (/(hosted)?zone$/.test(n)) return upperId("Z", seed, 13);
        if (n === "user") return upperId("AIDA", seed);
        if (n === "role") return upperId("AROA", seed);
        if (n === "policy" && s.module === "iam") return upperId("ANPA", seed);
        if (/distribution$/.test(n)) return upperId("E", seed, 13);
        if (/(restapi|api)$/.test(n)) return hexFrom(seed, 10);
        // Outside EC2, an "instance" is the service's own (a DB or broker instance, named, not i-…).
        const foreignInstance = !["ec2", "vpc", "autoscaling", "ssm"].includes(s.module) && n.endsWith("instance") && !/^(ec2)?instance$/.test(n);
        const prefix = foreignInstance ? undefined : ec2Prefix(noun);
        if (prefix) return ec2Id(prefix, seed);
    }
    return `${kebab(noun) || kebab(s.noun) || "id"}-${hexFrom(seed, 12)}`;
}

function hostFor(s: Subject): string {
    return `${s.name ?? kebab(s.noun)}.${serviceOf(s) || s.pkg}.${s.region}.amazonaws.com`;
}

/** Values AWS uses for common enumerated properties, by property name. */
const enumerated: Record<string, string> = {
    instancetype: "t3.micro", volumetype: "gp3", storagetype: "gp3", storageclass: "STANDARD", contenttype: "application/octet-stream",
    runtime: "nodejs20.x", handler: "index.handler", keytype: "rsa", protocol: "HTTPS", connectivitytype: "public", httpendpoint: "enabled",
    httptokens: "required", tenancy: "default", instancetenancy: "default", ipaddresstype: "ipv4", packagetype: "Zip", tier: "standard",
    architecture: "x86_64", partition: "aws", clientidlist: "sts.amazonaws.com", launchtype: "FARGATE", networkmode: "awsvpc",
    loadbalancertype: "application", targettype: "instance", scheme: "internet-facing", billingmode: "PAY_PER_REQUEST",
};

/** Engine facts per provider module (the engine a cluster of that service runs). */
const engines: Record<string, { engine: string; engineVersion: string }> = {
    rds: { engine: "aurora-postgresql", engineVersion: "15.4" }, docdb: { engine: "docdb", engineVersion: "5.0.0" },
    elasticache: { engine: "redis", engineVersion: "7.1" }, memorydb: { engine: "redis", engineVersion: "7.1" },
    neptune: { engine: "neptune", engineVersion: "1.3.1.0" }, opensearch: { engine: "OpenSearch", engineVersion: "OpenSearch_2.13" },
    mq: { engine: "ActiveMQ", engineVersion: "5.18" },
};

/**
 * A string for a property, by its name; `index` distinguishes list elements. Returns a readable
 * placeholder (`<property>-<hex>`) when the name says nothing about the format.
 */
export function stringFor(prop: string, s: Subject, index: number, inputs: Inputs): string {
    const p = prop.toLowerCase();
    const salt = `${prop}#${index}`;
    if (p === "id") return ownId(s, inputs);
    if (p === "arn") return str(inputs.arn) ?? ownArn(s, inputs);
    if (p.endsWith("arn")) {
        const noun = prop.slice(0, -3);
        for (const [re, f] of arnNouns) {
            if (re.test(noun)) {
                const [service, resource] = f(nameFor(noun, s) + (index ? `-${index}` : ""), s);
                return arnFor(service, resource, s);
            }
        }
        return arnFor(serviceOf(s), `${kebab(noun)}/${nameFor(noun, s)}`, s);
    }
    if (enumerated[p]) return enumerated[p];
    // AWS data sources name the role by its ARN (a function's `role`, a project's `serviceRole`).
    if (s.pkg === "aws" && p.endsWith("role")) return arnFor("iam", `role/${nameFor(prop, s)}`, s);
    if (p === "version" && /EngineVersion$/.test(s.noun)) return engines[s.module]?.engineVersion ?? "1.0";
    if (p === "engine" || p === "engineversion") return engines[s.module]?.[p === "engine" ? "engine" : "engineVersion"] ?? (p === "engine" ? s.module : "1.0");
    if (p === "region" || p.endsWith("region")) return s.region;
    if (p === "availabilityzone" || p === "zone") return zonesOf(s.region)[index % 3];
    if (p === "availabilityzoneid" || p === "zoneid" && s.module === "ec2") return zoneIdsOf(s.region)[index % 3];
    if (p === "accountid" || p === "ownerid" || p.endsWith("accountid") || p === "owner" && s.pkg === "aws") return s.account;
    if (p.endsWith("id") && !p.endsWith("uuid")) return idFor(prop.slice(0, -2), s, salt);
    if (s.pkg === "aws" && /^(ami|image|instance|subnet|vpc|volume|snapshot|securitygroup)$/.test(p)) return idFor(prop, s, salt);
    if (p.includes("cidr")) return p.includes("ipv6") ? `2600:1f18:${hexFrom(s.seed, 4)}:${index}00::/56` : `10.${index}.0.0/16`;
    if (p.endsWith("ip") || p.endsWith("ipaddress") || p === "address") {
        return p.includes("public") || p.includes("elastic") ? `52.${index}.${parseInt(hexFrom(s.seed, 2), 16)}.10` : `10.0.${index + 1}.10`;
    }
    if (/(date|time|timestamp|createdat|updatedat|expiresat|modified)$/.test(p)) return fixedDate;
    if (/(url|uri)$/.test(p)) return `https://${hostFor(s)}`;
    if (p.endsWith("endpoint")) return hostFor(s);
    if (/(dnsname|domainname|hostname|domain|fqdn)$/.test(p)) return hostFor(s);
    if (p === "name" || p.endsWith("name")) return nameFor(prop === "name" ? s.noun : prop.slice(0, -4), s) + (index ? `-${index}` : "");
    if (p === "state") return "available";
    if (p === "status") return s.pkg === "aws" && s.module === "ec2" ? "available" : "ACTIVE";
    if (p === "description" || p === "comment") return "";
    if (p === "policy" || /^(assumerole|resource|bucket|access|key|queue|topic|repository|trust)policy$/.test(p) || p.endsWith("policydocument")) {
        return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${s.account}:root` }, Action: `${serviceOf(s) || s.pkg}:*`, Resource: "*" }] });
    }
    if (p.endsWith("json")) return "{}";
    if (p.endsWith("pem") || p === "certificate" || p.endsWith("certificatechain") || p.endsWith("certificatebody")) {
        return `-----BEGIN CERTIFICATE-----\n${Buffer.from(hexFrom(s.seed + prop, 96), "hex").toString("base64")}\n-----END CERTIFICATE-----\n`;
    }
    if (p.includes("fingerprint") || p.includes("thumbprint")) return p.includes("256") ? hexFrom(s.seed + salt, 64) : hexFrom(s.seed + salt, 40);
    if (/(password|secret|token|privatekey|accesskey|secretkey)$/.test(p)) return hexFrom(s.seed + prop, 32);
    if (p.endsWith("version")) return "1";
    return `${kebab(prop)}-${hexFrom(s.seed + salt, 8)}`;
}
