// results.json's `meta`: what a result must be read against - the machine, its load, Node, the commit
// and the versions of the packages AWSGuard runs with - since absolute figures mean little without it.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Options } from "./options";
import { BenchPack, benchDir, repoRoot } from "./packs";

export function runInfo(o: Options, packs: BenchPack[], started: Date): Record<string, unknown> & { loadAverageAtStart: number[] } {
    return {
        started: started.toISOString(), node: process.version, platform: `${os.platform()} ${os.release()}`,
        cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverageAtStart: os.loadavg(),
        commit: gitCommit(), options: { ...o, parts: [...o.parts], packs: [...o.packs] },
        packs: Object.fromEntries(packs.map(p => [p.id, { label: p.label, dir: path.relative(repoRoot, p.dir) }])),
        awsguard: awsguardVersions(),
    };
}

function gitCommit(): string | undefined {
    try {
        return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
        return undefined;
    }
}

/** bench/'s own install: AWSGuard 0.3.1 brings its own, older @pulumi/aws (see package-lock.json). */
function awsguardVersions(): Record<string, string> | undefined {
    const v = (rel: string) => {
        try {
            return JSON.parse(fs.readFileSync(path.join(benchDir, "node_modules", rel, "package.json"), "utf8")).version;
        } catch {
            return undefined;
        }
    };
    return {
        "@pulumi/awsguard": v("@pulumi/awsguard"),
        "@pulumi/aws (AWSGuard's)": v("@pulumi/awsguard/node_modules/@pulumi/aws") ?? v("@pulumi/aws"),
        "@pulumi/policy": v("@pulumi/policy"),
        "@pulumi/pulumi": v("@pulumi/pulumi"),
    };
}
