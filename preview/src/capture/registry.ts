import { CapturedResource, ResourceOptions, emptyOptions, makeUrn, qualifiedTypeOfUrn, rootStackType } from "../model";
import { WireProperties, isUnknown, makeSecret, toEngineValue, unknownString, unwrapSecrets } from "../wire";
import { Callback, CallbackClients } from "./callbacks";
import { InvalidRegistration, Registered, RegistryOptions } from "./registry-types";
import { RemoteComponents } from "./remote-components";
import { containsUnknownDeep, nonEmpty, outputDependencies, upgradeOutputValues } from "./output-values";
import { ProviderInfo, inheritFromParent, providerInfoOf } from "./provider-settings";
import { Goal, parseGoDuration } from "./goal";
import { autoname, isAutonamed, offlineAccountId, physicalNamePropertyOf, synthesiseOutputs, uuidFrom } from "./synth";

export * from "./registry-types";

/**
 * The engine's side of a deployment, as a policy pack can observe it: the resources registered, in
 * order, with engine URNs, parents, dependencies, providers (default providers created on demand),
 * transforms applied, and outputs as the provider would return them (unknown during a preview,
 * synthesised for an update). pkg/resource/deploy/source_eval.go (resmon.RegisterResource) and
 * step_generator.go are the behaviour followed.
 */
export class Registry {
    readonly resources: CapturedResource[] = [];
    readonly byUrn = new Map<string, CapturedResource>();
    readonly stackUrn: string;
    readonly stackTransforms: Callback[] = [];
    readonly stackInvokeTransforms: Callback[] = [];
    private readonly goals = new Map<string, Goal>();
    private readonly children = new Map<string, string[]>();
    private readonly resourceTransforms = new Map<string, Callback[]>();
    private readonly providerInfo = new Map<string, ProviderInfo>();
    private readonly defaultProviders = new Map<string, Promise<string>>();
    readonly preview: boolean;
    private readonly components = new RemoteComponents(this);

    readonly callbacks: CallbackClients;

    constructor(readonly o: RegistryOptions) {
        this.callbacks = o.callbacks;
        this.stackUrn = makeUrn(o.stack, o.project, rootStackType, `${o.project}-${o.stack}`);
        this.preview = o.mode === "preview";
    }

    urnOf(parent: string | undefined, type: string, name: string): string {
        // pkg/resource/deploy/deployment.go generateURN: the parent's qualified type, except the root stack's.
        const qualified = parent && qualifiedTypeOfUrn(parent) !== rootStackType ? `${qualifiedTypeOfUrn(parent)}$${type}` : type;
        return makeUrn(this.o.stack, this.o.project, qualified, name);
    }

    /** Handles one RegisterResource request, as resmon.RegisterResource does. */
    async register(g: Goal): Promise<Registered> {
        const parentGoal = g.parent ? this.goals.get(g.parent) : undefined;
        if (parentGoal) {
            inheritFromParent(g, parentGoal);
        }
        await this.runTransforms(g);
        for (const t of ["create", "update", "delete"] as const) {
            if (g.customTimeouts[t] && parseGoDuration(g.customTimeouts[t]) === undefined) {
                // source_eval.go:3399
                throw new InvalidRegistration(`unable to parse customTimeout Value ${g.customTimeouts[t]}`);
            }
        }
        const isStack = g.type === rootStackType;
        const parent = isStack ? undefined : (g.parent || undefined);
        const urn = this.urnOf(parent, g.type, g.name);
        this.goals.set(urn, g);
        this.resourceTransforms.set(urn, g.transforms);

        const isProvider = g.type.startsWith("pulumi:providers:");
        let provider: string | undefined;
        if ((g.custom && !isProvider) || g.remote) {
            provider = await this.providerFor(g, g.type.split(":")[0]);
        }
        const inputs: WireProperties = toEngineValue(g.properties) ?? {};
        if (isProvider) {
            this.setProviderVersion(g, inputs);
        }
        const r: CapturedResource = {
            urn, type: g.type, name: g.name, custom: g.custom, parent,
            dependencies: [...g.dependencies],
            propertyDependencies: nonEmpty(g.propertyDependencies),
            provider, inputs, outputs: {}, options: this.optionsOf(g, parent),
        };
        const aliasUrns = this.aliasUrns(g, parent);
        if (aliasUrns.length > 0) {
            r.aliasUrns = aliasUrns;
        }
        let programInputs: WireProperties | undefined;
        if (g.remote) {
            // source_eval.go:2836: the program's registration of a plugin component is not analysed; the
            // plugin registers the component itself, as a local component without inputs (awsx 3 bundles
            // an SDK that sends none), and that is what policies see.
            r.remote = true;
            programInputs = r.inputs;
            r.inputs = {};
        }
        this.emulateCheck(r, g);
        this.record(r);
        if (isProvider) {
            this.providerInfo.set(urn, providerInfoOf(inputs, this.o.region));
        }
        await this.analyze(r);
        return this.complete(r, g, programInputs);
    }

    /** @internal */
    record(r: CapturedResource): void {
        this.resources.push(r);
        this.byUrn.set(r.urn, r);
        if (r.parent) {
            const siblings = this.children.get(r.parent);
            if (siblings) siblings.push(r.urn);
            else this.children.set(r.parent, [r.urn]);
        }
        this.o.onRegistered?.(this.resources.length);
    }

    /**
     * Whether any custom resource the URNs stand for has not been created yet (during a preview, a
     * new resource never is): a component stands for its descendants down to the first custom
     * resource on each branch. pkg/resource/deploy/resourcetracker/tracker.go:96 HasUnresolved.
     */
    hasUncreated(urns: string[]): boolean {
        const seen = new Set<string>();
        const frontier = [...urns];
        while (frontier.length > 0) {
            const urn = frontier.pop()!;
            const r = this.byUrn.get(urn);
            if (!r) continue;
            if (r.custom) {
                if (r.id === undefined && !r.external) return true;
                continue;
            }
            if (!seen.has(urn)) {
                seen.add(urn);
                frontier.push(...(this.children.get(urn) ?? []));
            }
        }
        return false;
    }

    /** @internal */
    async analyze(r: CapturedResource): Promise<void> {
        if (!this.o.analyze) return;
        const remediated = await this.o.analyze(r, urn => this.byUrn.get(urn));
        if (remediated && remediated !== r.inputs) {
            r.inputs = remediated;
        }
    }

    /** source_eval.go:2505: the resource's own transforms, then its parents', then the stack's. */
    private async runTransforms(g: Goal): Promise<void> {
        const all: Callback[] = [...g.transforms];
        for (let p = g.parent; p; p = this.byUrn.get(p)?.parent ?? "") {
            all.push(...(this.resourceTransforms.get(p) ?? []));
        }
        all.push(...this.stackTransforms);
        if (all.length === 0) return;
        if (g.transforms.length > 0) {
            // source_eval.go:2409: values carry their dependencies into the transforms as outputs.
            g.properties = upgradeOutputValues(g.properties, g.propertyDependencies);
        }
        for (const cb of all) {
            await this.o.callbacks.transformResource(cb, g);
        }
        if (g.transforms.length > 0) {
            // source_eval.go:2632: dependencies are re-read from the transformed options and outputs.
            const deps = new Set(g.dependencies);
            const pd: Record<string, string[]> = {};
            for (const [k, v] of Object.entries(g.properties)) {
                const d = outputDependencies(v);
                pd[k] = d;
                d.forEach(x => deps.add(x));
            }
            g.propertyDependencies = pd;
            g.dependencies = [...deps];
        }
    }

    /** The provider reference of a custom resource or remote component: explicit, or the default provider. */
    /** @internal */
    async providerFor(g: Goal, pkg: string): Promise<string> {
        const ref = g.provider || g.providers[pkg] || "";
        if (ref) {
            return ref.slice(0, ref.lastIndexOf("::"));
        }
        return this.defaultProvider(pkg, g.version);
    }

    /** The engine's default provider for a package and version, registered (and analysed) on first use. */
    private defaultProvider(pkg: string, version: string): Promise<string> {
        const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
        const key = `${pkg}::${name}`;
        let p = this.defaultProviders.get(key);
        if (!p) {
            p = (async () => {
                const type = `pulumi:providers:${pkg}`;
                const urn = makeUrn(this.o.stack, this.o.project, type, name);
                // pkg/resource/deploy/providers: the default provider's inputs are the package's config, as strings.
                const inputs: WireProperties = {};
                for (const [k, v] of Object.entries(this.o.config.values)) {
                    if (k.startsWith(`${pkg}:`)) {
                        const key = k.slice(pkg.length + 1);
                        inputs[key] = this.o.config.secretKeys.includes(k) ? makeSecret(v) : v;
                    }
                }
                if (version) {
                    inputs.version = version;
                }
                const r: CapturedResource = {
                    urn, type, name, custom: true, parent: undefined, dependencies: [], propertyDependencies: {},
                    inputs, outputs: {}, options: emptyOptions(),
                };
                this.record(r);
                this.providerInfo.set(urn, providerInfoOf(inputs, this.o.region));
                await this.analyze(r);
                r.outputs = { ...r.inputs };
                r.id = this.preview ? undefined : uuidFrom(urn);
                return urn;
            })();
            this.defaultProviders.set(key, p);
        }
        return p;
    }

    /** source_eval.go:2669: a provider resource's inputs carry its plugin version. */
    private setProviderVersion(g: Goal, inputs: WireProperties): void {
        if (g.version) {
            inputs.version = g.version;
            return;
        }
        // source_eval.go:2709: an explicit provider without a version gets the default provider's plugin.
        const pkg = g.type.slice("pulumi:providers:".length);
        const installed = this.o.schemas.packageVersion(pkg);
        if (installed && inputs.version === undefined) {
            inputs.version = installed;
        }
    }

    private optionsOf(g: Goal, parent: string | undefined): ResourceOptions {
        const seconds = (s: string) => s ? parseGoDuration(s) ?? 0 : 0;
        const opts: ResourceOptions = {
            protect: g.protect === true,
            ignoreChanges: [...g.ignoreChanges],
            // An alias names an old URN; on a new stack none matches old state, so the engine passes none.
            aliases: [],
            customTimeouts: { create: seconds(g.customTimeouts.create), update: seconds(g.customTimeouts.update), delete: seconds(g.customTimeouts.delete) },
            additionalSecretOutputs: [...g.additionalSecretOutputs],
        };
        if (g.deleteBeforeReplace !== undefined) {
            opts.deleteBeforeReplace = g.deleteBeforeReplace;
        }
        if (parent) {
            opts.parent = parent;
        }
        return opts;
    }

    /** The URNs the resource's aliases name (kept for reports; the engine matches them against old state). */
    private aliasUrns(g: Goal, parent: string | undefined): string[] {
        const out: string[] = [];
        for (const a of g.aliases) {
            if (a.hasUrn?.() || a.getUrn?.()) {
                out.push(a.getUrn());
                continue;
            }
            const spec = a.getSpec?.();
            if (!spec) continue;
            const aParent = spec.getNoparent?.() ? undefined : (spec.getParenturn?.() || parent);
            out.push(makeUrn(spec.getStack?.() || this.o.stack, spec.getProject?.() || this.o.project,
                aParent && qualifiedTypeOfUrn(aParent) !== rootStackType ? `${qualifiedTypeOfUrn(aParent)}$${spec.getType?.() || g.type}` : (spec.getType?.() || g.type),
                spec.getName?.() || g.name));
        }
        return [...new Set(out)];
    }

    /**
     * What the provider's Check does that a policy can see: autonaming of the physical name (during
     * preview too) and `tagsAll`, the resource's tags merged over its provider's defaultTags.
     */
    /** @internal */
    emulateCheck(r: CapturedResource, g: Goal): void {
        if (!r.custom || r.type.startsWith("pulumi:")) return;
        const schema = this.o.schemas.get(r.type);
        const nameProp = physicalNamePropertyOf(r.type, schema.inputs);
        if (nameProp && r.inputs[nameProp] === undefined && isAutonamed(r.type) && g.importId === "") {
            const prefix = r.inputs[`${nameProp}Prefix`];
            r.inputs[nameProp] = typeof prefix === "string" && !isUnknown(prefix)
                ? `${prefix}${uuidFrom(r.urn).replace(/-/g, "").slice(0, 26)}`
                : autoname(r.name, r.urn);
        }
        const info = r.provider ? this.providerInfo.get(r.provider) : undefined;
        if (schema.inputs.has("tags") && schema.outputsOnly.has("tagsAll")) {
            // pulumi-aws provider/tags.go applyTags (a PreCheckCallback): tagsAll is the provider's
            // defaultTags merged with the resource's tags, {} when there are none, unknown when either is.
            const tags = r.inputs.tags;
            if (isUnknown(tags) || info?.defaultTags === null || containsUnknownDeep(tags)) {
                r.inputs.tagsAll = unknownString;
            } else {
                r.inputs.tagsAll = { ...(info?.defaultTags ?? {}), ...(tags && typeof tags === "object" ? tags : {}) };
            }
        }
        if (r.type.startsWith("aws:") && schema.inputs.has("region") && r.inputs.region === undefined) {
            // aws v7: Check sets a regional resource's region to its provider's.
            r.inputs.region = info?.region ?? this.o.region;
        }
    }

    /** The provider's create (or the plan of it during a preview): id and outputs; the answer to the program. */
    private async complete(r: CapturedResource, g: Goal, programInputs?: WireProperties): Promise<Registered> {
        if (r.type.startsWith("pulumi:providers:")) {
            r.outputs = { ...r.inputs };
            r.id = this.preview ? undefined : uuidFrom(r.urn);
            return { urn: r.urn, id: r.id ?? "", object: this.answer(g, {}) };
        }
        if (r.remote) {
            const object = await this.components.construct(r, g, programInputs ?? {});
            return { urn: r.urn, id: "", object: this.answer(g, object) };
        }
        if (!r.custom) {
            // source_eval.go:3082: a local component's registration answers no outputs; the program
            // sets them later with registerOutputs.
            return { urn: r.urn, id: "", object: {} };
        }
        const { id, outputs } = this.providerOutputs(r, g.importId);
        r.id = id;
        r.outputs = outputs;
        return { urn: r.urn, id: id ?? "", object: this.answer(g, outputs) };
    }

    /** Outputs of a custom resource: its inputs plus the output-only properties (unknown in a preview). */
    providerOutputs(r: CapturedResource, importId = ""): { id: string | undefined; outputs: WireProperties } {
        const schema = this.o.schemas.get(r.type);
        const outputs: WireProperties = { ...r.inputs };
        // Providers bridged from Terraform (aws among them) return the id among the outputs too.
        const bridged = r.type.startsWith("aws:");
        if (this.preview && !importId) {
            for (const p of schema.outputsOnly) {
                if (!(p in outputs)) outputs[p] = unknownString;
            }
            if (bridged) outputs.id = unknownString;
            return { id: undefined, outputs };
        }
        const plain = unwrapSecrets(r.inputs);
        const region = typeof plain.region === "string" && !isUnknown(plain.region) ? plain.region
            : (r.provider ? this.providerInfo.get(r.provider)?.region : undefined) ?? this.o.region;
        const nameProp = physicalNamePropertyOf(r.type, schema.inputs);
        const physical = nameProp && typeof plain[nameProp] === "string" && !isUnknown(plain[nameProp]) ? plain[nameProp] : autoname(r.name, r.urn);
        const s = synthesiseOutputs({ type: r.type, name: physical, region, account: offlineAccountId, inputs: plain, seed: r.urn },
            schema.outputsOnly, (r.provider ? this.providerInfo.get(r.provider)?.defaultTags : undefined) ?? undefined);
        for (const [k, v] of Object.entries(s.outputs)) {
            if (!(k in outputs)) outputs[k] = v;
        }
        const id = importId || s.id;
        if (bridged) outputs.id = id;
        return { id, outputs };
    }

    /** source_eval.go:3130 and 3189: the answer drops partial values and secrets the program cannot take. */
    private answer(g: Goal, outputs: WireProperties): WireProperties {
        let out: WireProperties = outputs;
        if (!g.supportsPartialValues) {
            out = Object.fromEntries(Object.entries(out).filter(([, v]) => !containsUnknownDeep(v)));
        }
        if (!g.acceptResources) out = toEngineValue(out);
        return g.acceptSecrets ? out : unwrapSecrets(out);
    }

    /** RegisterResourceOutputs: a component's (or the stack's) outputs. */
    registerOutputs(urn: string, outputs: WireProperties): void {
        const r = this.byUrn.get(urn);
        if (r) {
            r.outputs = { ...r.outputs, ...toEngineValue(outputs) };
        }
    }

    /** ReadResource (`Resource.get`): the provider reads the resource; it is external to the stack. */
    async read(req: { type: string; name: string; parent: string; id: string; properties: WireProperties; provider: string; dependencies: string[]; version: string }): Promise<CapturedResource> {
        const parent = req.parent || this.stackUrn;
        const urn = this.urnOf(parent, req.type, req.name);
        const provider = req.provider ? req.provider.slice(0, req.provider.lastIndexOf("::")) : await this.defaultProvider(req.type.split(":")[0], req.version);
        const r: CapturedResource = {
            urn, type: req.type, name: req.name, custom: true, id: req.id, parent,
            dependencies: req.dependencies, propertyDependencies: {}, provider,
            inputs: {}, outputs: {}, options: { ...emptyOptions(), parent }, external: true,
        };
        const schema = this.o.schemas.get(req.type);
        const plain = unwrapSecrets(toEngineValue(req.properties) ?? {});
        const region = (provider ? this.providerInfo.get(provider)?.region : undefined) ?? this.o.region;
        const s = synthesiseOutputs({ type: req.type, name: req.id, region, account: offlineAccountId, inputs: plain, seed: urn },
            schema.outputsOnly, undefined);
        r.outputs = { ...toEngineValue(req.properties), ...s.outputs };
        this.record(r);
        return r;
    }
}
