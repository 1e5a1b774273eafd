// awsx:ec2:Vpc subnet planning: which subnets awsx creates in which AZ with which CIDR blocks, as
// awsx/ec2/subnetDistributorNew.ts and subnetDistributorLegacy.ts decide it (line numbers of those files).
import { Unknown, isRecord, knownNumber, list } from "./common";
import { Address4, Netmask, cidrSubnetV4, isOverlapping, nextBlock } from "./vpc-cidr";
import { unknownInput } from "../model";

export type Maybe<T> = T | Unknown;

/** A subnet awsx will create (awsx/ec2/subnetSpecs.ts SubnetSpec), with its AZ's index. */
export interface SubnetPlan {
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
export interface SpecInput {
    type: string;
    name?: string;
    cidrMask?: number;
    cidrBlocks?: unknown[];
    assignIpv6AddressOnCreation?: unknown;
    tags?: unknown;
}

/** 450-464 decideCidrBlockVpcInput: the given block; none when an IPAM pool allocates it; else 10.0.0.0/16. */
export function decideCidrBlock(a: Record<string, unknown>): Maybe<string> | undefined {
    if (a.cidrBlock !== undefined) return typeof a.cidrBlock === "string" ? a.cidrBlock : unknownInput;
    if (a.ipv4IpamPoolId !== undefined) return undefined;
    return "10.0.0.0/16";
}

/** 1032-1047 shouldCreateNatGateway. */
export function shouldCreateNatGateway(strategy: string, count: number, azIndex: number): boolean {
    if (strategy === "none") return false;
    if (strategy === "single") return count < 1;
    return count < azIndex + 1;
}

/** 1049-1072 compareSubnetSpecs, as written (public first, isolated last; types compared case-sensitively first). */
export function compareSubnetTypes(s1: { type: string }, s2: { type: string }): number {
    if (s1.type === s2.type) return 0;
    if (s1.type.toLowerCase() === "public") return -1;
    if (s1.type.toLowerCase() === "private" && s2.type.toLowerCase() === "public") return 1;
    if (s1.type.toLowerCase() === "private" && s2.type.toLowerCase() === "isolated") return -1;
    return 1;
}

// ---- subnet layout (559-655 decideSubnetSpecs) ----

export function subnetPlans(vpcName: string, a: Record<string, unknown>, azs: Maybe<string>[], cidrBlock: Maybe<string> | undefined): SubnetPlan[] {
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

export function plan(azIndex: number, azName: Maybe<string>, spec: SpecInput, cidrBlock: Maybe<string>,
    names: (spec: SpecInput, azIndex: number) => { resourceName: string; nameTag: Maybe<string> }): SubnetPlan {
    return {
        azIndex, azName, type: spec.type, ...names(spec, azIndex), cidrBlock,
        assignIpv6AddressOnCreation: spec.assignIpv6AddressOnCreation, tags: spec.tags,
    };
}

/** subnetNaming.ts:39-74: `${vpc}-${name ?? type}-${azNum}` for the resource; the AZ suffix in the Name tag under "AvailabilityZone". */
export function subnetNames(vpcName: string, spec: { name?: string; type: string }, azIndex: number, azName: Maybe<string>, strategy: string): { resourceName: string; nameTag: Maybe<string> } {
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
export function normalizeSpecs(v: unknown): { specs: SpecInput[]; explicit: boolean } | undefined {
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

export function indexOfSize(size: number): number | undefined {
    for (let m = 0; m <= 32; m++) {
        if (2 ** (32 - m) === size) return m;
    }
    return undefined; // awsx: indexOf gives -1 and validation rejects the size
}

export function defaultSpecsBare(): SpecInput[] {
    return [{ type: "Private" }, { type: "Public" }];
}

/** subnetDistributorNew.ts:213-244 mergeWithDefaultSubnetSpecs: a spec overrides the unnamed default of its type. */
export function mergeWithDefaults(user: SpecInput[], defaults: SpecInput[]): SpecInput[] {
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
export function allocateNew(vpcCidr: string, azCount: number, userSpecs: SpecInput[] | undefined, azCidrMask: number | undefined, autoMerge: boolean): (string | undefined)[][] | undefined {
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
export function defaultSpecsWithMasks(azBitmask: number): SpecInput[] {
    const base = Math.max(azBitmask, 16);
    return defaultSpecsBare().map((s, i) => ({ ...s, cidrMask: base + i + 1 }));
}

/** subnetDistributorNew.ts:286-291 */
export function newBits(count: number): number {
    return count === 0 ? 0 : Math.ceil(Math.log2(count));
}

/**
 * subnetDistributorLegacy.ts:25-216 getSubnetSpecsLegacy: the VPC split into a power-of-two number of
 * AZ blocks; by default a private subnet in each AZ block's first half and a public /(half+1) after it;
 * with subnetSpecs, per AZ the private specs (default /19), then public (/20), then isolated (/24).
 */
export function legacyPlans(vpcCidr: string | undefined, azs: Maybe<string>[], specs: SpecInput[] | undefined,
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
export function nextPow2(n: number): number {
    if (n === 0) return 1;
    let p = 1;
    while (p < n) p *= 2;
    return p;
}

// ---- IPv4 arithmetic, as the two libraries awsx uses do it ----
