// Starts a bench pack exactly as a preview starts it, up to the point where it can evaluate resources:
// PolicyPackProcess.start (spawn `run-policy-pack` as the language host does, read the port, then
// ConfigureStack and GetPluginInfo as the engine does), GetAnalyzerInfo, and Configure with the config
// the CLI would reconcile when no --policy-pack-config is given. Cold start and evaluation share it, so
// both measure the same launch path.
import { reconcileConfig } from "../../preview/src/engine/config";
import { PolicyPackProcess, StackContext, locatePack } from "../../preview/src/engine/pack";
import { nowMs } from "./measure";
import { BenchPack } from "./packs";
import { project, stack } from "./synthetic";

/** The stack the packs are told about (ConfigureStack and the PULUMI_NODEJS_* environment): a preview. */
const ctx: StackContext = {
    project, stack, organization: "organization", dryRun: true,
    config: { "aws:region": "eu-west-1" }, secretKeys: [], tags: {},
};

/** A started and configured pack; readyMs runs from spawn to the end of Configure. */
export async function startConfigured(p: BenchPack, env?: Record<string, string>): Promise<{ pack: PolicyPackProcess; readyMs: number; policies: number }> {
    const t0 = nowMs();
    // AWSGuard under ts-node type-checking takes well over the CLI's 2-minute default on a loaded machine.
    const pack = await PolicyPackProcess.start(locatePack(p.dir), ctx, { timeoutMs: 300_000, env });
    try {
        const info = await pack.getAnalyzerInfo();
        // No user config (no --policy-pack-config), so no warnings: they are all about user config.
        await pack.configure(reconcileConfig(info, undefined, undefined, p.dir).config);
        return { pack, readyMs: nowMs() - t0, policies: info.policies.length };
    } catch (e) {
        await pack.kill();
        throw e;
    }
}
