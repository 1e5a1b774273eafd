import { Answer, Inputs, InvokeContext, ec2Id, fakePem, fixedDate, hexFrom, regionOf, str, upperId, uuidFrom } from "./context";
import { defaultVpcId, subnetIdsOf, tagsOf } from "./aws-network";

/**
 * Lookups of existing service objects: hosted zones, buckets, EKS, ECS and load balancers, and the
 * CloudFront managed policies. Where AWS publishes fixed values (managed policy ids, regional
 * hosted-zone ids of S3 and ELB) the real ones are used, since programs hard-code and compare them.
 */

/** The Route 53 zone of S3 website and bucket endpoints, per region. */
const s3Zones: Record<string, string> = {
    "us-east-1": "Z3AQBSTGFYJSTF", "us-east-2": "Z2O1EMRO9K5GLX", "us-west-1": "Z2F56UZL2M1ACD", "us-west-2": "Z3BJ6K6RIION7M",
    "eu-west-1": "Z1BKCTXD74EZPE", "eu-west-2": "Z3GKZC51ZF0DB4", "eu-central-1": "Z21DNDUVLTQW6Q", "ap-northeast-1": "Z2M4EHUR26P7ZW",
    "ap-southeast-1": "Z3O0J2DXBE1FTB", "ap-southeast-2": "Z1WCIGYICN2BYD", "ca-central-1": "Z1QDHH18159H29", "sa-east-1": "Z7KQH4QJS55SO",
};

/** The Route 53 zone of application load balancers, per region. */
const albZones: Record<string, string> = {
    "us-east-1": "Z35SXDOTRQ7X7K", "us-east-2": "Z3AADJGX6KTTL2", "us-west-1": "Z368ELLRRE2KJ0", "us-west-2": "Z1H1FL5HABSF5",
    "eu-west-1": "Z32O12XQLNTSW2", "eu-west-2": "ZHURV8PSTC4K8", "eu-central-1": "Z215JYRZR1TBD5", "ap-northeast-1": "Z14GRHDCWA56QT",
    "ap-southeast-1": "Z1LMS91P8CMLE5", "ap-southeast-2": "Z1GM3OXH4ZPM65", "ca-central-1": "ZQSVJUPU6J1EY", "sa-east-1": "Z2P70J7HTTTPLU",
};

/** CloudFront's managed cache policies: name → [id, min, default, max TTL]. */
const cachePolicies: Record<string, [string, number, number, number]> = {
    "Managed-CachingOptimized": ["658327ea-f89d-4fab-a63d-7e88639e58f6", 1, 86400, 31536000],
    "Managed-CachingDisabled": ["4135ea2d-6df8-44a3-9df3-4b5a84be39ad", 0, 0, 0],
    "Managed-CachingOptimizedForUncompressedObjects": ["b2884449-e4de-46a7-ac36-70bc7f1ddd6d", 1, 86400, 31536000],
    "Managed-Elemental-MediaPackage": ["08627262-05a9-4f76-9ded-b50ca2e3a84f", 0, 86400, 31536000],
    "Managed-Amplify": ["2e54312d-136d-493c-8eb9-b001f22f67d2", 2, 2, 31536000],
    "UseOriginCacheControlHeaders": ["83da9c7e-98b4-4e11-a168-04f0df8e2c65", 0, 0, 31536000],
    "UseOriginCacheControlHeaders-QueryStrings": ["4cc15a8a-d715-48a4-82b8-cc0b614638fe", 0, 0, 31536000],
};

/** CloudFront's managed origin request policies: name → id. */
const originRequestPolicies: Record<string, string> = {
    "Managed-AllViewer": "216adef6-5c7f-47e4-b989-5492eafa07d3",
    "Managed-AllViewerExceptHostHeader": "b689b0a8-53d0-40ab-baf2-68738e2966ac",
    "Managed-AllViewerAndCloudFrontHeaders-2022-06": "33f36d7e-f396-46d9-90e0-52428a34d9dc",
    "Managed-CORS-CustomOrigin": "59781a5b-3903-41f3-afcb-af62929ccde1",
    "Managed-CORS-S3Origin": "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
    "Managed-Elemental-MediaTailor-PersonalizedManifests": "775133bc-15f2-49f9-abea-afb2e0bf67d2",
    "Managed-UserAgentRefererHeaders": "acba4595-bd28-49b8-b9fe-13317c0390fa",
};

function byNameOrId<T>(table: Record<string, T>, i: Inputs, idOf: (v: T) => string): [string, T | undefined] {
    const name = str(i.name);
    if (name) return [name, table[name]];
    const id = str(i.id);
    const found = Object.entries(table).find(([, v]) => idOf(v) === id);
    return found ? [found[0], found[1]] : [id ?? "Managed-CachingOptimized", undefined];
}

function cachePolicy(i: Inputs, c: InvokeContext) {
    const [name, known] = byNameOrId(cachePolicies, i, v => v[0]);
    const [id, minTtl, defaultTtl, maxTtl] = known ?? [str(i.id) ?? uuidFrom(`cache-policy|${name}`), 0, 86400, 31536000];
    const none = { cookieBehavior: "none", cookies: [] };
    return {
        id, name, arn: `arn:aws:cloudfront::${c.account}:cache-policy/${id}`, comment: known ? `Policy ${name}` : "", etag: upperId("E", `etag|${id}`, 13),
        minTtl, defaultTtl, maxTtl,
        parametersInCacheKeyAndForwardedToOrigins: [{
            enableAcceptEncodingBrotli: maxTtl > 0, enableAcceptEncodingGzip: maxTtl > 0,
            cookiesConfigs: [none], headersConfigs: [{ headerBehavior: "none", headers: [] }], queryStringsConfigs: [{ queryStringBehavior: "none", queryStrings: [] }],
        }],
    };
}

function originRequestPolicy(i: Inputs, c: InvokeContext) {
    const [name, known] = byNameOrId(originRequestPolicies, i, v => v);
    const id = known ?? str(i.id) ?? "216adef6-5c7f-47e4-b989-5492eafa07d3";
    const all = /AllViewer/.test(name);
    return {
        id, name, arn: `arn:aws:cloudfront::${c.account}:origin-request-policy/${id}`, comment: "", etag: upperId("E", `etag|${id}`, 13),
        cookiesConfigs: [{ cookieBehavior: all ? "all" : "none", cookies: [] }],
        headersConfigs: [{ headerBehavior: all ? (/ExceptHost/.test(name) ? "allExcept" : "allViewer") : "whitelist", headers: [] }],
        queryStringsConfigs: [{ queryStringBehavior: all ? "all" : "none", queryStrings: [] }],
    };
}

function zone(i: Inputs, c: InvokeContext) {
    const name = (str(i.name) ?? "example.com").replace(/\.$/, "");
    const zoneId = str(i.zoneId) ?? upperId("Z", `zone|${c.account}|${name}|${i.privateZone === true}`, 13);
    const n = parseInt(hexFrom(zoneId, 3), 16);
    const nameServers = [`ns-${n % 2048}.awsdns-${n % 64}.org`, `ns-${(n + 511) % 2048}.awsdns-${(n + 13) % 64}.co.uk`, `ns-${(n + 1023) % 2048}.awsdns-${(n + 29) % 64}.com`, `ns-${(n + 1535) % 2048}.awsdns-${(n + 41) % 64}.net`];
    return {
        id: zoneId, zoneId, name, arn: `arn:aws:route53:::hostedzone/${zoneId}`, callerReference: `offline-${hexFrom(zoneId, 8)}`,
        comment: "", linkedServiceDescription: "", linkedServicePrincipal: "", nameServers, primaryNameServer: nameServers[0],
        privateZone: i.privateZone === true, resourceRecordSetCount: 2, tags: tagsOf(i),
    };
}

function bucket(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const b = str(i.bucket) ?? "offline-bucket";
    return {
        id: b, bucket: b, arn: `arn:aws:s3:::${b}`, bucketDomainName: `${b}.s3.amazonaws.com`, bucketRegionalDomainName: `${b}.s3.${r}.amazonaws.com`,
        bucketRegion: r, region: r, hostedZoneId: s3Zones[r] ?? s3Zones["us-east-1"], websiteDomain: "", websiteEndpoint: "",
    };
}

function eksCluster(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const name = str(i.name) ?? "offline-cluster";
    const oidc = hexFrom(`eks|${c.account}|${r}|${name}`, 32).toUpperCase();
    const vpcId = defaultVpcId(c, r);
    return {
        id: name, name, arn: `arn:aws:eks:${r}:${c.account}:cluster/${name}`, region: r, clusterId: "", status: "ACTIVE",
        endpoint: `https://${oidc}.gr7.${r}.eks.amazonaws.com`, version: "1.31", platformVersion: "eks.12", createdAt: fixedDate,
        roleArn: `arn:aws:iam::${c.account}:role/${name}-eksRole`, deletionProtection: false, enabledClusterLogTypes: [],
        certificateAuthorities: [{ data: Buffer.from(fakePem("CERTIFICATE", `eks-ca|${name}`)).toString("base64") }],
        identities: [{ oidcs: [{ issuer: `https://oidc.eks.${r}.amazonaws.com/id/${oidc}` }] }],
        accessConfigs: [{ authenticationMode: "API_AND_CONFIG_MAP", bootstrapClusterCreatorAdminPermissions: true }],
        kubernetesNetworkConfigs: [{ ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16", serviceIpv6Cidr: "", elasticLoadBalancings: [{ enabled: false }] }],
        vpcConfig: {
            clusterSecurityGroupId: ec2Id("sg", `eks-cluster-sg|${name}`), controlPlaneEgressMode: "", endpointPrivateAccess: false,
            endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"], securityGroupIds: [], subnetIds: subnetIdsOf(vpcId), vpcId,
        },
        computeConfigs: [], controlPlaneScalingConfigs: [{ tier: "standard" }], outpostConfigs: [], remoteNetworkConfigs: [],
        storageConfigs: [], upgradePolicies: [{ supportType: "EXTENDED" }], zonalShiftConfigs: [], tags: {},
        kubeApiServerConfigs: [], kubeControllerManagerConfigs: [], kubeSchedulerConfigs: [],
    };
}

function loadBalancer(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const arn0 = str(i.arn);
    const name = str(i.name) ?? arn0?.split("/")[2] ?? "offline-lb";
    const suffix = arn0?.split(":loadbalancer/")[1] ?? `app/${name}/${hexFrom(`lb|${r}|${name}`, 16)}`;
    const vpcId = defaultVpcId(c, r);
    const subnets = subnetIdsOf(vpcId);
    return {
        id: `arn:aws:elasticloadbalancing:${r}:${c.account}:loadbalancer/${suffix}`, arn: `arn:aws:elasticloadbalancing:${r}:${c.account}:loadbalancer/${suffix}`,
        arnSuffix: suffix, name, region: r, loadBalancerType: suffix.startsWith("net/") ? "network" : "application", internal: false,
        dnsName: `${name}-${parseInt(hexFrom(name, 8), 16) % 1_000_000_000}.${r}.elb.amazonaws.com`, zoneId: albZones[r] ?? albZones["us-east-1"],
        ipAddressType: "ipv4", securityGroups: [ec2Id("sg", `lb-sg|${name}`)], subnets, vpcId,
        subnetMappings: subnets.map(subnetId => ({ subnetId, allocationId: "", ipv6Address: "", outpostId: "", privateIpv4Address: "" })),
        accessLogs: { bucket: "", enabled: false, prefix: "" }, connectionLogs: [], healthCheckLogs: [], ipamPools: [],
        idleTimeout: 60, enableHttp2: true, enableDeletionProtection: false, enableCrossZoneLoadBalancing: true,
        desyncMitigationMode: "defensive", dropInvalidHeaderFields: false, clientKeepAlive: 3600, tags: tagsOf(i),
    };
}

export const serviceAnswers: Record<string, Answer> = {
    "aws:route53/getZone:getZone": zone,
    "aws:s3/getBucket:getBucket": bucket,
    "aws:eks/getCluster:getCluster": eksCluster,
    "aws:eks/getClusterAuth:getClusterAuth": (i, c) => {
        const r = regionOf(i, c);
        const name = str(i.name) ?? "offline-cluster";
        const url = `https://sts.${r}.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Signature=${hexFrom(`eks-auth|${name}`, 64)}`;
        return { id: name, name, region: r, token: `k8s-aws-v1.${Buffer.from(url).toString("base64url")}` };
    },
    "aws:eks/getAddonVersion:getAddonVersion": (i, c) => {
        const addon = str(i.addonName) ?? "vpc-cni";
        const versions: Record<string, string> = { "vpc-cni": "v1.19.2-eksbuild.1", coredns: "v1.11.4-eksbuild.2", "kube-proxy": "v1.31.3-eksbuild.2", "aws-ebs-csi-driver": "v1.38.1-eksbuild.1" };
        return { id: addon, addonName: addon, kubernetesVersion: str(i.kubernetesVersion) ?? "1.31", mostRecent: i.mostRecent === true, region: regionOf(i, c), version: versions[addon] ?? "v1.0.0-eksbuild.1" };
    },
    "aws:cloudfront/getCachePolicy:getCachePolicy": cachePolicy,
    "aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy": originRequestPolicy,
    "aws:lb/getLoadBalancer:getLoadBalancer": loadBalancer,
    "aws:alb/getLoadBalancer:getLoadBalancer": loadBalancer,
    "aws:lb/getHostedZoneId:getHostedZoneId": (i, c) => ({ id: albZones[regionOf(i, c)] ?? albZones["us-east-1"], region: regionOf(i, c) }),
    "aws:ecs/getCluster:getCluster": (i, c) => {
        const r = regionOf(i, c);
        const name = str(i.clusterName) ?? "offline-cluster";
        const arn = `arn:aws:ecs:${r}:${c.account}:cluster/${name}`;
        return {
            id: arn, arn, clusterName: name, region: r, status: "ACTIVE", pendingTasksCount: 0, runningTasksCount: 0,
            registeredContainerInstancesCount: 0, serviceConnectDefaults: [], settings: [{ name: "containerInsights", value: "disabled" }], tags: tagsOf(i),
        };
    },
};
