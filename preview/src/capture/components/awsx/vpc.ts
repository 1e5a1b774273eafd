// awsx:ec2:Vpc: what awsx/ec2/vpc.ts registers (line numbers are those of awsx/ec2/vpc.ts at the
// commit in ./common.ts unless another file is named).
//
// Children, in the order awsx creates them (each with dependsOn its parent, as awsx sets it):
//   aws:ec2/vpc:Vpc                              ${name}                    parent: the component   (466-525)
//   aws:ec2/internetGateway:InternetGateway      ${name}                    parent: the vpc         (165-173, always)
//   then for each AZ i, its subnets sorted public, private, isolated (190-195, compareSubnetSpecs 1049):
//   aws:ec2/subnet:Subnet                        ${name}-${type}-${i+1}     parent: the vpc         (212-231)
//   aws:ec2/routeTable:RouteTable                same name                  parent: the subnet      (250-262)
//   aws:ec2/routeTableAssociation:...            same name                  parent: the route table (265-273)
//   aws:ec2/eip:Eip, aws:ec2/natGateway:NatGateway  ${name}-${i+1}          parent: the public subnet hosting the NAT (276-311)
//   aws:ec2/route:Route                          same name as the subnet    parent: the route table, 0.0.0.0/0 to the IGW
//                                                (public) or the NAT gateway (private, unless natGateways.strategy None) (313-349)
//   then one aws:ec2/vpcEndpoint:VpcEndpoint per vpcEndpointSpecs entry, named by its serviceName, parent the vpc
//   (355-412), with an ${serviceName}-sg security group and ${serviceName}-ingress rule for "Auto" interface endpoints (791-824).
// No flow log: awsx creates none.
import { ChildGoal, ComponentModel, Expansion, ModelContext, ref, unknownInput } from "../model";
import {
    Unknown, awsxSource, given, isRecord, keyOf, knownNumber, knownString, list, pick, record, sdkInputs, spread, types,
} from "./common";
import { Maybe, compareSubnetTypes, decideCidrBlock, shouldCreateNatGateway, subnetPlans } from "./vpc-subnets";

export const vpcModel: ComponentModel = {
    type: "awsx:ec2:Vpc",
    source: awsxSource("ec2/vpc.ts", "ec2/subnetDistributorLegacy.ts", "ec2/subnetDistributorNew.ts", "ec2/subnetNaming.ts"),
    expand: expandVpc,
};

function expandVpc(c: ModelContext): Expansion {
    const a = c.inputs;
    const name = c.name;
    const children: ChildGoal[] = [];
    const vpcKey = keyOf(types.vpc, name);

    // 102-116: vpcEndpointStrategy "Auto" defaults the VPC's DNS attributes for private-DNS interface endpoints.
    const endpointStrategy = a.vpcEndpointStrategy === "Auto" ? "Auto" : "Legacy";
    const endpoints = (list(a.vpcEndpointSpecs) ?? []).filter(isRecord)
        .filter(spec => typeof spec.serviceName === "string")
        .map(spec => ({ spec, endpointType: endpointTypeOf(spec) }));
    let enableDnsHostnames = a.enableDnsHostnames;
    let enableDnsSupport = a.enableDnsSupport;
    if (endpointStrategy === "Auto" && endpoints.some(e => e.endpointType === "interface"
        && (e.spec.privateDnsEnabled === undefined || e.spec.privateDnsEnabled === true))) {
        // 709-741 getVpcEndpointDnsDefaults
        enableDnsHostnames = enableDnsHostnames ?? true;
        enableDnsSupport = enableDnsSupport ?? true;
    }

    const azs = availabilityZones(c);
    // 131-133: natGateways.strategy defaults to OnePerAz; awsx refuses other values (validateEips 966), here they fall back to it.
    const strategyIn = knownString(record(a.natGateways)?.strategy)?.toLowerCase();
    const natStrategy = strategyIn === "none" || strategyIn === "single" || strategyIn === "oneperaz" ? strategyIn : "oneperaz";
    const allocationIdsIn = record(a.natGateways)?.elasticIpAllocationIds;
    const allocationIds: unknown[] | Unknown = allocationIdsIn === unknownInput ? unknownInput : (list(allocationIdsIn) ?? []);
    const assignGeneratedIpv6 = given(a.assignGeneratedIpv6CidrBlock) ? a.assignGeneratedIpv6CidrBlock : false; // 137

    // 143: every child's tags start from these (a program's unknown tags make them unknown).
    const sharedTags = a.tags === unknownInput ? unknownInput : spread({ Name: name }, a.tags);
    const cidrBlock = decideCidrBlock(a); // 450-464

    // 492-500 / 506-514: the VPC gets the component's args (those aws.ec2.Vpc declares), its cidrBlock and the shared tags.
    children.push({
        type: types.vpc, name, key: vpcKey,
        properties: { ...pick({ ...a, enableDnsHostnames, enableDnsSupport }, sdkInputs.vpc), cidrBlock, tags: sharedTags },
    });
    const igwKey = keyOf(types.internetGateway, name);
    children.push({
        type: types.internetGateway, name, key: igwKey, parent: vpcKey, dependsOn: [vpcKey],
        properties: { region: a.region, vpcId: ref(vpcKey, "id"), tags: sharedTags },
    });

    const plans = subnetPlans(name, a, azs, cidrBlock);
    const subnetIds: Record<"public" | "private" | "isolated", string[]> = { public: [], private: [], isolated: [] };
    const routeTableKeys: string[] = [];
    const generated: { key: string; type: string; azIndex: number }[] = [];
    const natKeys: string[] = [];
    const eipKeys: string[] = [];
    for (let i = 0; i < azs.length; i++) {
        const inAz = plans.filter(p => p.azIndex === i && p.type !== "Unused").sort(compareSubnetTypes);
        for (const spec of inAz) {
            const lower = spec.type.toLowerCase();
            const assignIpv6 = given(spec.assignIpv6AddressOnCreation) ? spec.assignIpv6AddressOnCreation : assignGeneratedIpv6; // 1151-1158
            const subnetKey = keyOf(types.subnet, spec.resourceName);
            children.push({
                type: types.subnet, name: spec.resourceName, key: subnetKey, parent: vpcKey, dependsOn: [vpcKey],
                properties: {
                    region: a.region,
                    vpcId: ref(vpcKey, "id"),
                    availabilityZone: spec.azName,
                    mapPublicIpOnLaunch: lower === "public",
                    cidrBlock: spec.cidrBlock,
                    assignIpv6AddressOnCreation: assignIpv6,
                    // 202-206, 222: an apply over the VPC's ipv6CidrBlock, which a preview does not know yet
                    // (once known: the VPC block's subnetIndex-th /64, or nothing when assignment is off; 1160-1209).
                    ipv6CidrBlock: ref(vpcKey, "ipv6CidrBlock"),
                    tags: subnetTags(sharedTags, spec.tags, spec.nameTag, spec.type),
                },
            });
            const bucket = lower === "public" ? "public" : lower === "private" ? "private" : "isolated";
            subnetIds[bucket].push(subnetKey);
            generated.push({ key: subnetKey, type: lower, azIndex: i });

            const rtKey = keyOf(types.routeTable, spec.resourceName);
            children.push({
                type: types.routeTable, name: spec.resourceName, key: rtKey, parent: subnetKey, dependsOn: [subnetKey],
                properties: { region: a.region, vpcId: ref(vpcKey, "id"), tags: subnetTags(sharedTags, undefined, spec.nameTag, spec.type) },
            });
            routeTableKeys.push(rtKey);
            children.push({
                type: types.routeTableAssociation, name: spec.resourceName, key: keyOf(types.routeTableAssociation, spec.resourceName),
                parent: rtKey, dependsOn: [rtKey],
                properties: { region: a.region, routeTableId: ref(rtKey, "id"), subnetId: ref(subnetKey, "id") },
            });

            if (lower === "public" && shouldCreateNatGateway(natStrategy, natKeys.length, i)) {
                const natName = `${name}-${i + 1}`;
                const natTags = a.tags === unknownInput ? unknownInput : spread(a.tags, { Name: natName });
                const createEip = allocationIds !== unknownInput && allocationIds.length === 0;
                if (createEip) {
                    const eipKey = keyOf(types.eip, natName);
                    children.push({
                        type: types.eip, name: natName, key: eipKey, parent: subnetKey, dependsOn: [subnetKey],
                        properties: { region: a.region, tags: natTags },
                    });
                    eipKeys.push(eipKey);
                }
                // 302: the EIP of the same AZ index (awsx indexes eips by AZ), or the given allocation id.
                const allocationId = createEip
                    ? (eipKeys[i] !== undefined ? ref(eipKeys[i], "allocationId") : unknownInput)
                    : (allocationIds === unknownInput ? unknownInput : (allocationIds[i] ?? unknownInput));
                const natKey = keyOf(types.natGateway, natName);
                children.push({
                    type: types.natGateway, name: natName, key: natKey, parent: subnetKey, dependsOn: [subnetKey],
                    properties: { region: a.region, subnetId: ref(subnetKey, "id"), allocationId, tags: natTags },
                });
                natKeys.push(natKey);
            }

            if (lower === "public") {
                children.push({
                    type: types.route, name: spec.resourceName, key: keyOf(types.route, spec.resourceName), parent: rtKey, dependsOn: [rtKey],
                    properties: { region: a.region, routeTableId: ref(rtKey, "id"), gatewayId: ref(igwKey, "id"), destinationCidrBlock: "0.0.0.0/0" },
                });
            } else if (lower === "private" && natStrategy !== "none") {
                const nat = natStrategy === "single" ? natKeys[0] : natKeys[i];
                children.push({
                    type: types.route, name: spec.resourceName, key: keyOf(types.route, spec.resourceName), parent: rtKey, dependsOn: [rtKey],
                    properties: {
                        region: a.region, routeTableId: ref(rtKey, "id"),
                        natGatewayId: nat !== undefined ? ref(nat, "id") : unknownInput, destinationCidrBlock: "0.0.0.0/0",
                    },
                });
            }
            // Isolated subnets get no route.
        }
    }

    const endpointKeys: string[] = [];
    for (const { spec, endpointType } of endpoints) {
        const serviceName = spec.serviceName as string;
        const region = spec.region !== undefined ? spec.region : a.region; // 360
        const autoInterface = endpointStrategy === "Auto" && endpointType === "interface";
        const autoGateway = endpointStrategy === "Auto" && endpointType === "gateway";
        const subnetIdsOf = autoInterface && spec.subnetIds === undefined && spec.subnetConfigurations === undefined
            ? endpointSubnets(generated, azs.length).map(k => ref(k, "id")) : spec.subnetIds;
        const privateDnsEnabled = autoInterface && spec.privateDnsEnabled === undefined ? true : spec.privateDnsEnabled;
        let securityGroupIds = spec.securityGroupIds;
        if (autoInterface && spec.securityGroupIds === undefined) {
            // 791-824 createVpcEndpointSecurityGroupId: HTTPS in from the VPC's CIDR.
            const sgKey = keyOf(types.securityGroup, `${serviceName}-sg`);
            const endpointTags = sharedTags === unknownInput || spec.tags === unknownInput ? unknownInput : spread(sharedTags, spec.tags);
            children.push({
                type: types.securityGroup, name: `${serviceName}-sg`, key: sgKey, parent: vpcKey, dependsOn: [vpcKey],
                properties: { region, vpcId: ref(vpcKey, "id"), tags: endpointTags },
            });
            const ipType = typeof spec.ipAddressType === "string" ? spec.ipAddressType.toLowerCase() : undefined;
            children.push({
                type: types.securityGroupRule, name: `${serviceName}-ingress`, key: keyOf(types.securityGroupRule, `${serviceName}-ingress`),
                parent: vpcKey, dependsOn: [sgKey],
                properties: {
                    region, type: "ingress", securityGroupId: ref(sgKey, "id"), protocol: "tcp", fromPort: 443, toPort: 443,
                    cidrBlocks: [ref(vpcKey, "cidrBlock")],
                    ...(ipType === "ipv6" || ipType === "dualstack" ? { ipv6CidrBlocks: [ref(vpcKey, "ipv6CidrBlock")] } : {}),
                },
            });
            securityGroupIds = [ref(sgKey, "id")];
        }
        const routeTableIds = autoGateway && spec.routeTableIds === undefined ? routeTableKeys.map(k => ref(k, "id")) : spec.routeTableIds;
        const key = keyOf(types.vpcEndpoint, serviceName);
        children.push({
            type: types.vpcEndpoint, name: serviceName, key, parent: vpcKey, dependsOn: [vpcKey],
            properties: {
                ...pick(spec, sdkInputs.vpcEndpoint),
                privateDnsEnabled, region, routeTableIds, securityGroupIds, subnetIds: subnetIdsOf,
                tags: sharedTags === unknownInput || spec.tags === unknownInput ? unknownInput : spread(sharedTags, spec.tags),
                vpcId: ref(vpcKey, "id"),
            },
        });
        endpointKeys.push(key);
    }

    return {
        children: children.map(dropUndefined),
        outputs: output => ({
            vpcId: output(vpcKey, "id"),
            publicSubnetIds: subnetIds.public.map(k => output(k, "id")),
            privateSubnetIds: subnetIds.private.map(k => output(k, "id")),
            isolatedSubnetIds: subnetIds.isolated.map(k => output(k, "id")),
        }),
    };
}

function dropUndefined(g: ChildGoal): ChildGoal {
    return { ...g, properties: Object.fromEntries(Object.entries(g.properties).filter(([, v]) => v !== undefined)) };
}

/** 224-228 and 255-259: shared tags, the spec's tags, then Name and SubnetType. */
function subnetTags(shared: unknown, specTags: unknown, nameTag: Maybe<string>, type: string): unknown {
    if (shared === unknownInput || specTags === unknownInput) return unknownInput;
    return { ...spread(shared, specTags) as Record<string, unknown>, Name: nameTag, SubnetType: type };
}

/** 887-895 tryGetVpcEndpointType: gateway when absent, lower-cased when a plain string, else not known. */
function endpointTypeOf(spec: Record<string, unknown>): string | undefined {
    if (spec.vpcEndpointType === undefined) return "gateway";
    return typeof spec.vpcEndpointType === "string" ? spec.vpcEndpointType.toLowerCase() : undefined;
}

/** 846-866 selectVpcEndpointSubnetIds: one subnet per AZ, private first, then isolated, then public. */
function endpointSubnets(generated: { key: string; type: string; azIndex: number }[], azCount: number): string[] {
    const out: string[] = [];
    for (let az = 0; az < azCount; az++) {
        for (const type of ["private", "isolated", "public"]) {
            const s = generated.find(g => g.azIndex === az && g.type === type);
            if (s) {
                out.push(s.key);
                break;
            }
        }
    }
    return out;
}

/**
 * 118-129 and 657-673 getDefaultAzs: availabilityZoneNames, else the first numberOfAvailabilityZones
 * (default 3) zones getAvailabilityZones answers, for the component's region if it names one. Where
 * more zones are asked for than the offline answer has, the extra zones' names are unknown.
 */
function availabilityZones(c: ModelContext): Maybe<string>[] {
    const explicit = list(c.inputs.availabilityZoneNames);
    if (explicit && explicit.length > 0) {
        return explicit.map(z => typeof z === "string" ? z : unknownInput);
    }
    const n = knownNumber(c.inputs.numberOfAvailabilityZones);
    const count = n !== undefined && Number.isInteger(n) && n > 0 ? n : 3;
    const region = knownString(c.inputs.region);
    const known: Maybe<string>[] = region === undefined || region === c.region ? [...c.availabilityZones]
        : c.availabilityZones.map(z => z.startsWith(c.region) ? `${region}${z.slice(c.region.length)}` : unknownInput);
    const out = known.slice(0, count);
    while (out.length < count) out.push(unknownInput);
    return out;
}
