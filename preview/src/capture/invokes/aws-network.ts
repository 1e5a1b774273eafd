import { Answer, Inputs, InvokeContext, ec2Id, filterValues, hexFrom, known, recall, regionOf, remember, seedOf, str, zoneIdsOf, zonesOf } from "./context";

/**
 * VPC lookups. Every account has a default VPC per region (172.31.0.0/16, one public /20 subnet per
 * zone), and programs that look networks up mostly find that one; other VPCs get ids from their
 * lookup. The answers agree with each other: getSubnets lists subnets of the VPC getVpc returned, and
 * getSubnet of one of those ids names that VPC and that subnet's zone.
 */

export function defaultVpcId(c: InvokeContext, region: string): string {
    return ec2Id("vpc", `default-vpc|${c.account}|${region}`);
}

/**
 * A VPC's subnets, one per zone. The last hex digit of an id is its zone's index, so getSubnet can
 * tell a subnet's zone from its id alone.
 */
export function subnetIdsOf(vpcId: string): string[] {
    return [0, 1, 2].map(n => `subnet-0${hexFrom(`subnets|${vpcId}`, 15)}${n}`);
}

function zoneIndexOf(subnetId: string): number {
    const m = /^subnet-0[0-9a-f]{15}([0-9a-f])$/.exec(subnetId);
    return m ? parseInt(m[1], 16) % 3 : 0;
}

export function tagsOf(i: Inputs): Record<string, string> {
    return i.tags && typeof i.tags === "object" && !Array.isArray(i.tags) && known(i.tags) ? i.tags : {};
}

function vpcIdFrom(i: Inputs, c: InvokeContext, r: string): string {
    return str(i.vpcId) ?? filterValues(i, "vpc-id")[0] ?? defaultVpcId(c, r);
}

function vpc(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const identified = str(i.id) ?? filterValues(i, "vpc-id")[0];
    const looksUp = identified !== undefined || str(i.cidrBlock) !== undefined || Array.isArray(i.filters) && i.filters.length > 0 || Object.keys(tagsOf(i)).length > 0;
    const id = identified ?? (i.default === true || !looksUp ? defaultVpcId(c, r) : ec2Id("vpc", seedOf("vpc", i, c)));
    const isDefault = id === defaultVpcId(c, r);
    const cidrBlock = str(i.cidrBlock) ?? (isDefault ? "172.31.0.0/16" : "10.0.0.0/16");
    return {
        id, arn: `arn:aws:ec2:${r}:${c.account}:vpc/${id}`, cidrBlock, default: isDefault, region: r,
        cidrBlockAssociations: [{ associationId: `vpc-cidr-assoc-0${hexFrom(id, 16)}`, cidrBlock, state: "associated" }],
        dhcpOptionsId: ec2Id("dopt", `dopt|${c.account}|${r}`), mainRouteTableId: ec2Id("rtb", `main|${id}`),
        enableDnsHostnames: isDefault, enableDnsSupport: true, enableNetworkAddressUsageMetrics: false,
        instanceTenancy: "default", ipv6AssociationId: "", ipv6CidrBlock: "", ipv6CidrBlockAssociations: [],
        ownerId: c.account, state: "available", tags: tagsOf(i),
    };
}

function subnets(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const vpcId = vpcIdFrom(i, c, r);
    const all = subnetIdsOf(vpcId);
    for (const id of all) remember(c, `subnet-vpc|${id}`, vpcId);
    const zones = new Set(filterValues(i, "availability-zone"));
    const wantedIds = filterValues(i, "subnet-id");
    let ids = wantedIds.length > 0 ? wantedIds : all.filter((_id, k) => zones.size === 0 || zones.has(zonesOf(r)[k]));
    if (ids.length === 0) ids = all;
    return { id: r, ids, region: r, tags: tagsOf(i) };
}

function subnet(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const given = str(i.id) ?? filterValues(i, "subnet-id")[0];
    const vpcId = str(i.vpcId) ?? filterValues(i, "vpc-id")[0] ?? (given && recall(c, `subnet-vpc|${given}`)) ?? defaultVpcId(c, r);
    const zone = str(i.availabilityZone) ?? filterValues(i, "availability-zone")[0];
    const k = given ? zoneIndexOf(given) : Math.max(0, zonesOf(r).indexOf(zone ?? ""));
    const id = given ?? subnetIdsOf(vpcId)[k];
    const isDefault = vpcId === defaultVpcId(c, r);
    const cidrBlock = str(i.cidrBlock) ?? (isDefault ? `172.31.${16 * k}.0/20` : `10.0.${k}.0/24`);
    return {
        id, arn: `arn:aws:ec2:${r}:${c.account}:subnet/${id}`, vpcId, region: r, cidrBlock,
        availabilityZone: zone ?? zonesOf(r)[k], availabilityZoneId: zoneIdsOf(r)[k],
        availableIpAddressCount: isDefault ? 4091 : 251, defaultForAz: isDefault, mapPublicIpOnLaunch: isDefault,
        assignIpv6AddressOnCreation: false, customerOwnedIpv4Pool: "", enableDns64: false, enableLniAtDeviceIndex: 0,
        enableResourceNameDnsARecordOnLaunch: false, enableResourceNameDnsAaaaRecordOnLaunch: false,
        ipv6CidrBlock: "", ipv6CidrBlockAssociationId: "", ipv6Native: false, mapCustomerOwnedIpOnLaunch: false,
        outpostArn: "", ownerId: c.account, privateDnsHostnameTypeOnLaunch: "ip-name", state: "available", tags: tagsOf(i),
    };
}

function securityGroupId(vpcId: string, name: string): string {
    return ec2Id("sg", `sg|${vpcId}|${name}`);
}

function securityGroup(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const vpcId = vpcIdFrom(i, c, r);
    const name = str(i.name) ?? filterValues(i, "group-name")[0] ?? "default";
    const id = str(i.id) ?? filterValues(i, "group-id")[0] ?? securityGroupId(vpcId, name);
    return {
        id, arn: `arn:aws:ec2:${r}:${c.account}:security-group/${id}`, name, vpcId, region: r,
        description: name === "default" ? "default VPC security group" : `Security group ${name}`, tags: tagsOf(i),
    };
}

function securityGroups(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const vpcs = filterValues(i, "vpc-id");
    const names = filterValues(i, "group-name");
    const pairs = (vpcs.length > 0 ? vpcs : [defaultVpcId(c, r)]).flatMap(v => (names.length > 0 ? names : ["default"]).map(n => [v, n]));
    const ids = pairs.map(([v, n]) => securityGroupId(v, n));
    return {
        id: r, ids, arns: ids.map(id => `arn:aws:ec2:${r}:${c.account}:security-group/${id}`),
        vpcIds: pairs.map(([v]) => v), region: r, tags: tagsOf(i),
    };
}

function internetGateway(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const vpcId = filterValues(i, "attachment.vpc-id")[0] ?? defaultVpcId(c, r);
    const id = str(i.internetGatewayId) ?? filterValues(i, "internet-gateway-id")[0] ?? ec2Id("igw", `igw|${vpcId}`);
    return {
        id, internetGatewayId: id, arn: `arn:aws:ec2:${r}:${c.account}:internet-gateway/${id}`, region: r,
        attachments: [{ state: "available", vpcId }], ownerId: c.account, tags: tagsOf(i),
    };
}

export const networkAnswers: Record<string, Answer> = {
    "aws:ec2/getVpc:getVpc": vpc,
    "aws:ec2/getSubnets:getSubnets": subnets,
    // Removed in provider v6; older programs still call it, with the same arguments.
    "aws:ec2/getSubnetIds:getSubnetIds": (i, c) => ({ ...subnets(i, c), vpcId: vpcIdFrom(i, c, regionOf(i, c)) }),
    "aws:ec2/getSubnet:getSubnet": subnet,
    "aws:ec2/getSecurityGroup:getSecurityGroup": securityGroup,
    "aws:ec2/getSecurityGroups:getSecurityGroups": securityGroups,
    "aws:ec2/getInternetGateway:getInternetGateway": internetGateway,
    "awsx:ec2:getDefaultVpc": (_i, c) => {
        const vpcId = defaultVpcId(c, c.region);
        // The default VPC has only public subnets (they map public IPs on launch).
        return { vpcId, publicSubnetIds: subnetIdsOf(vpcId), privateSubnetIds: [] };
    },
};
