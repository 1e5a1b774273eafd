import { WireProperties } from "../wire";
import { Callback, callbackOf } from "./callbacks";
import { aliasproto, resproto } from "./protocol";

/**
 * What a program asks the engine to register: the fields of a RegisterResourceRequest that the engine
 * acts on, in a form the transforms, the registry and the analyzers can share. Properties stay in the
 * wire encoding (sentinel unknowns, signature-keyed secrets, resource references, output values).
 */
export interface Goal {
    type: string;
    name: string;
    custom: boolean;
    /** A component implemented by a provider plugin (the engine calls the provider's Construct). */
    remote: boolean;
    parent: string;
    properties: WireProperties;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** Explicit provider reference, `urn::id`, or "". */
    provider: string;
    /** Providers for a component's children, by package. */
    providers: Record<string, string>;
    version: string;
    importId: string;
    protect?: boolean;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    deleteBeforeReplace?: boolean;
    retainOnDelete?: boolean;
    deletedWith: string;
    replaceOnChanges: string[];
    /** Go duration strings as the SDK sends them ("10m", "1h30m"). */
    customTimeouts: { create: string; update: string; delete: string };
    /** Aliases as alias messages (URN or spec), so transforms see them as the engine passes them. */
    aliases: any[];
    pluginDownloadUrl: string;
    acceptSecrets: boolean;
    acceptResources: boolean;
    supportsPartialValues: boolean;
    /** The resource's own transforms (the `transforms` option), as program callbacks. */
    transforms: Callback[];
}

export function goalFromRequest(req: any): Goal {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap()?.forEach((v: any, k: string) => {
        propertyDependencies[k] = v.getUrnsList();
    });
    const providers: Record<string, string> = {};
    req.getProvidersMap()?.forEach((v: string, k: string) => { providers[k] = v; });
    const t = req.getCustomtimeouts?.();
    const aliases: any[] = [];
    for (const urn of req.getAliasurnsList?.() ?? []) {
        const a = new aliasproto.Alias();
        a.setUrn(urn);
        aliases.push(a);
    }
    aliases.push(...(req.getAliasesList?.() ?? []));
    return {
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        remote: req.getRemote(),
        parent: req.getParent(),
        properties: req.getObject()?.toJavaScript() ?? {},
        dependencies: req.getDependenciesList() ?? [],
        propertyDependencies,
        provider: req.getProvider(),
        providers,
        version: req.getVersion(),
        importId: req.getImportid(),
        protect: req.hasProtect() ? req.getProtect() : undefined,
        ignoreChanges: req.getIgnorechangesList() ?? [],
        additionalSecretOutputs: req.getAdditionalsecretoutputsList() ?? [],
        // pkg/resource/deploy/source_eval.go:2354: the Go SDK does not set "defined", so a true value counts too.
        deleteBeforeReplace: req.getDeletebeforereplacedefined() || req.getDeletebeforereplace() ? req.getDeletebeforereplace() : undefined,
        retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
        deletedWith: req.getDeletedwith(),
        replaceOnChanges: req.getReplaceonchangesList() ?? [],
        customTimeouts: { create: t?.getCreate() ?? "", update: t?.getUpdate() ?? "", delete: t?.getDelete() ?? "" },
        aliases,
        pluginDownloadUrl: req.getPlugindownloadurl(),
        acceptSecrets: req.getAcceptsecrets(),
        acceptResources: req.getAcceptresources(),
        supportsPartialValues: req.getSupportspartialvalues(),
        transforms: (req.getTransformsList() ?? []).map(callbackOf),
    };
}

/** The options half of a goal as the engine hands it to a transform (TransformResourceOptions). */
export function transformOptionsOf(g: Goal): any {
    const o = new resproto.TransformResourceOptions();
    o.setDependsOnList(g.dependencies);
    if (g.protect !== undefined) o.setProtect(g.protect);
    o.setIgnoreChangesList(g.ignoreChanges);
    o.setReplaceOnChangesList(g.replaceOnChanges);
    o.setVersion(g.version);
    o.setAliasesList(g.aliases);
    o.setProvider(g.provider);
    if (g.customTimeouts.create || g.customTimeouts.update || g.customTimeouts.delete) {
        const ct = new resproto.RegisterResourceRequest.CustomTimeouts();
        ct.setCreate(g.customTimeouts.create);
        ct.setUpdate(g.customTimeouts.update);
        ct.setDelete(g.customTimeouts.delete);
        o.setCustomTimeouts(ct);
    }
    o.setPluginDownloadUrl(g.pluginDownloadUrl);
    if (g.retainOnDelete !== undefined) o.setRetainOnDelete(g.retainOnDelete);
    o.setDeletedWith(g.deletedWith);
    if (g.deleteBeforeReplace !== undefined) o.setDeleteBeforeReplace(g.deleteBeforeReplace);
    o.setAdditionalSecretOutputsList(g.additionalSecretOutputs);
    const pm = o.getProvidersMap();
    for (const [k, v] of Object.entries(g.providers)) pm.set(k, v);
    o.setImport(g.importId);
    return o;
}

/** Applies what a transform returned (TransformResourceOptions) to the goal, as the engine replaces its options. */
export function applyTransformOptions(g: Goal, o: any): void {
    g.dependencies = o.getDependsOnList() ?? [];
    g.protect = o.hasProtect?.() ? o.getProtect() : undefined;
    g.ignoreChanges = o.getIgnoreChangesList() ?? [];
    g.replaceOnChanges = o.getReplaceOnChangesList() ?? [];
    g.version = o.getVersion();
    g.aliases = o.getAliasesList() ?? [];
    g.provider = o.getProvider();
    const t = o.getCustomTimeouts?.();
    g.customTimeouts = { create: t?.getCreate() ?? "", update: t?.getUpdate() ?? "", delete: t?.getDelete() ?? "" };
    g.pluginDownloadUrl = o.getPluginDownloadUrl();
    g.retainOnDelete = o.hasRetainOnDelete?.() ? o.getRetainOnDelete() : undefined;
    g.deletedWith = o.getDeletedWith();
    g.deleteBeforeReplace = o.hasDeleteBeforeReplace?.() ? o.getDeleteBeforeReplace() : undefined;
    g.additionalSecretOutputs = o.getAdditionalSecretOutputsList() ?? [];
    const providers: Record<string, string> = {};
    o.getProvidersMap()?.forEach((v: string, k: string) => { providers[k] = v; });
    g.providers = providers;
    g.importId = o.getImport();
}

/**
 * Go's time.ParseDuration, which the engine applies to custom timeouts
 * (pkg/resource/deploy/source_eval.go:2951, generateTimeoutInSeconds): "1h30m", "90s", "1.5h", "300ms".
 * Returns seconds, or undefined for a string Go would reject.
 */
export function parseGoDuration(s: string): number | undefined {
    if (s === "0") return 0;
    const units: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, "μs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
    const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(s);
    if (!m) return undefined;
    let total = 0;
    for (const part of s.replace(/^[+-]/, "").matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
        total += Number(part[1]) * units[part[2]];
    }
    return m[1] === "-" ? -total : total;
}
