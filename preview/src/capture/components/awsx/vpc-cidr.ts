// IPv4 CIDR arithmetic as awsx uses it (the ip-address and netmask packages' behaviour, reimplemented
// so the model has no dependencies).
export const two32 = 2 ** 32;

export function maskBits(mask: number): number {
    return mask <= 0 ? 0 : mask >= 32 ? 0xffffffff : (0xffffffff << (32 - mask)) >>> 0;
}

export function parseIp(s: string): number | undefined {
    const parts = s.split(".");
    if (parts.length !== 4 || parts.some(p => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function formatIp(n: number): string {
    return [24, 16, 8, 0].map(s => Math.floor(n / 2 ** s) % 256).join(".");
}

/**
 * An ip-address Address4 (the legacy allocator's library): the address as written (host bits kept)
 * with its mask; `text` is how awsx prints it, `a.b.c.d/n`.
 */
export class Address4 {
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
export function cidrSubnetV4(range: Address4, newBits: number, netNum: number): Address4 | undefined {
    const mask = range.mask + newBits;
    if (mask > 32 || mask < 0) return undefined; // awsx throws
    const address = range.address + 2 ** (32 - mask) * netNum;
    return address < two32 ? new Address4(address, mask) : undefined;
}

export function isOverlapping(a: Address4, b: Address4): boolean {
    return a.start <= b.end && b.start <= a.end;
}

/** subnetDistributorLegacy.ts:272-287 nextBlock: the block of the given size after the one holding prev's last address. */
export function nextBlock(prev: Address4, mask: number): Address4 | undefined {
    const holding = new Address4(prev.end, mask);
    return Address4.fromNumber(holding.end + 1) ? new Address4(holding.end + 1, mask) : undefined;
}

/** A `netmask` Netmask (the new allocator's library): the network, masked, and its size. */
export class Netmask {
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
