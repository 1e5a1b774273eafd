// Helpers shared by the awsx component models (see ../model.ts for the interface).
//
// The models follow the awsx provider's TypeScript implementation (the Construct side, which the
// SDK's `remote: true` components call): github.com/pulumi/pulumi-awsx, folder awsx/, at the commit
// below. None of its code is copied; each model describes what that code registers and cites the
// lines it follows.
import { createHash } from "crypto";
import { isChildRef, unknownInput } from "../model";

/**
 * The awsx source the models follow: v3.8.0 plus 16 commits (2026-08-20), whose awsx/ folder is that
 * of v3.8.0 (the commits only bump dependencies). @pulumi/awsx 3.9.0 (2026-09-01) declares the same
 * inputs and outputs for the modelled components (its SDK against this commit's schema.json).
 */
export const awsxCommit = "e60adf3cf01f3ac03cc6bc846cdd0df320afed23";
const awsxRevision = "awsx 3.8.0-16-ge60adf3 (awsx/ as v3.8.0; schema as @pulumi/awsx 3.9.0)";

/** A model's `source`: the awsx version and the file it follows. */
export function awsxSource(...files: string[]): string {
    return `${awsxRevision} ${files.map(f => `awsx/${f}`).join(", ")} @ ${awsxCommit.slice(0, 7)}`;
}

export type Unknown = typeof unknownInput;

export function isUnknownValue(v: unknown): v is Unknown {
    return v === unknownInput;
}

/** True when the value, or anything inside it, is unknown (or a reference to a child's output). */
export function containsUnknown(v: unknown): boolean {
    if (v === unknownInput || isChildRef(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (isRecord(v)) return Object.values(v).some(containsUnknown);
    return false;
}

/** A plain object (not an array, a child reference or unknown). */
export function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v) && !isChildRef(v);
}

/** `undefined` for absent and null values, as awsx's `??` treats them. */
export function given(v: unknown): boolean {
    return v !== undefined && v !== null;
}

export function knownString(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

export function knownNumber(v: unknown): number | undefined {
    return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function record(v: unknown): Record<string, unknown> | undefined {
    return isRecord(v) ? v : undefined;
}

export function list(v: unknown): unknown[] | undefined {
    return Array.isArray(v) ? v : undefined;
}

/**
 * What an @pulumi/aws resource constructor keeps of an args object: only its declared inputs
 * (`resourceInputs["x"] = args?.x`), absent ones dropped when serialised.
 */
export function pick(args: Record<string, unknown> | undefined, inputs: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (!args) return out;
    for (const k of inputs) {
        if (args[k] !== undefined) out[k] = args[k];
    }
    return out;
}

/** Spreads like `{...a, ...b}`, where an unknown operand makes the whole object unknown. */
export function spread(...parts: unknown[]): Record<string, unknown> | Unknown {
    const out: Record<string, unknown> = {};
    for (const p of parts) {
        if (p === unknownInput) return unknownInput;
        if (isRecord(p)) Object.assign(out, p);
    }
    return out;
}

/** awsx/utils.ts:30 sha1hash: the first 8 hex digits of the SHA-1 of a string. */
export function sha1hash(s: string): string {
    return createHash("sha1").update(s).digest("hex").substring(0, 8);
}

/** `${type}::${name}`: a key unique among a component's children (see ChildGoal.key). */
export function keyOf(type: string, name: string): string {
    return `${type}::${name}`;
}

/** Type tokens of the children, as @pulumi/aws 7.48.0 registers them. */
export const types = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    route: "aws:ec2/route:Route",
    internetGateway: "aws:ec2/internetGateway:InternetGateway",
    eip: "aws:ec2/eip:Eip",
    natGateway: "aws:ec2/natGateway:NatGateway",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ecrRepository: "aws:ecr/repository:Repository",
    ecrLifecyclePolicy: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
    service: "aws:ecs/service:Service",
    loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
} as const;

/**
 * The declared inputs of the @pulumi/aws 7.48.0 classes awsx passes whole args objects to (the
 * `resourceInputs["x"] = args?.x` lines of each class; tests/preview/components/awsx.test.ts checks
 * these lists against the installed SDK).
 */
export const sdkInputs = {
    vpc: ["assignGeneratedIpv6CidrBlock", "cidrBlock", "enableDnsHostnames", "enableDnsSupport", "enableNetworkAddressUsageMetrics",
        "instanceTenancy", "ipv4IpamPoolId", "ipv4NetmaskLength", "ipv6CidrBlock", "ipv6CidrBlockNetworkBorderGroup", "ipv6IpamPoolId",
        "ipv6NetmaskLength", "region", "tags"],
    ecrRepository: ["encryptionConfigurations", "forceDelete", "imageScanningConfiguration", "imageTagMutability",
        "imageTagMutabilityExclusionFilters", "name", "region", "tags"],
    logGroup: ["deletionProtectionEnabled", "kmsKeyId", "logGroupClass", "name", "namePrefix", "region", "retentionInDays", "skipDestroy", "tags"],
    role: ["assumeRolePolicy", "description", "forceDetachPolicies", "inlinePolicies", "managedPolicyArns", "maxSessionDuration", "name",
        "namePrefix", "path", "permissionsBoundary", "tags"],
    taskDefinition: ["containerDefinitions", "cpu", "enableFaultInjection", "ephemeralStorage", "executionRoleArn", "family", "ipcMode",
        "memory", "networkMode", "pidMode", "placementConstraints", "proxyConfiguration", "region", "requiresCompatibilities",
        "runtimePlatform", "skipDestroy", "tags", "taskRoleArn", "trackLatest", "volumes"],
    service: ["alarms", "availabilityZoneRebalancing", "capacityProviderStrategies", "cluster", "deploymentCircuitBreaker",
        "deploymentConfiguration", "deploymentController", "deploymentMaximumPercent", "deploymentMinimumHealthyPercent", "desiredCount",
        "enableEcsManagedTags", "enableExecuteCommand", "forceDelete", "forceNewDeployment", "healthCheckGracePeriodSeconds", "iamRole",
        "launchType", "loadBalancers", "name", "networkConfiguration", "orderedPlacementStrategies", "placementConstraints",
        "platformVersion", "propagateTags", "region", "schedulingStrategy", "serviceConnectConfiguration", "serviceRegistries",
        "sigintRollback", "tags", "taskDefinition", "triggers", "volumeConfiguration", "vpcLatticeConfigurations", "waitForSteadyState"],
    securityGroup: ["description", "egress", "ingress", "name", "namePrefix", "region", "revokeRulesOnDelete", "tags", "vpcId"],
    loadBalancer: ["accessLogs", "clientKeepAlive", "connectionLogs", "customerOwnedIpv4Pool", "desyncMitigationMode",
        "dnsRecordClientRoutingPolicy", "dropInvalidHeaderFields", "enableCrossZoneLoadBalancing", "enableDeletionProtection", "enableHttp2",
        "enablePrefixForIpv6SourceNat", "enableTlsVersionAndCipherSuiteHeaders", "enableWafFailOpen", "enableXffClientPort",
        "enableZonalShift", "enforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "healthCheckLogs", "idleTimeout", "internal",
        "ipAddressType", "ipamPools", "loadBalancerType", "minimumLoadBalancerCapacity", "name", "namePrefix", "preserveHostHeader",
        "region", "secondaryIpsAutoAssignedPerSubnet", "securityGroups", "subnetMappings", "subnets", "tags", "xffHeaderProcessingMode"],
    targetGroup: ["connectionTermination", "deregistrationDelay", "healthCheck", "ipAddressType", "lambdaMultiValueHeadersEnabled",
        "loadBalancingAlgorithmType", "loadBalancingAnomalyMitigation", "loadBalancingCrossZoneEnabled", "name", "namePrefix", "port",
        "preserveClientIp", "protocol", "protocolVersion", "proxyProtocolV2", "region", "slowStart", "stickiness", "tags",
        "targetControlPort", "targetFailovers", "targetGroupHealth", "targetHealthStates", "targetType", "vpcId"],
    listener: ["alpnPolicy", "certificateArn", "defaultActions", "loadBalancerArn", "mutualAuthentication", "port", "protocol", "region",
        "routingHttpRequestXAmznMtlsClientcertHeaderName", "routingHttpRequestXAmznMtlsClientcertIssuerHeaderName",
        "routingHttpRequestXAmznMtlsClientcertLeafHeaderName", "routingHttpRequestXAmznMtlsClientcertSerialNumberHeaderName",
        "routingHttpRequestXAmznMtlsClientcertSubjectHeaderName", "routingHttpRequestXAmznMtlsClientcertValidityHeaderName",
        "routingHttpRequestXAmznTlsCipherSuiteHeaderName", "routingHttpRequestXAmznTlsVersionHeaderName",
        "routingHttpResponseAccessControlAllowCredentialsHeaderValue", "routingHttpResponseAccessControlAllowHeadersHeaderValue",
        "routingHttpResponseAccessControlAllowMethodsHeaderValue", "routingHttpResponseAccessControlAllowOriginHeaderValue",
        "routingHttpResponseAccessControlExposeHeadersHeaderValue", "routingHttpResponseAccessControlMaxAgeHeaderValue",
        "routingHttpResponseContentSecurityPolicyHeaderValue", "routingHttpResponseServerEnabled",
        "routingHttpResponseStrictTransportSecurityHeaderValue", "routingHttpResponseXContentTypeOptionsHeaderValue",
        "routingHttpResponseXFrameOptionsHeaderValue", "sslPolicy", "tags", "tcpIdleTimeoutSeconds"],
    vpcEndpoint: ["autoAccept", "dnsOptions", "ipAddressType", "policy", "privateDnsEnabled", "region", "resourceConfigurationArn",
        "routeTableIds", "securityGroupIds", "serviceName", "serviceNetworkArn", "serviceRegion", "subnetConfigurations", "subnetIds",
        "tags", "vpcEndpointType", "vpcId"],
} as const;

/**
 * The security group awsx creates when a FargateService or ApplicationLoadBalancer is given none
 * (awsx/ecs/fargateService.ts:102-124, awsx/lb/applicationLoadBalancer.ts:91-112): all traffic in
 * from anywhere, all TCP out.
 */
export function openSecurityGroupRules(): { ingress: Record<string, unknown>[]; egress: Record<string, unknown>[] } {
    return {
        ingress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
        egress: [{ fromPort: 0, toPort: 65535, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
    };
}
