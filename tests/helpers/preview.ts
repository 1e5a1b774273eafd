// Runs programs and packs through the offline preview, the engine-faithful path, for tests.
import * as path from "path";
import { PackPool, PreviewOptions, PreviewResult, ReportDiagnostic, runPreview } from "../../preview/src";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const policyPackDir = path.join(repoRoot, "policy");
export const fixturesDir = path.join(repoRoot, "tests", "fixtures");

/**
 * Packs kept running across the tests of one mocha run (stopped by the root hook in hooks.ts): a
 * pack costs over a second to start, and most tests preview with the same pack and stack context.
 */
export const sharedPackPool = new PackPool();

export type InlineOptions = Omit<PreviewOptions, "program" | "policyPacks"> & {
    policyPacks?: string[];
    /** The run is expected to end early (program error, update stopped, pack failure); otherwise that fails the test. */
    allowFailure?: boolean;
    /** Start and stop the run's own packs, as the CLI does, instead of sharing them (tests of process lifetimes). */
    ownPacks?: boolean;
};

/**
 * Previews an inline program with our pack. Policy tests judge every resource: in update mode the
 * run does not stop at the first mandatory violation as `pulumi up` does (pass stopOnMandatory: true
 * to test that).
 */

export async function previewProgram(program: () => unknown, o: InlineOptions = {}): Promise<PreviewResult> {
    const { allowFailure, ownPacks, ...options } = o;
    const result = await runPreview({
        project: "test",
        stack: "dev",
        config: { "aws:region": "eu-west-1", ...(options.config ?? {}) },
        ...options,
        program,
        policyPacks: options.policyPacks ?? [policyPackDir],
        programOutput: options.programOutput ?? (() => undefined),
        stopOnMandatory: options.stopOnMandatory ?? false,
        packPool: ownPacks ? undefined : options.packPool ?? sharedPackPool,
    });
    if (result.failure && !allowFailure) {
        throw new Error(`the run ended early (${result.failure.kind}): ${result.failure.message}\n${result.failure.details.join("\n")}`);
    }
    return result;
}

/** Diagnostics of one policy, optionally only those about the resource with this logical name. */
export function findings(result: PreviewResult, policyName: string, resourceName?: string): ReportDiagnostic[] {
    return result.diagnostics.filter(d => d.policyName === policyName && (resourceName === undefined || d.resourceName === resourceName));
}

/** Not-applicable reasons of one policy for one resource. */
export function notApplicableReasons(result: PreviewResult, policyName: string, resourceName: string): string[] {
    const urns = new Set(result.resources.filter(r => r.name === resourceName).map(r => r.urn));
    return result.notApplicable.filter(n => n.policyName === policyName && urns.has(n.urn)).map(n => n.reason);
}

/** Names of the resources a policy reported, at a given level. */
export function flagged(result: PreviewResult, policyName: string, level?: "mandatory" | "advisory"): string[] {
    return [...new Set(result.diagnostics
        .filter(d => d.policyName === policyName && !d.undecidable && (level === undefined || d.enforcementLevel === level))
        .map(d => d.resourceName))].sort();
}

/** Names of resources for which the policy could not decide during preview (SDK advisory). */
export function undecided(result: PreviewResult, policyName: string): string[] {
    return [...new Set(result.diagnostics.filter(d => d.policyName === policyName && d.undecidable).map(d => d.resourceName))].sort();
}
