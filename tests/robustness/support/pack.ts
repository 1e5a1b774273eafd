// Drives the compiled policy pack directly over the engine protocol (the same gRPC calls, encoding and
// process launch the Pulumi engine uses, through preview/src/engine/pack.ts), for property-based tests.
// Every policy and every resource type it handles comes from the pack's own metadata, so policies
// added later are fuzzed without touching these tests.
import * as fs from "fs";
import * as path from "path";
import { reconcileConfig } from "../../../preview/src/engine/config";
import {
    AnalyzerInfo, Diagnostic, EnforcementLevel, NotApplicable, PolicyPackProcess, Remediation, locatePack,
} from "../../../preview/src/engine/pack";
import { CapturedResource, emptyOptions, makeUrn } from "../../../preview/src/model";
import { WireProperties } from "../../../preview/src/wire";
import { policyPackDir } from "../../helpers/preview";

export const stackName = "dev";
export const projectName = "fuzz";

/** What every policy declares (policy/lib/policy.ts PolicyMetadata), read from the compiled pack. */
export interface PolicyMeta {
    name: string;
    enforcementLevel?: EnforcementLevel;
    resourceTypes: string[];
    kind: "resource" | "stack";
}

/** The pack's policies and their resource types, from policy/bin/policies (what the pack process loads). */
export function packPolicies(): PolicyMeta[] {
    const compiled = path.join(policyPackDir, "bin", "policies", "index.js");
    if (!fs.existsSync(compiled)) {
        throw new Error(`${compiled} is missing: run 'npm run build' first.`);
    }
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { policies } = require(compiled) as { policies: any[] };
    return policies.map(p => ({
        name: p.name,
        enforcementLevel: p.enforcementLevel,
        resourceTypes: [...(p.metadata?.resourceTypes ?? [])],
        kind: typeof p.validateStack === "function" ? "stack" : "resource",
    }));
}

/** Concrete types that stand for a wildcard resource type (e.g. `aws:*`) besides the pack's own types. */
const wildcardSamples = [
    "aws:lambda/function:Function", "aws:ec2/instance:Instance", "aws:dynamodb/table:Table", "aws:iam/role:Role",
    "aws:s3/bucket:Bucket", "aws:ec2/vpc:Vpc",
];

function wildcard(pattern: string): RegExp {
    return new RegExp("^" + pattern.split("*").map(s => s.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*") + "$");
}

/**
 * Every resource type any policy handles, with the policies that name it. A wildcard type (`aws:*`)
 * is covered by the pack's other types it matches (every Analyze call runs every policy) plus samples.
 */
export function typesUnderTest(policies: PolicyMeta[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const add = (t: string, name: string) => {
        const names = out.get(t) ?? [];
        if (!names.includes(name)) out.set(t, [...names, name]);
    };
    for (const p of policies) {
        for (const t of p.resourceTypes.filter(t => !t.includes("*"))) add(t, p.name);
    }
    const concrete = [...out.keys(), ...wildcardSamples];
    for (const p of policies) {
        for (const t of p.resourceTypes.filter(t => t.includes("*"))) {
            const re = wildcard(t);
            for (const c of concrete.filter(c => re.test(c))) add(c, p.name);
        }
    }
    return out;
}

export const undecidable = /^can't run (policy|remediation) /;
/** The message policy/lib/policy.ts reports when a policy threw on an input shape. */
export const crashGuard = /could not evaluate this resource's properties/;

export interface Outcome {
    diagnostics: Diagnostic[];
    notApplicable: NotApplicable[];
}

/** One running pack with helpers that build engine requests from a type and a property bag. */
export class FuzzPack {
    private level: string | undefined;
    private seq = 0;
    private readonly configs = new Map<string, ReturnType<typeof reconcileConfig>["config"]>();

    private constructor(readonly process: PolicyPackProcess, readonly info: AnalyzerInfo) {}

    static async start(): Promise<FuzzPack> {
        const p = await PolicyPackProcess.start(locatePack(policyPackDir), {
            project: projectName, stack: stackName, organization: "organization", dryRun: true,
            config: { "aws:region": "eu-west-1" }, secretKeys: [],
        });
        const info = await p.getAnalyzerInfo();
        const fp = new FuzzPack(p, info);
        await fp.setLevel(undefined);
        return fp;
    }

    /**
     * Configures every policy at one enforcement level ("mandatory" makes advisory policies count in
     * the unknown-value invariant; "remediate" runs remediations), or at their defaults.
     */
    async setLevel(level: EnforcementLevel | undefined): Promise<void> {
        const key = level ?? "(defaults)";
        if (this.level === key) return;
        if (!this.configs.has(key)) {
            this.configs.set(key, reconcileConfig(this.info, level ? { all: level } : undefined).config);
        }
        await this.process.configure(this.configs.get(key)!);
        this.level = key;
    }

    /** A resource as the engine would describe it, with the given inputs (and outputs). */
    resource(type: string, props: WireProperties, opts: Partial<CapturedResource> = {}): CapturedResource {
        const name = opts.name ?? `r${this.seq++}`;
        return {
            urn: makeUrn(stackName, projectName, type, name), type, name, custom: true,
            dependencies: [], propertyDependencies: {}, inputs: props, outputs: props,
            options: emptyOptions(), ...opts,
        };
    }

    async analyze(r: CapturedResource, lookup: (urn: string) => CapturedResource | undefined = () => undefined): Promise<Outcome> {
        return this.process.analyze(r, r.inputs, lookup);
    }

    async remediate(r: CapturedResource, lookup: (urn: string) => CapturedResource | undefined = () => undefined): Promise<{ remediations: Remediation[]; notApplicable: NotApplicable[] }> {
        return this.process.remediate(r, r.inputs, lookup);
    }

    async analyzeStack(resources: CapturedResource[]): Promise<Outcome> {
        const byUrn = new Map(resources.map(r => [r.urn, r] as const));
        return this.process.analyzeStack(resources, u => byUrn.get(u));
    }

    /** True while the pack process is running. */
    alive(): boolean {
        const pid = this.process.pid;
        if (!pid) return false;
        try {
            process.kill(pid, 0);
        } catch {
            return false;
        }
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return !/^\d+ \(.*\) Z/.test(stat);
    }

    async stop(): Promise<void> {
        await this.process.kill();
    }
}

/** Policy names with a mandatory, decided (not "can't run during preview") diagnostic, per URN. */
export function mandatoryFindings(o: Outcome): Set<string> {
    return new Set(o.diagnostics
        .filter(d => d.enforcementLevel === "mandatory" && !undecidable.test(d.message))
        .map(d => `${d.policyName} @ ${d.urn}`));
}

/** A stable rendering of an outcome, for determinism checks. */
export function canonical(o: Outcome): string {
    const ds = o.diagnostics.map(d => JSON.stringify([d.policyName, d.urn, d.enforcementLevel, d.severity, d.message])).sort();
    const na = o.notApplicable.map(n => JSON.stringify([n.policyName, n.reason])).sort();
    return JSON.stringify({ ds, na });
}

/** Cases per property: FUZZ_RUNS if set (npm run fuzz sets it), else the bounded number for npm test. */
export function runsPerProperty(fallback: number): number {
    const n = Number(process.env.FUZZ_RUNS);
    return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** A fixed seed unless FUZZ_SEED is set, so CI is reproducible and `npm run fuzz` explores. */
export function fuzzSeed(): number | undefined {
    if (process.env.FUZZ_SEED === "random") return undefined;
    const n = Number(process.env.FUZZ_SEED);
    return Number.isFinite(n) && process.env.FUZZ_SEED ? n : 20260401;
}
