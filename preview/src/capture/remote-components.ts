// Remote (provider-implemented) components: the provider's Construct registers the children, which do not
// run offline. A model of the component registers them as the plugin would; without one the component is
// opaque and is reported as not analysed.
import { InternalError } from "../errors";
import { CapturedResource, emptyOptions } from "../model";
import { SchemaIndex } from "./schema";
import { WireProperties, resourceReferenceSig, specialSigKey, toEngineValue, unknownString } from "../wire";
import { componentModel } from "./components";
import { ChildGoal, childKey, isChildRef, unknownInput } from "./components/model";
import { Goal } from "./goal";
import { modelInputs, syntheticComponentOutput, toWire } from "./output-values";
import { offlineAccountId, uuidFrom } from "./synth";

/** What the expansion needs of the registry: registering a child as the engine registers any resource. */
export interface ComponentHost {
    readonly preview: boolean;
    readonly o: { schemas: SchemaIndex; region: string; availabilityZones: string[] };
    urnOf(parent: string | undefined, type: string, name: string): string;
    record(r: CapturedResource): void;
    analyze(r: CapturedResource): Promise<void>;
    providerFor(g: Goal, pkg: string): Promise<string>;
    emulateCheck(r: CapturedResource, g: Goal): void;
    providerOutputs(r: CapturedResource, importId?: string): { id: string | undefined; outputs: WireProperties };
}

export class RemoteComponents {
    constructor(private readonly host: ComponentHost) {}

    /**
     * A remote component: the provider's Construct registers its children. With a model of the
     * component they are registered here as the plugin would; without one the component is opaque
     * and says so. Its outputs are synthesised like a custom resource's.
     */
    async construct(r: CapturedResource, g: Goal, programInputs: WireProperties): Promise<WireProperties> {
        const model = componentModel(r.type);
        const schema = this.host.o.schemas.get(r.type);
        if (!model) {
            r.notAnalysed = `${r.type} is implemented by a provider plugin, which does not run offline: the resources it creates are not analysed`;
            const outputs: WireProperties = {};
            for (const p of schema.outputsOnly) {
                outputs[p] = this.host.preview ? unknownString : syntheticComponentOutput(p, r, this.host.o.region);
            }
            for (const ro of this.host.o.schemas.resourceOutputs(r.type)) {
                outputs[ro.prop] = ro.list ? [this.standIn(r, ro.type, ro.prop)] : this.standIn(r, ro.type, ro.prop);
            }
            // Analyzers get references as ids (or URNs); the program gets the references.
            r.outputs = toEngineValue(outputs);
            return outputs;
        }
        const expansion = model.expand({
            name: r.name, inputs: modelInputs(programInputs), region: this.host.o.region, account: offlineAccountId,
            availabilityZones: this.host.o.availabilityZones,
        });
        const children = new Map<string, CapturedResource>();
        for (const child of expansion.children) {
            children.set(childKey(child), await this.registerChild(r, g, child, children));
        }
        const outputs: WireProperties = {};
        const produced = expansion.outputs((child, prop) => {
            const c = children.get(child);
            if (!c) return unknownString;
            if (prop === "id") return c.id ?? unknownString;
            return c.outputs[prop] ?? (this.host.preview ? unknownString : undefined);
        });
        for (const [k, v] of Object.entries(produced)) {
            if (v !== undefined) outputs[k] = toWire(v);
        }
        for (const p of schema.outputsOnly) {
            if (!(p in outputs)) outputs[p] = this.host.preview ? unknownString : syntheticComponentOutput(p, r, this.host.o.region);
        }
        r.modelled = model.source;
        r.outputs = outputs;
        return outputs;
    }

    /**
     * A stand-in for a resource an opaque plugin component creates and hands back as an output: known
     * to the program (it can take the reference's URN or id, and look it up), but like a read it is in
     * neither Analyze nor AnalyzeStack, since nothing of it is known. Returns the reference.
     */
    private standIn(component: CapturedResource, type: string, prop: string): WireProperties {
        const name = `${component.name}-${prop}`;
        const urn = this.host.urnOf(component.urn, type, name);
        const id = this.host.preview ? undefined : uuidFrom(urn);
        this.host.record({
            urn, type, name, custom: true, id, parent: component.urn, dependencies: [], propertyDependencies: {},
            inputs: {}, outputs: {}, options: { ...emptyOptions(), parent: component.urn }, external: true,
            modelledChildOf: component.urn,
        });
        return { [specialSigKey]: resourceReferenceSig, urn, id: id ?? "" };
    }

    private async registerChild(component: CapturedResource, g: Goal, child: ChildGoal, done: Map<string, CapturedResource>): Promise<CapturedResource> {
        const parentChild = child.parent ? done.get(child.parent) : undefined;
        if (child.parent && !parentChild) {
            throw new InternalError(`model of ${component.type}: child ${child.name} names parent ${child.parent}, which is not an earlier child`);
        }
        const parent = parentChild ? parentChild.urn : component.urn;
        const type = child.type;
        const custom = child.component !== true;
        const urn = this.host.urnOf(parent, type, child.name);
        const propertyDependencies: Record<string, string[]> = {};
        const resolve = (v: unknown, key: string): unknown => {
            if (isChildRef(v)) {
                const c = done.get(v.__childRef);
                if (!c) return unknownString;
                (propertyDependencies[key] ??= []).includes(c.urn) || propertyDependencies[key].push(c.urn);
                if (v.output === "id") return c.id ?? unknownString;
                return c.outputs[v.output] ?? unknownString;
            }
            if (v === unknownInput) return unknownString;
            if (Array.isArray(v)) return v.map(e => resolve(e, key));
            if (v && typeof v === "object") {
                const out: Record<string, unknown> = {};
                for (const [k, e] of Object.entries(v)) {
                    const x = resolve(e, key);
                    if (x !== undefined) out[k] = x;
                }
                return out;
            }
            return v;
        };
        const inputs: WireProperties = {};
        for (const [k, v] of Object.entries(child.properties)) {
            const x = resolve(v, k);
            if (x !== undefined) inputs[k] = toWire(x);
        }
        const dependencies = [...new Set([...Object.values(propertyDependencies).flat(),
            ...(child.dependsOn ?? []).map(n => done.get(n)?.urn).filter((u): u is string => !!u)])];
        // The plugin registers children through its own bundled SDKs, with their versions.
        const childPkg = type.split(":")[0];
        const version = this.host.o.schemas.dependencyVersion(component.type.split(":")[0], childPkg) ?? "";
        const provider = custom ? await this.host.providerFor({ ...g, version, provider: g.providers[childPkg] ?? "" }, childPkg) : undefined;
        const r: CapturedResource = {
            urn, type, name: child.name, custom, parent, dependencies, propertyDependencies,
            provider, inputs, outputs: {}, options: { ...emptyOptions(), parent, protect: g.protect === true },
            modelledChildOf: component.urn,
        };
        this.host.emulateCheck(r, { ...g, importId: "" });
        this.host.record(r);
        await this.host.analyze(r);
        if (custom) {
            const { id, outputs } = this.host.providerOutputs(r);
            r.id = id;
            r.outputs = outputs;
        }
        return r;
    }
}
