// npm run bench: start-up and evaluation cost of the PCI DSS pack, side by side with an empty pack and
// AWSGuard, measured through the engine's launch path and protocol (preview/src/engine/pack.ts), and the
// offline preview end to end. Prints a table and writes bench/results.json. See bench/README.md.
//
// This file only sequences the parts and assembles the report; each part is measured in its own module
// (cold-start.ts, evaluation.ts, preview-cli.ts, profiling.ts), and tables.ts/targets.ts turn the
// measurements into the report.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ColdResult, coldStart } from "./cold-start";
import { Evaluation, evaluation } from "./evaluation";
import { log } from "./log";
import { midAndLarge, parseArgs } from "./options";
import { allPacks, benchDir, empty, ours, oursTs, repoRoot, sdkFloor } from "./packs";
import { PreviewResult, previews } from "./preview-cli";
import { Profiles, profilePacks, profileTables } from "./profiling";
import { writeProgram } from "./program";
import { runInfo } from "./run-info";
import { coldStartTable, evaluationTable, previewTable } from "./tables";
import { Target, coldStartRatios, coldStartTargets, evaluationTargets, targetsJson, targetsTable } from "./targets";

/** results.json, in the order its keys are written. */
interface Results {
    meta: ReturnType<typeof runInfo>;
    /** Pack id -> ColdResult, and `ratios` (coldStartRatios). */
    coldStart?: Record<string, ColdResult | ReturnType<typeof coldStartRatios>>;
    evaluation?: Evaluation;
    preview?: PreviewResult[];
    profile?: Profiles;
    targets?: object[];
}

async function main(): Promise<void> {
    const o = parseArgs(process.argv.slice(2));
    const packs = allPacks.filter(p => o.packs.has(p.id));
    const started = new Date();
    log(`bench: ${os.cpus().length} CPUs, load average ${os.loadavg().map(x => x.toFixed(1)).join(" ")}; ` +
        `cold start x${o.coldRuns}, evaluation x${o.evalRuns} at ${o.sizes.join("/")}, preview x${o.previewRuns}`);
    for (const p of packs) p.prepare?.();
    const results: Results = { meta: runInfo(o, packs, started) };
    const targets: Target[] = [];
    const report: string[] = [];
    try {
        if (o.parts.has("cold")) {
            log("1. cold start (spawn to port)");
            // sdk-floor loads policy/bin and a second @pulumi/policy: not a start-up floor, evaluation only.
            const coldPacks = packs.filter(p => p.id !== sdkFloor.id);
            const cold = await coldStart(coldPacks, o.coldRuns);
            results.coldStart = { ...cold, ratios: coldStartRatios(cold, coldPacks) };
            report.push(coldStartTable(cold, coldPacks, o.coldRuns));
            targets.push(...coldStartTargets(cold));
        }

        if (o.parts.has("eval")) {
            log("2. evaluation (Remediate+Analyze per resource, one AnalyzeStack)");
            // The type-checked sources evaluate exactly like the compiled pack once started: not repeated.
            const evalPacks = packs.filter(p => p.id !== oursTs.id);
            const ev = await evaluation(evalPacks, o.sizes, o.evalRuns);
            results.evaluation = ev;
            report.push(evaluationTable(ev, evalPacks, o.sizes, o.evalRuns));
            targets.push(...evaluationTargets(ev, o.sizes));
        }

        if (o.parts.has("preview")) {
            log("3. offline preview end to end");
            const generated = path.join(benchDir, "programs", `pipelines-${o.programSize}`);
            writeProgram(generated, o.programSize);
            const pv = await previews([{ name: "stack (reference)", dir: path.join(repoRoot, "stack") }, { name: `generated ${o.programSize}`, dir: generated }],
                [ours, empty], o.previewRuns);
            results.preview = pv;
            report.push(previewTable(pv, o.previewRuns));
        }

        // At the size the evaluation targets are judged at, to say what is ours and what is the SDK's.
        if (o.profile && o.parts.has("eval") && packs.includes(ours)) {
            const [size] = midAndLarge(o.sizes);
            log(`profile: pci-dss and empty at ${size} resources with --cpu-prof`);
            results.profile = await profilePacks([ours, empty], size);
            report.push(...profileTables(results.profile, ours, empty, size));
        }
    } finally {
        for (const p of packs) p.cleanup?.();
    }

    report.push(targetsTable(targets));
    results.targets = targetsJson(targets);
    results.meta.finished = new Date().toISOString();
    results.meta.loadAverageAtEnd = os.loadavg();
    fs.writeFileSync(o.out, JSON.stringify(results, null, 2) + "\n");
    console.log(report.join("\n\n"));
    console.log(`\nMachine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}, load average ${results.meta.loadAverageAtStart.map((x: number) => x.toFixed(1)).join(" ")} at start. Results: ${path.relative(process.cwd(), o.out)}`);
}

main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
