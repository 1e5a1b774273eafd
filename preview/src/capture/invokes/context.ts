import { isUnknown } from "../../wire";
import { hexFrom, uuidFrom } from "../synth";

export interface InvokeContext {
    region: string;
    account: string;
    /** The region's zones, as getAvailabilityZones answers them (component models use them too). */
    availabilityZones: string[];
    /** Invokes with neither a hand-written nor a generic answer; reported once each as a warning. */
    unanswered: Set<string>;
    /** Invokes answered only from the function's declared result type (plausible shape, invented values). */
    generic: Set<string>;
    /** Folder from which the program resolves its provider SDKs (where the generic answer reads their declarations). */
    resolveFrom?: string;
    /**
     * Facts earlier answers established, so later ones agree with them within a run: a subnet id that
     * getSubnets returned maps to the VPC it was listed for, so getSubnet({id}) names the same VPC.
     */
    facts?: Map<string, string>;
}

export type Inputs = Record<string, any>;

/**
 * What a data source answers when the thing it looks up does not exist in a fresh account (an OIDC
 * provider, say): the invoke fails, as it would against AWS, and the program takes its "create" path.
 */
export class LookupNotFound extends Error {
    constructor(message: string) {
        super(message);
        this.name = "LookupNotFound";
    }
}
export type Answer = (inputs: Inputs, c: InvokeContext) => Record<string, any>;

/** Every timestamp an answer carries: fixed, so runs are reproducible (matches synth's createDate). */
export const fixedDate = "2026-01-01T00:00:00Z";
export const zoneSuffixes = ["a", "b", "c"];

/** Whether a value is usable: unknowns (preview-time outputs not yet computed) count as absent. */
export function known(v: unknown): boolean {
    if (v === undefined || v === null || isUnknown(v)) return false;
    if (Array.isArray(v)) return v.every(known);
    if (typeof v === "object") return Object.values(v as object).every(e => e === undefined || known(e));
    return true;
}

/** A string input, or undefined when absent, unknown or not a string. */
export function str(v: unknown): string | undefined {
    return typeof v === "string" && !isUnknown(v) && v !== "" ? v : undefined;
}

/** The values of the `filter` blocks named `name` (EC2-style `[{name, values}]`), known ones only. */
export function filterValues(i: Inputs, name: string): string[] {
    const filters = Array.isArray(i.filters) ? i.filters : Array.isArray(i.filter) ? i.filter : [];
    const out: string[] = [];
    for (const f of filters) {
        if (f && typeof f === "object" && f.name === name && Array.isArray(f.values)) {
            out.push(...f.values.filter((v: unknown): v is string => str(v) !== undefined));
        }
    }
    return out;
}

/** JSON with sorted keys: the seed of every invented value, so equal inputs give equal answers. */
export function stableJson(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
    if (v && typeof v === "object") {
        return `{${Object.keys(v).sort().filter(k => (v as any)[k] !== undefined).map(k => `${JSON.stringify(k)}:${stableJson((v as any)[k])}`).join(",")}}`;
    }
    return JSON.stringify(v) ?? "null";
}

export function seedOf(token: string, i: Inputs, c: InvokeContext, extra = ""): string {
    return `${token}|${c.region}|${stableJson(i)}|${extra}`;
}

/** An EC2-style id (`vpc-0a1b...`): 17 hex digits as AWS issues them. */
export function ec2Id(prefix: string, seed: string): string {
    return `${prefix}-0${hexFrom(seed, 16)}`;
}

export function upperId(prefix: string, seed: string, length = 17): string {
    return `${prefix}${hexFrom(seed, length).toUpperCase()}`;
}

export { hexFrom, uuidFrom };

/** The region an aws data source acts in: its `region` argument (provider v7) or the stack's. */
export function regionOf(i: Inputs, c: InvokeContext): string {
    return str(i.region) ?? c.region;
}

/** AWS's zone-id code for a region: us-east-1 → use1, ap-southeast-2 → apse2, eu-central-1 → euc1. */
export function zoneIdCode(region: string): string {
    const m = /^([a-z]+)-([a-z]+)-(\d+)$/.exec(region);
    if (!m) return region.replace(/-/g, "").slice(0, 5);
    const direction = m[2].replace("north", "n").replace("south", "s").replace("east", "e").replace("west", "w").replace("central", "c");
    return `${m[1]}${direction}${m[3]}`;
}

export function zonesOf(region: string): string[] {
    return zoneSuffixes.map(s => `${region}${s}`);
}

export function zoneIdsOf(region: string): string[] {
    return zoneSuffixes.map((_s, n) => `${zoneIdCode(region)}-az${n + 1}`);
}

export function remember(c: InvokeContext, key: string, value: string): void {
    (c.facts ??= new Map()).set(key, value);
}

export function recall(c: InvokeContext, key: string): string | undefined {
    return c.facts?.get(key);
}

/** A PEM block with deterministic base64 content: the right armour for parsers that only check it. */
export function fakePem(label: string, seed: string, bytes = 600): string {
    const body = Buffer.from(hexFrom(seed, bytes * 2), "hex").toString("base64").replace(/(.{64})/g, "$1\n").trimEnd();
    return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
