// The command line of `npm run bench -- ...`: which parts run, how often, at which sizes, with which
// packs. --quick only changes the defaults, so an explicit option still wins over it.
import * as path from "path";
import { allPacks, benchDir } from "./packs";

export interface Options {
    coldRuns: number;
    evalRuns: number;
    previewRuns: number;
    sizes: number[];
    programSize: number;
    parts: Set<string>;
    packs: Set<string>;
    profile: boolean;
    out: string;
    quick: boolean;
}

export const usage = `npm run bench -- [--quick] [--cold-runs N] [--eval-runs N] [--preview-runs N] [--sizes 1000,10000,40000]
    [--program-size 2000] [--parts cold,eval,preview] [--packs pci-dss,pci-dss-ts,empty,awsguard,sdk-floor] [--no-profile] [--out FILE]
  --quick: 2 cold-start runs, 1 evaluation run at 250/1,000/4,000 resources, 1 preview run of a 500-resource program.`;

export function parseArgs(argv: string[]): Options {
    const o: Options = {
        coldRuns: 5, evalRuns: 3, previewRuns: 3, sizes: [1000, 10000, 40000], programSize: 2000,
        parts: new Set(["cold", "eval", "preview"]), packs: new Set(allPacks.map(p => p.id)), profile: true,
        out: path.join(benchDir, "results.json"), quick: false,
    };
    const explicit = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const v = () => {
            const x = argv[++i];
            if (x === undefined) throw new Error(`${a} needs a value.\n${usage}`);
            explicit.add(a);
            return x;
        };
        const n = () => {
            const x = Number(v());
            if (!Number.isInteger(x) || x < 1) throw new Error(`${a} takes a positive integer.`);
            return x;
        };
        switch (a) {
            case "--quick": o.quick = true; break;
            case "--cold-runs": o.coldRuns = n(); break;
            case "--eval-runs": o.evalRuns = n(); break;
            case "--preview-runs": o.previewRuns = n(); break;
            case "--sizes": o.sizes = v().split(",").map(Number); break;
            case "--program-size": o.programSize = n(); break;
            case "--parts": o.parts = new Set(v().split(",")); break;
            case "--packs": o.packs = new Set(v().split(",")); break;
            case "--no-profile": o.profile = false; break;
            case "--out": o.out = path.resolve(v()); break;
            case "-h": case "--help": console.log(usage); process.exit(0); break;
            default: throw new Error(`Unknown option ${a}.\n${usage}`);
        }
    }
    if (o.quick) {
        if (!explicit.has("--cold-runs")) o.coldRuns = 2;
        if (!explicit.has("--eval-runs")) o.evalRuns = 1;
        if (!explicit.has("--preview-runs")) o.previewRuns = 1;
        if (!explicit.has("--sizes")) o.sizes = [250, 1000, 4000];
        if (!explicit.has("--program-size")) o.programSize = 500;
    }
    if (o.sizes.length < 1 || o.sizes.some(s => !Number.isInteger(s) || s < 3)) throw new Error("--sizes takes a list of integers >= 3.");
    return o;
}

/**
 * The two sizes the targets compare: the largest and the one before it (the README's 10,000 and
 * 40,000). With a single size both are that size, and the growth target is skipped.
 */
export function midAndLarge(sizes: number[]): [number, number] {
    return sizes.length >= 2 ? [sizes[sizes.length - 2], sizes[sizes.length - 1]] : [sizes[0], sizes[0]];
}
