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

type Maybe<T> = T | Unknown;

/** A subnet awsx will create (awsx/ec2/subnetSpecs.ts SubnetSpec), with its AZ's index. */
interface SubnetPlan {
    azIndex: number;
    azName: Maybe<string>;
    type: string;
    /** The Pulumi resource name: always the index-based form (subnetNaming.ts:63-74). */
    resourceName: string;
    /** The AWS Name tag (differs from resourceName under subnetNameTagStrategy "AvailabilityZone"). */
    nameTag: Maybe<string>;
    cidrBlock: Maybe<string>;
    assignIpv6AddressOnCreation?: unknown;
    tags?: unknown;
}

/** A subnetSpecs entry, as validateAndNormalizeSubnetInputs leaves it (subnetDistributorNew.ts:330-458). */
interface SpecInput {
    type: string;
    name?: string;
    cidrMask?: number;
    cidrBlocks?: unknown[];
    assignIpv6AddressOnCreation?: unknown;
    tags?: unknown;
}

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

/** 450-464 decideCidrBlockVpcInput: the given block; none when an IPAM pool allocates it; else 10.0.0.0/16. */
function decideCidrBlock(a: Record<string, unknown>): Maybe<string> | undefined {
    if (a.cidrBlock !== undefined) return typeof a.cidrBlock === "string" ? a.cidrBlock : unknownInput;
    if (a.ipv4IpamPoolId !== undefined) return undefined;
    return "10.0.0.0/16";
}

/** 1032-1047 shouldCreateNatGateway. */
function shouldCreateNatGateway(strategy: string, count: number, azIndex: number): boolean {
    if (strategy === "none") return false;
    if (strategy === "single") return count < 1;
    return count < azIndex + 1;
}

/** 1049-1072 compareSubnetSpecs, as written (public first, isolated last; types compared case-sensitively first). */
function compareSubnetTypes(s1: { type: string }, s2: { type: string }): number {
    if (s1.type === s2.type) return 0;
    if (s1.type.toLowerCase() === "public") return -1;
    if (s1.type.toLowerCase() === "private" && s2.type.toLowerCase() === "public") return 1;
    if (s1.type.toLowerCase() === "private" && s2.type.toLowerCase() === "isolated") return -1;
    return 1;
}

// ---- subnet layout (559-655 decideSubnetSpecs) ----

function subnetPlans(vpcName: string, a: Record<string, unknown>, azs: Maybe<string>[], cidrBlock: Maybe<string> | undefined): SubnetPlan[] {
    // 136: subnetStrategy defaults to Legacy; an unknown one is taken as the default.
    const strategy = typeof a.subnetStrategy === "string" ? a.subnetStrategy : "Legacy";
    const nameTagStrategy = a.subnetNameTagStrategy === "AvailabilityZone" ? "AvailabilityZone" : "Legacy";
    const parsed = normalizeSpecs(a.subnetSpecs);
    // The VPC's CIDR as the allocators see it: a prompt string, or (IPAM, unknown) not known.
    const vpcCidr = typeof cidrBlock === "string" ? cidrBlock : undefined;
    const names = (spec: { name?: string; type: string }, azIndex: number) => subnetNames(vpcName, spec, azIndex, azs[azIndex], nameTagStrategy);

    // 685-703 pickSubnetAllocator
    let allocator: "legacy" | "explicit" | "new";
    if (parsed === undefined) allocator = strategy === "Auto" || strategy === "AutoMerge" ? "new" : "legacy";
    else if (strategy === "Legacy") allocator = "legacy";
    else allocator = parsed.explicit ? "explicit" : "new";

    if (allocator === "legacy") return legacyPlans(vpcCidr, azs, parsed?.specs, names);
    if (allocator === "explicit") {
        // subnetDistributorNew.ts:296-320 getSubnetSpecsExplicit: each spec's cidrBlocks[azIndex].
        return azs.flatMap((azName, azIndex) => parsed!.specs.map(spec => {
            const block = spec.cidrBlocks?.[azIndex];
            return plan(azIndex, azName, spec, typeof block === "string" ? block : unknownInput, names);
        }));
    }
    // subnetDistributorNew.ts:24-106 getSubnetSpecs / getSubnetSpecsAutoMerge
    const azCidrMask = knownNumber(a.availabilityZoneCidrMask);
    const autoMerge = strategy === "AutoMerge";
    const specs = autoMerge ? mergeWithDefaults(parsed?.specs ?? [], defaultSpecsBare()) : (parsed?.specs ?? defaultSpecsBare());
    const blocks = vpcCidr === undefined ? undefined : allocateNew(vpcCidr, azs.length, parsed?.specs, azCidrMask, autoMerge);
    return azs.flatMap((azName, azIndex) => specs.map((spec, j) => plan(azIndex, azName, spec, blocks?.[azIndex]?.[j] ?? unknownInput, names)));
}

function plan(azIndex: number, azName: Maybe<string>, spec: SpecInput, cidrBlock: Maybe<string>,
    names: (spec: SpecInput, azIndex: number) => { resourceName: string; nameTag: Maybe<string> }): SubnetPlan {
    return {
        azIndex, azName, type: spec.type, ...names(spec, azIndex), cidrBlock,
        assignIpv6AddressOnCreation: spec.assignIpv6AddressOnCreation, tags: spec.tags,
    };
}

/** subnetNaming.ts:39-74: `${vpc}-${name ?? type}-${azNum}` for the resource; the AZ suffix in the Name tag under "AvailabilityZone". */
function subnetNames(vpcName: string, spec: { name?: string; type: string }, azIndex: number, azName: Maybe<string>, strategy: string): { resourceName: string; nameTag: Maybe<string> } {
    const specName = spec.name ?? spec.type.toLowerCase();
    const resourceName = `${vpcName}-${specName}-${azIndex + 1}`;
    if (strategy !== "AvailabilityZone") return { resourceName, nameTag: resourceName };
    if (azName === unknownInput) return { resourceName, nameTag: unknownInput };
    const suffix = /^[a-z]{2}(?:-[a-z]+)+-/.test(azName) ? azName.replace(/^[a-z]{2}(?:-[a-z]+)+-/, "") : azName;
    return { resourceName, nameTag: `${vpcName}-${specName}-${suffix}` };
}

/**
 * subnetDistributorNew.ts:330-458 validateAndNormalizeSubnetInputs: cidrMask from size; explicit when
 * any spec has cidrBlocks. Specs without a plain string type cannot be named and are left out; the
 * consistency checks awsx fails on are not repeated (a spec lacking blocks gets unknown CIDRs).
 */
function normalizeSpecs(v: unknown): { specs: SpecInput[]; explicit: boolean } | undefined {
    const raw = list(v);
    if (!raw) return undefined;
    const specs: SpecInput[] = [];
    const seen = new Set<string>();
    for (const s of raw) {
        if (!isRecord(s) || typeof s.type !== "string") continue;
        // awsx refuses two specs that would give subnets the same name (subnetDistributorNew.ts:340-366); here the later one is left out.
        const specName = typeof s.name === "string" ? s.name : s.type.toLowerCase();
        if (seen.has(specName)) continue;
        seen.add(specName);
        const size = knownNumber(s.size);
        const mask = knownNumber(s.cidrMask) ?? (size ? indexOfSize(size) : undefined);
        specs.push({
            type: s.type,
            name: typeof s.name === "string" ? s.name : undefined,
            cidrMask: mask,
            cidrBlocks: s.cidrBlocks === unknownInput ? [] : list(s.cidrBlocks),
            assignIpv6AddressOnCreation: s.assignIpv6AddressOnCreation,
            tags: s.tags,
        });
    }
    return { specs, explicit: specs.some(s => s.cidrBlocks !== undefined) };
}

function indexOfSize(size: number): number | undefined {
    for (let m = 0; m <= 32; m++) {
        if (2 ** (32 - m) === size) return m;
    }
    return undefined; // awsx: indexOf gives -1 and validation rejects the size
}

function defaultSpecsBare(): SpecInput[] {
    return [{ type: "Private" }, { type: "Public" }];
}

/** subnetDistributorNew.ts:213-244 mergeWithDefaultSubnetSpecs: a spec overrides the unnamed default of its type. */
function mergeWithDefaults(user: SpecInput[], defaults: SpecInput[]): SpecInput[] {
    const overrides = new Map<string, SpecInput>();
    const extra: SpecInput[] = [];
    for (const spec of user) {
        const matches = defaults.some(d => d.type.toLowerCase() === spec.type.toLowerCase());
        if (matches && spec.name === undefined && !overrides.has(spec.type.toLowerCase())) {
            overrides.set(spec.type.toLowerCase(), spec);
            continue;
        }
        extra.push(spec);
    }
    return [...defaults.map(d => {
        const o = overrides.get(d.type.toLowerCase());
        // The normalized override always carries its own cidrMask (possibly undefined), which replaces the default's.
        return o ? { ...d, ...o } : d;
    }), ...extra];
}

/**
 * subnetDistributorNew.ts:123-201 allocateSubnetCidrBlocks (and the AutoMerge variant): the VPC split
 * into equal AZ blocks, each AZ's subnets packed in order, each after the previous one. [az][spec].
 */
function allocateNew(vpcCidr: string, azCount: number, userSpecs: SpecInput[] | undefined, azCidrMask: number | undefined, autoMerge: boolean): (string | undefined)[][] | undefined {
    const vpc = Netmask.parse(vpcCidr);
    if (!vpc) return undefined;
    const azBitmask = azCidrMask ?? vpc.bitmask + newBits(azCount);
    const defaults = defaultSpecsWithMasks(azBitmask);
    const specs = autoMerge ? mergeWithDefaults(userSpecs ?? [], defaults) : (userSpecs ?? defaults);
    if (specs.length === 0) return undefined;
    const defaultMask = azBitmask + newBits(specs.length);
    const out: (string | undefined)[][] = [];
    let az: Netmask | undefined = Netmask.of(vpc.netLong, azBitmask);
    for (let i = 0; i < azCount; i++) {
        const row: (string | undefined)[] = [];
        let current: Netmask | undefined;
        for (const spec of specs) {
            const mask = spec.cidrMask ?? defaultMask;
            current = current === undefined ? (az ? Netmask.of(az.netLong, mask) : undefined) : current.nextOfSize(mask);
            row.push(current?.toString());
        }
        out.push(row);
        az = az?.next();
    }
    return out;
}

/** subnetDistributorNew.ts:255-276 defaultSubnetInputs: Private /(az+1), Public /(az+2), at most /17 and /18. */
function defaultSpecsWithMasks(azBitmask: number): SpecInput[] {
    const base = Math.max(azBitmask, 16);
    return defaultSpecsBare().map((s, i) => ({ ...s, cidrMask: base + i + 1 }));
}

/** subnetDistributorNew.ts:286-291 */
function newBits(count: number): number {
    return count === 0 ? 0 : Math.ceil(Math.log2(count));
}

/**
 * subnetDistributorLegacy.ts:25-216 getSubnetSpecsLegacy: the VPC split into a power-of-two number of
 * AZ blocks; by default a private subnet in each AZ block's first half and a public /(half+1) after it;
 * with subnetSpecs, per AZ the private specs (default /19), then public (/20), then isolated (/24).
 */
function legacyPlans(vpcCidr: string | undefined, azs: Maybe<string>[], specs: SpecInput[] | undefined,
    names: (spec: SpecInput, azIndex: number) => { resourceName: string; nameTag: Maybe<string> }): SubnetPlan[] {
    const vpc = vpcCidr === undefined ? undefined : Address4.parse(vpcCidr);
    const newBitsPerAz = Math.log2(nextPow2(azs.length));
    const azBases = azs.map((_z, i) => vpc ? cidrSubnetV4(vpc, newBitsPerAz, i) : undefined);
    const cidr = (a: Address4 | undefined): Maybe<string> => a ? a.text : unknownInput;

    if (specs === undefined) {
        // 184-216 generateDefaultSubnets: all private subnets, then all public ones.
        const priv = azs.map((z, i) => {
            const block = azBases[i] ? cidrSubnetV4(azBases[i]!, 1, 0) : undefined;
            return { block, plan: plan(i, z, { type: "Private" }, cidr(block), names) };
        });
        const pub = azs.map((z, i) => {
            const split = priv[i].block ? cidrSubnetV4(priv[i].block!, 0, 1) : undefined;
            return plan(i, z, { type: "Public" }, cidr(split ? cidrSubnetV4(split, 1, 0) : undefined), names);
        });
        return [...priv.map(p => p.plan), ...pub];
    }

    const baseMask = azBases[0]?.mask;
    const byType = (t: string) => specs.filter(s => s.type.toLowerCase() === t);
    const [privIn, pubIn, isoIn] = [byType("private"), byType("public"), byType("isolated")];
    const bitsPerSubnet = specs.length === 1 ? 0 : 1;
    const out: SubnetPlan[] = [];
    azs.forEach((z, i) => {
        const base = azBases[i];
        // 76-78: the last block placed, starting with the address before the AZ block (null: none before 0.0.0.0);
        // undefined once a block could not be placed (awsx throws there).
        let current: Address4 | null | undefined = base ? (Address4.fromNumber(base.start - 1) ?? null) : undefined;
        const place = (spec: SpecInput, from: Address4 | undefined, fromMask: number | undefined, defaultMask: number, j: number): Address4 | undefined => {
            if (!from || fromMask === undefined || baseMask === undefined || current === undefined) return undefined;
            const mask = spec.cidrMask ?? Math.max(baseMask + bitsPerSubnet, defaultMask);
            let next = cidrSubnetV4(from, mask - fromMask, j);
            if (next && current !== null && isOverlapping(current, next)) next = nextBlock(current, mask);
            current = next;
            return next;
        };
        const privOut: (Address4 | undefined)[] = [];
        const pubOut: (Address4 | undefined)[] = [];
        privIn.forEach((spec, j) => {
            // 80-102: the j-th block of its size in the AZ block.
            const block = place(spec, base, baseMask, 19, j);
            privOut.push(block);
            out.push(plan(i, z, { ...spec, type: "Private" }, cidr(block), names));
        });
        pubIn.forEach((spec, j) => {
            // 104-134: after the last private subnet (the block following it, same size), else the AZ block.
            const last = privOut.length > 0 ? privOut[privOut.length - 1] : base;
            const split = privOut.length > 0 ? (last ? cidrSubnetV4(last, 0, 1) : undefined) : base;
            const block = place(spec, split, last?.mask, 20, j);
            pubOut.push(block);
            out.push(plan(i, z, { ...spec, type: "Public" }, cidr(block), names));
        });
        isoIn.forEach((spec, j) => {
            // 136-176: after the last public subnet, else the last private one, else the AZ block.
            const last = pubOut.length > 0 ? pubOut[pubOut.length - 1] : privOut.length > 0 ? privOut[privOut.length - 1] : base;
            const split = pubOut.length > 0 || privOut.length > 0 ? (last ? cidrSubnetV4(last, 0, 1) : undefined) : base;
            const block = place(spec, split, last?.mask, 24, j);
            out.push(plan(i, z, { ...spec, type: "Isolated" }, cidr(block), names));
        });
    });
    return out;
}

/** subnetDistributorLegacy.ts:294-307 */
function nextPow2(n: number): number {
    if (n === 0) return 1;
    let p = 1;
    while (p < n) p *= 2;
    return p;
}

// ---- IPv4 arithmetic, as the two libraries awsx uses do it ----

const two32 = 2 ** 32;

function maskBits(mask: number): number {
    return mask <= 0 ? 0 : mask >= 32 ? 0xffffffff : (0xffffffff << (32 - mask)) >>> 0;
}

function parseIp(s: string): number | undefined {
    const parts = s.split(".");
    if (parts.length !== 4 || parts.some(p => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function formatIp(n: number): string {
    return [24, 16, 8, 0].map(s => Math.floor(n / 2 ** s) % 256).join(".");
}

/**
 * An ip-address Address4 (the legacy allocator's library): the address as written (host bits kept)
 * with its mask; `text` is how awsx prints it, `a.b.c.d/n`.
 */
class Address4 {
    constructor(readonly address: number, readonly mask: number) {}

    static parse(s: string): Address4 | undefined {
        const [ip, m, ...rest] = s.split("/");
        const address = parseIp(ip);
        const mask = m === undefined ? 32 : /^\d{1,2}$/.test(m) ? Number(m) : NaN;
        if (address === undefined || rest.length > 0 || !(mask >= 0 && mask <= 32)) return undefined;
        return new Address4(address, mask);
    }

    /** Address4.fromBigInteger: a single address (/32). */
    static fromNumber(n: number): Address4 | undefined {
        return n >= 0 && n < two32 ? new Address4(n, 32) : undefined;
    }

    get start(): number {
        return (this.address & maskBits(this.mask)) >>> 0;
    }

    get end(): number {
        return this.start + (two32 / 2 ** this.mask) - 1;
    }

    get text(): string {
        return `${formatIp(this.address)}/${this.mask}`;
    }
}

/** subnetDistributorLegacy.ts:218-238 cidrSubnetV4: the netNum-th block of mask+newBits from the (unmasked) address. */
function cidrSubnetV4(range: Address4, newBits: number, netNum: number): Address4 | undefined {
    const mask = range.mask + newBits;
    if (mask > 32 || mask < 0) return undefined; // awsx throws
    const address = range.address + 2 ** (32 - mask) * netNum;
    return address < two32 ? new Address4(address, mask) : undefined;
}

function isOverlapping(a: Address4, b: Address4): boolean {
    return a.start <= b.end && b.start <= a.end;
}

/** subnetDistributorLegacy.ts:272-287 nextBlock: the block of the given size after the one holding prev's last address. */
function nextBlock(prev: Address4, mask: number): Address4 | undefined {
    const holding = new Address4(prev.end, mask);
    return Address4.fromNumber(holding.end + 1) ? new Address4(holding.end + 1, mask) : undefined;
}

/** A `netmask` Netmask (the new allocator's library): the network, masked, and its size. */
class Netmask {
    constructor(readonly netLong: number, readonly bitmask: number) {}

    static parse(s: string): Netmask | undefined {
        const a = Address4.parse(s);
        return a ? Netmask.of(a.address, a.mask) : undefined;
    }

    static of(address: number, bitmask: number): Netmask | undefined {
        if (!(bitmask >= 0 && bitmask <= 32) || address < 0 || address >= two32) return undefined;
        return new Netmask((address & maskBits(bitmask)) >>> 0, bitmask);
    }

    get size(): number {
        return 2 ** (32 - this.bitmask);
    }

    /** `last`: the last usable address (the one before the broadcast address up to /30). */
    get last(): number {
        return this.bitmask <= 30 ? this.netLong + this.size - 2 : this.netLong + this.size - 1;
    }

    next(): Netmask | undefined {
        return Netmask.of(this.netLong + this.size, this.bitmask);
    }

    /** subnetDistributorNew.ts:278-284 nextNetmask */
    nextOfSize(bitmask: number): Netmask | undefined {
        return Netmask.of(this.last, bitmask)?.next();
    }

    toString(): string {
        return `${formatIp(this.netLong)}/${this.bitmask}`;
    }
}
