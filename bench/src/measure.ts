// Small measurement helpers: statistics, the order of the packs in a round, and what /proc says about
// a pack process.
import * as fs from "fs";

export interface Stat {
    median: number;
    min: number;
    max: number;
    samples: number[];
}

export function stat(samples: number[]): Stat {
    const s = samples.filter(x => Number.isFinite(x)).sort((a, b) => a - b);
    if (!s.length) return { median: NaN, min: NaN, max: NaN, samples };
    const m = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return { median: m, min: s[0], max: s[s.length - 1], samples };
}

/** A ratio of medians, with the min/max of the per-round ratios (each round measures both sides). */
export interface Ratio {
    ratio: number;
    min: number;
    max: number;
}

export function ratio(a: number[], b: number[]): Ratio {
    const per = a.map((x, i) => x / b[i]).filter(Number.isFinite);
    const s = stat(per);
    return { ratio: stat(a).median / stat(b).median, min: s.min, max: s.max };
}

/**
 * The packs in the order of round `round`: rotated by one each round, so that drift in the machine's
 * load falls on all of them alike, and each round measures every pack once (which ratio() relies on).
 */
export function rotated<T>(xs: T[], round: number): T[] {
    const k = round % xs.length;
    return [...xs.slice(k), ...xs.slice(0, k)];
}

function procStatus(pid: number): string {
    try {
        return fs.readFileSync(`/proc/${pid}/status`, "utf8");
    } catch {
        return "";
    }
}

function kbField(status: string, field: string): number {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return m ? Number(m[1]) : NaN;
}

/** Peak resident set size (VmHWM) of a live process, in MB. */
export function peakRssMb(pid: number | undefined): number {
    return pid === undefined ? NaN : kbField(procStatus(pid), "VmHWM") / 1024;
}

const clockTicks = 100; // getconf CLK_TCK on Linux

/** User + system CPU time of a live process so far, in ms (10 ms resolution). */
export function cpuMs(pid: number | undefined): number {
    if (pid === undefined) return NaN;
    try {
        const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const rest = s.slice(s.lastIndexOf(")") + 2).split(" ");
        return (Number(rest[11]) + Number(rest[12])) * 1000 / clockTicks;
    } catch {
        return NaN;
    }
}

export function nowMs(): number {
    return Number(process.hrtime.bigint()) / 1e6;
}
