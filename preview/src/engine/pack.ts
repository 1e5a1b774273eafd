import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { UserError } from "../errors";
import { CapturedResource } from "../model";
import { environmentTooLarge, splitArgs } from "../capture/launch";
import { WireProperties } from "../wire";
import { AnalyzerInfo, Diagnostic, EnforcementLevel, NotApplicable, PolicyInfo, Remediation, StackContext, levelNames, levelToProto, severityNames } from "./pack-types";
import { PackLocation } from "./pack-location";
import { analyzerproto, diagnosticsOf, notApplicableOf, optionsProto, providerProto, structFrom, withoutInternalKeys } from "./analyzer-wire";

// The protocol types come from the same @pulumi/pulumi that packs use, so messages are compatible.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const grpc = require("@grpc/grpc-js");
const analyzerrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const emptyproto = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [pulumiDir] }));

export * from "./pack-types";
export * from "./pack-location";

/**
 * One running policy pack, started exactly as the engine starts it: `node run-policy-pack <engine>
 * <pack>` with the pack folder as cwd and the PULUMI_NODEJS_* environment, reading the gRPC port from
 * the first line of stdout.
 */
export class PolicyPackProcess {
    private stderr = "";
    private exited: { code: number | null; signal: string | null } | undefined;
    /** Milliseconds from spawning the pack to reading its port (its cold start as the engine sees it). */
    spawnToPortMs = NaN;

    private constructor(readonly location: PackLocation, private readonly child: ChildProcess, private readonly client: any) {}

    static async start(location: PackLocation, ctx: StackContext, opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<PolicyPackProcess> {
        let runPolicyPack: string;
        try {
            runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [location.dir] });
        } catch {
            throw new UserError(`Policy pack ${location.dir} has no @pulumi/pulumi installed.`,
                "Run 'npm install' in the policy pack folder first.");
        }
        // sdk/nodejs/cmd/pulumi-language-nodejs/main.go:1646-1739 (RunPlugin): the engine's environment,
        // PULUMI_NODEJS_TYPESCRIPT unless the pack turns TypeScript off, and the stack's context from
        // ConfigureStack, each only when not empty. No PULUMI_CONFIG_SECRET_KEYS: the language host
        // does not pass it to packs.
        const env: Record<string, string> = { ...process.env as Record<string, string> };
        const set = (k: string, v: string) => { if (v !== "") env[k] = v; };
        if (location.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
        if (ctx.configureStack !== false) {
            set("PULUMI_NODEJS_ORGANIZATION", ctx.organization);
            set("PULUMI_NODEJS_PROJECT", ctx.project);
            set("PULUMI_NODEJS_STACK", ctx.stack);
            set("PULUMI_NODEJS_DRY_RUN", String(ctx.dryRun));
            set("PULUMI_CONFIG", JSON.stringify(ctx.config));
        }
        Object.assign(env, opts.env ?? {});
        // The engine's address is passed but never dialled by run-policy-pack.
        const spawnedAt = process.hrtime.bigint();
        // main.go:1690-1701: run-policy-pack, then nodeargs, then the engine's address and the pack's folder.
        const args = [runPolicyPack, ...splitArgs(location.nodeargs), "127.0.0.1:0", location.program];
        let child: ChildProcess;
        try {
            child = spawn(process.execPath, args, { cwd: location.dir, env, stdio: ["ignore", "pipe", "pipe"] });
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code === "E2BIG") throw environmentTooLarge(env as Record<string, string>, args, `Policy pack ${location.dir}`);
            throw e;
        }
        installExitHook();
        livePacks.add(child);
        child.on("exit", () => livePacks.delete(child));
        let stderr = "";
        child.stderr!.on("data", d => { stderr += d.toString(); if (stderr.length > 64_000) stderr = stderr.slice(-64_000); });

        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            const timeoutMs = opts.timeoutMs ?? 120_000;
            const timer = setTimeout(() => {
                cleanup();
                child.kill("SIGKILL");
                reject(new UserError(`Policy pack ${location.dir} did not start within ${timeoutMs / 1000} s.`,
                    "Check that it builds (npm run build) and does not wait on anything at load."));
            }, timeoutMs);
            const onData = (d: Buffer) => {
                out += d.toString();
                const nl = out.indexOf("\n");
                if (nl < 0) return;
                const first = out.slice(0, nl).trim();
                cleanup();
                if (/^\d+$/.test(first)) {
                    resolve(Number(first));
                } else {
                    child.kill("SIGKILL");
                    // sdk/policy_proxy.go:119-126 reads the port with Fscanf("%d\n").
                    reject(new UserError(`Policy pack ${location.dir} wrote '${first.slice(0, 80)}' to stdout before its port, so the engine cannot connect to it (could not read policy pack port: expected integer).`,
                        "Remove console.log/pulumi.log calls at the pack's top level; write diagnostics to stderr instead."));
                }
            };
            const onExit = (code: number | null) => {
                cleanup();
                const detail = lastLines(stderr);
                reject(new UserError(`Policy pack ${location.dir} exited (code ${code}) before it started${sentence(detail)}`,
                    "Fix the error above in the pack (run 'npm run build' and check its PulumiPolicy.yaml and package.json)."));
            };
            const cleanup = () => {
                clearTimeout(timer);
                child.stdout!.removeListener("data", onData);
                child.removeListener("exit", onExit);
            };
            child.stdout!.on("data", onData);
            child.on("exit", onExit);
        });
        const spawnToPortMs = Number(process.hrtime.bigint() - spawnedAt) / 1e6;
        // Anything the pack writes to stdout after the port is its own log, as with the engine.
        child.stdout!.resume();

        const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        const p = new PolicyPackProcess(location, child, client);
        p.spawnToPortMs = spawnToPortMs;
        child.stderr!.on("data", d => { p.stderr += d.toString(); if (p.stderr.length > 64_000) p.stderr = p.stderr.slice(-64_000); });
        p.stderr = stderr;
        child.on("exit", (code, signal) => { p.exited = { code, signal }; });
        // sdk/policy_proxy.go: the language host's proxy answers Handshake itself and forwards
        // ConfigureStack once the pack is up; then the engine calls GetPluginInfo.
        if (ctx.configureStack !== false) {
            await p.configureStack(ctx);
        }
        await p.getPluginInfo();
        return p;
    }

    /** Still running, and every call so far answered (a pack that failed a call is not reused). */
    get healthy(): boolean {
        return !this.exited && this.child.exitCode === null && !this.failedCall;
    }

    private failedCall = false;

    get pid(): number | undefined {
        return this.child.pid;
    }

    /**
     * The longest a single call may take. The engine sets none, so a policy stuck in a backtracking
     * regular expression would hang every preview of the organisation; here the run fails instead,
     * saying which call on which resource did not come back.
     */
    callTimeoutMs = 300_000;

    private call<T>(method: string, request: any, acceptUnimplemented = false, what = ""): Promise<T> {
        return new Promise<T>((resolve, reject) => {
            this.client[method](request, { deadline: Date.now() + this.callTimeoutMs }, (err: any, resp: T) => {
                if (err && acceptUnimplemented && err.code === grpc.status.UNIMPLEMENTED) {
                    resolve(undefined as T);
                } else if (err && err.code === grpc.status.DEADLINE_EXCEEDED) {
                    this.failedCall = true;
                    reject(new UserError(`Policy pack ${this.location.dir} did not answer ${method}${what ? ` for ${what}` : ""} within ${Math.round(this.callTimeoutMs / 1000)} s: ` +
                        "a policy is stuck (a loop, or a regular expression that backtracks on this input).",
                        "Fix the policy, or raise the limit with --policy-timeout SECONDS."));
                } else if (err) {
                    this.failedCall = true;
                    // A dropped connection usually means the pack died: let its exit be seen first.
                    this.exitedWithin(err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.INTERNAL ? 1000 : 0)
                        .then(() => reject(this.describeFailure(method, err)));
                } else {
                    resolve(resp);
                }
            });
        });
    }

    private exitedWithin(ms: number): Promise<void> {
        if (ms === 0 || this.exited) return Promise.resolve();
        return new Promise(resolve => {
            const t = setTimeout(resolve, ms);
            this.child.once("exit", () => { clearTimeout(t); setImmediate(resolve); });
        });
    }

    private describeFailure(method: string, err: any): Error {
        if (this.exited) {
            return new UserError(`Policy pack ${this.location.dir} crashed during ${method} (exit ${this.exited.code ?? this.exited.signal})${sentence(lastLines(this.stderr))}`,
                "A real preview fails the same way: fix the pack.");
        }
        const details = withoutStack(String(err?.details ?? err?.message ?? err));
        return new UserError(`Policy pack ${this.location.dir} failed in ${method}: ${details}`,
            "A policy that throws fails the whole preview in the real engine too: fix the policy so it handles this input.");
    }

    /** GetPluginInfo: the engine asks it (pkg/host/host.go:329); a Node pack answers its @pulumi/policy version. */
    async getPluginInfo(): Promise<string> {
        const resp: any = await this.call("getPluginInfo", new emptyproto.Empty(), true);
        return resp?.getVersion?.() ?? "";
    }

    async configureStack(ctx: StackContext): Promise<void> {
        const req = new analyzerproto.AnalyzerStackConfigureRequest();
        req.setStack(ctx.stack);
        req.setProject(ctx.project);
        req.setOrganization(ctx.organization);
        req.setDryRun(ctx.dryRun);
        const cm = req.getConfigMap();
        for (const [k, v] of Object.entries(ctx.config)) cm.set(k, v);
        req.setConfigSecretKeysList(ctx.secretKeys);
        const tm = req.getTagsMap();
        for (const [k, v] of Object.entries(ctx.tags ?? {})) tm.set(k, v);
        await this.call("configureStack", req);
    }

    private analyzerInfo?: Promise<AnalyzerInfo>;

    /** GetAnalyzerInfo; a pack's answer never changes, so a reused pack is asked once (a copy each time). */
    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        this.analyzerInfo ??= this.fetchAnalyzerInfo();
        this.analyzerInfo.catch(() => { this.analyzerInfo = undefined; });
        return structuredClone(await this.analyzerInfo);
    }

    private async fetchAnalyzerInfo(): Promise<AnalyzerInfo> {
        const ai: any = await this.call("getAnalyzerInfo", new emptyproto.Empty());
        const initialConfig: AnalyzerInfo["initialConfig"] = {};
        ai.getInitialconfigMap?.().forEach((v: any, k: string) => {
            const level = v.getEnforcementlevel?.();
            initialConfig[k] = {
                enforcementLevel: level === undefined ? undefined : levelNames[level],
                properties: v.getProperties?.()?.toJavaScript() ?? {},
            };
        });
        return {
            name: ai.getName(),
            version: this.location.version ?? ai.getVersion(),
            displayName: ai.getDisplayname(),
            supportsConfig: ai.getSupportsconfig(),
            initialConfig,
            policies: ai.getPoliciesList().map((p: any) => {
                const fw = p.getFramework?.();
                const schema = p.getConfigschema?.();
                const t = p.getPolicyType?.();
                return {
                    name: p.getName(),
                    displayName: p.getDisplayname(),
                    description: p.getDescription(),
                    enforcementLevel: levelNames[p.getEnforcementlevel()] ?? "advisory",
                    severity: severityNames[p.getSeverity?.() ?? 0] ?? "",
                    type: t === 1 ? "resource" : t === 2 ? "stack" : "unknown",
                    remediationSteps: p.getRemediationSteps?.() ?? "",
                    url: p.getUrl?.() ?? "",
                    tags: p.getTagsList?.() ?? [],
                    framework: fw ? { name: fw.getName(), version: fw.getVersion(), reference: fw.getReference(), specification: fw.getSpecification() } : undefined,
                    configSchema: schema ? { properties: schema.getProperties()?.toJavaScript() ?? {}, required: schema.getRequiredList() } : undefined,
                } as PolicyInfo;
            }),
        };
    }

    async configure(config: Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, any> }>): Promise<void> {
        const req = new analyzerproto.ConfigureAnalyzerRequest();
        const m = req.getPolicyconfigMap();
        for (const [name, c] of Object.entries(config)) {
            const pc = new analyzerproto.PolicyConfig();
            pc.setEnforcementlevel(levelToProto(c.enforcementLevel));
            pc.setProperties(structFrom(c.properties));
            m.set(name, pc);
        }
        await this.call("configure", req);
    }

    private resourceRequest(r: CapturedResource, inputs: WireProperties, lookup: (urn: string) => CapturedResource | undefined, forRemediate: boolean): any {
        const req = new analyzerproto.AnalyzeRequest();
        req.setType(r.type);
        req.setProperties(structFrom(forRemediate ? inputs : withoutInternalKeys(inputs)));
        req.setUrn(r.urn);
        req.setName(r.name);
        req.setOptions(optionsProto(r));
        const pr = providerProto(r, lookup);
        if (pr) req.setProvider(pr);
        return req;
    }

    async remediate(r: CapturedResource, inputs: WireProperties, lookup: (urn: string) => CapturedResource | undefined): Promise<{ remediations: Remediation[]; notApplicable: NotApplicable[] }> {
        const resp: any = await this.call("remediate", this.resourceRequest(r, inputs, lookup, true), false, r.urn);
        return {
            remediations: resp.getRemediationsList().map((x: any) => ({
                policyName: x.getPolicyname(),
                policyPackName: x.getPolicypackname(),
                policyPackVersion: this.location.version ?? x.getPolicypackversion(),
                description: x.getDescription(),
                properties: x.getProperties()?.toJavaScript(),
                diagnostic: x.getDiagnostic(),
            })),
            notApplicable: notApplicableOf(resp),
        };
    }

    async analyze(r: CapturedResource, inputs: WireProperties, lookup: (urn: string) => CapturedResource | undefined): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
        const resp: any = await this.call("analyze", this.resourceRequest(r, inputs, lookup, false), false, r.urn);
        return { diagnostics: diagnosticsOf(resp, r.urn, this.location.version), notApplicable: notApplicableOf(resp) };
    }

    async analyzeStack(resources: CapturedResource[], lookup: (urn: string) => CapturedResource | undefined): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
        const req = new analyzerproto.AnalyzeStackRequest();
        req.setResourcesList(resources.map(r => {
            const ar = new analyzerproto.AnalyzerResource();
            ar.setType(r.type);
            ar.setProperties(structFrom(withoutInternalKeys(r.outputs)));
            ar.setUrn(r.urn);
            ar.setName(r.name);
            ar.setOptions(optionsProto(r));
            const pr = providerProto(r, lookup);
            if (pr) ar.setProvider(pr);
            if (r.parent) ar.setParent(r.parent);
            ar.setDependenciesList(r.dependencies);
            const pd = ar.getPropertydependenciesMap();
            for (const [k, urns] of Object.entries(r.propertyDependencies)) {
                if (urns.length === 0) continue;
                const d = new analyzerproto.AnalyzerPropertyDependencies();
                d.setUrnsList(urns);
                pd.set(k, d);
            }
            return ar;
        }));
        const resp: any = await this.call("analyzeStack", req, false, `the stack (${resources.length} resources)`);
        return { diagnostics: diagnosticsOf(resp, "", this.location.version), notApplicable: notApplicableOf(resp) };
    }

    /** Stops the pack, as the engine does at the end of a run. */
    async kill(): Promise<void> {
        try { this.client.close(); } catch { /* already closed */ }
        if (this.exited || this.child.exitCode !== null) {
            return;
        }
        await new Promise<void>(resolve => {
            const t = setTimeout(() => { this.child.kill("SIGKILL"); }, 2000);
            this.child.once("exit", () => { clearTimeout(t); resolve(); });
            this.child.kill("SIGTERM");
        });
    }
}

/** ": detail." or ".", so a message always ends as a sentence. */
function sentence(detail: string): string {
    return detail ? `: ${detail.replace(/[.\s]+$/, "")}.` : ".";
}

const ansi = /\x1b\[[0-9;]*m/g;

/** The error a pack printed on stderr, without stack frames or colours. */
function lastLines(s: string): string {
    const lines = s.replace(ansi, "").split("\n").map(l => l.trim()).filter(l => l && !/^at /.test(l));
    const error = lines.find(l => /^(\w*Error|Error)\b.*:/.test(l) || /^\w+Error: /.test(l));
    return (error ?? lines.slice(-3).join(" ")).slice(0, 600);
}

/** A gRPC error's text without its stack frames, keeping the first frame outside node_modules as "at ...". */
function withoutStack(details: string): string {
    const lines = details.replace(ansi, "").split("\n");
    const frames = lines.filter(l => /^\s+at /.test(l));
    const own = frames.find(l => !l.includes("node_modules") && !l.includes("node:internal"));
    const text = lines.filter(l => !/^\s+at /.test(l)).map(l => l.trim()).filter(Boolean).join(" ");
    const where = own ? ` (${own.trim().replace(/^at /, "at ").replace(/^at \S+ \((.*)\)$/, "at $1")})` : "";
    return text + where;
}

/** Packs still running, killed if this process exits early so none is left orphaned. */
const livePacks = new Set<ChildProcess>();

/** Kills every pack this process started that is still running (for a CLI that is interrupted). */
export function killLivePacks(): void {
    for (const c of livePacks) {
        try { c.kill("SIGKILL"); } catch { /* gone */ }
    }
    livePacks.clear();
}

let exitHookInstalled = false;

/** Packs are killed when this process exits, however it exits. */
function installExitHook(): void {
    if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.on("exit", killLivePacks);
    }
}
