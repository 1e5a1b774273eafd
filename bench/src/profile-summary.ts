// Summarises a V8 .cpuprofile: self time by where the code lives (ours, the SDK, protobuf, gRPC, GC...)
// and the top functions by self time.
import * as fs from "fs";

interface Node {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
}

export function category(url: string, fn: string): string {
    if (!url) {
        if (fn === "(garbage collector)") return "GC";
        if (fn === "(idle)") return "idle (waiting for requests)";
        if (fn === "(program)") return "V8/native (program)";
        return `native ${fn}`;
    }
    const u = url.replace(/\\/g, "/");
    if (/\/policy\/(bin|lib|policies|index)/.test(u) && !u.includes("node_modules") || /\/bench\/packs\/(?!.*node_modules)/.test(u)) return "ours (the pack's own code)";
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(u.slice(u.lastIndexOf("node_modules/") >= 0 ? 0 : 0));
    if (m) {
        const last = u.slice(u.lastIndexOf("node_modules/") + "node_modules/".length);
        const pkg = last.startsWith("@") ? last.split("/").slice(0, 2).join("/") : last.split("/")[0];
        if (pkg === "@pulumi/policy") return "@pulumi/policy (SDK)";
        if (pkg === "@pulumi/pulumi") return "@pulumi/pulumi (SDK)";
        if (pkg === "google-protobuf") return "google-protobuf (SDK's wire format)";
        if (pkg === "@grpc/grpc-js" || pkg === "@grpc/proto-loader") return "gRPC (SDK's transport)";
        if (pkg === "typescript" || pkg === "ts-node") return "TypeScript/ts-node";
        return pkg;
    }
    if (u.startsWith("node:") || !u.startsWith("/") && !u.startsWith("file:")) return "Node.js internals";
    return "other";
}

export interface ProfileSummary {
    /** CPU time sampled, idle excluded. */
    totalMs: number;
    byCategory: Record<string, number>;
    top: { fn: string; where: string; ms: number }[];
}

export function summariseProfile(file: string): ProfileSummary {
    const p = JSON.parse(fs.readFileSync(file, "utf8"));
    const nodes = new Map<number, Node>(p.nodes.map((n: Node) => [n.id, n]));
    const self = new Map<number, number>();
    const samples: number[] = p.samples ?? [];
    const deltas: number[] = p.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
        self.set(samples[i], (self.get(samples[i]) ?? 0) + (deltas[i] ?? 0) / 1000);
    }
    const byCategory: Record<string, number> = {};
    const byFn = new Map<string, { fn: string; where: string; ms: number }>();
    let totalMs = 0;
    for (const [id, ms] of self) {
        const n = nodes.get(id)!;
        const { functionName, url, lineNumber } = n.callFrame;
        const c = category(url, functionName);
        byCategory[c] = (byCategory[c] ?? 0) + ms;
        if (functionName !== "(idle)") totalMs += ms;
        const where = url ? `${url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "").replace(/^.*\/(policy|bench)\//, "$1/")}:${lineNumber + 1}` : "";
        const key = `${functionName}\u0000${where}`;
        const e = byFn.get(key) ?? { fn: functionName || "(anonymous)", where, ms: 0 };
        e.ms += ms;
        byFn.set(key, e);
    }
    // Categories under 1% of the total are summed into one line.
    for (const [c, ms] of Object.entries(byCategory)) {
        if (ms < totalMs / 100 && c !== "ours (the pack's own code)") {
            delete byCategory[c];
            byCategory["other (each < 1%)"] = (byCategory["other (each < 1%)"] ?? 0) + ms;
        }
    }
    const top = [...byFn.values()].filter(x => !x.fn.startsWith("(idle")).sort((a, b) => b.ms - a.ms).slice(0, 25);
    return { totalMs, byCategory, top };
}
