import { PackLocation, PolicyPackProcess, StackContext } from "./pack";

/**
 * Running packs kept for the next run with the same pack and stack context, for callers that run
 * many previews in one process (a test suite): starting a pack costs a Node.js start and loading
 * @pulumi/pulumi, over a second each time. A reused pack is told the stack again (ConfigureStack) and
 * configured again (Configure) by the run, as the engine would a fresh one; its environment was set
 * at start from the same context, which is why the context is part of the key. A pack that failed a
 * call, or died, is never reused.
 */
export class PackPool {
    private readonly idle = new Map<string, PolicyPackProcess[]>();

    private static key(location: PackLocation, ctx: StackContext): string {
        return JSON.stringify([location.dir, ctx.project, ctx.stack, ctx.organization, ctx.dryRun, ctx.configureStack !== false, ctx.config]);
    }

    async acquire(location: PackLocation, ctx: StackContext, opts: { timeoutMs?: number } = {}): Promise<PolicyPackProcess> {
        const list = this.idle.get(PackPool.key(location, ctx)) ?? [];
        while (list.length > 0) {
            const p = list.pop()!;
            if (!p.healthy) {
                await p.kill();
                continue;
            }
            if (ctx.configureStack !== false) await p.configureStack(ctx);
            return p;
        }
        return PolicyPackProcess.start(location, ctx, opts);
    }

    async release(p: PolicyPackProcess, location: PackLocation, ctx: StackContext): Promise<void> {
        if (!p.healthy) {
            await p.kill();
            return;
        }
        const key = PackPool.key(location, ctx);
        const list = this.idle.get(key) ?? [];
        list.push(p);
        this.idle.set(key, list);
    }

    /** Stops every idle pack. */
    async close(): Promise<void> {
        const all = [...this.idle.values()].flat();
        this.idle.clear();
        await Promise.all(all.map(p => p.kill()));
    }
}
