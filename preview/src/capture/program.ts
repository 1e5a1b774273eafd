import * as path from "path";
import { UserError, messageOf } from "../errors";
import { CapturedResource, CapturedStack, Mode, ResourceOptions, emptyOptions, makeUrn, qualifiedTypeOfUrn, rootStackType } from "../model";
import { StackConfig } from "../project";
import { WireProperties, isUnknown, toEngineValue, unknownString } from "../wire";
import { answerInvoke, defaultInvokeContext } from "./invokes";
import { SchemaIndex } from "./schema";
import { autoname, defaultRegion, isAutonamed, offlineAccountId, physicalNamePropertyOf, synthesiseOutputs, uuidFrom } from "./synth";

export interface CaptureOptions {
    /** A program folder (its Pulumi.yaml's `main`, or the folder itself); or pass `program`. */
    main?: string;
    /** An inline program, for tests: the function a Pulumi program module would export. */
    program?: () => unknown;
    project: string;
    stack: string;
    organization?: string;
    mode: Mode;
    config: StackConfig;
    /** Folder from which @pulumi/pulumi and providers are resolved (defaults to the program's). */
    resolveFrom?: string;
    timeoutMs?: number;
    /** Type-check a TypeScript program as `pulumi preview` does (default: as PULUMI_NODEJS_TRANSPILE_ONLY says). */
    typeCheck?: boolean;
    /** Keep stack traces while the program runs (slower on large programs). */
    stackTraces?: boolean;
    onProgress?: (registered: number) => void;
}

export interface CaptureResult extends CapturedStack {
    warnings: string[];
}

function req(from: string, id: string): any {
    return require(require.resolve(id, { paths: [from] }));
}

let tsNodeRegistered = false;

function registerTypeScript(main: string, typeCheck: boolean | undefined): void {
    if (tsNodeRegistered || require.extensions[".ts"]) {
        return;
    }
    const env = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
    const transpileOnly = typeCheck === undefined ? env === "true" : !typeCheck;
    let tsn: any;
    try {
        tsn = req(main, "ts-node");
    } catch {
        tsn = require("ts-node");
    }
    tsn.register({
        transpileOnly,
        compilerOptions: { target: "ES2020", module: "commonjs", moduleResolution: "node", sourceMap: true },
        dir: main,
    });
    tsNodeRegistered = true;
}

/** Drops cached modules of the program (not its dependencies), so each capture runs it afresh. */
function forgetProgramModules(dir: string): void {
    for (const k of Object.keys(require.cache)) {
        if (k.startsWith(dir + path.sep) && !k.includes(`${path.sep}node_modules${path.sep}`)) {
            delete require.cache[k];
        }
    }
}

/** A provider's defaultTags input: a JSON string on the wire (an object if a caller built it so). */
function parseDefaultTags(v: unknown): Record<string, string> | undefined {
    let parsed: any = v;
    if (typeof v === "string") {
        try {
            parsed = JSON.parse(v);
        } catch {
            return undefined;
        }
    }
    return parsed && typeof parsed === "object" && parsed.tags && typeof parsed.tags === "object" ? parsed.tags : undefined;
}

/**
 * Runs a Pulumi program in this process under @pulumi/pulumi mocks, with a resource monitor that
 * records every registration the way the engine would see it: engine URNs, parents, dependencies,
 * property dependencies, provider references (synthesising default providers), aliases, options,
 * secrets and unknowns. In `preview` mode output-only properties of new resources are unknown, as
 * in `pulumi preview`; in `update` mode they are synthesised.
 */
export function captureProgram(o: CaptureOptions): Promise<CaptureResult> {
    // The Pulumi runtime is global to the process: captures run one at a time.
    const run = captureQueue.then(() => captureOne(o));
    captureQueue = run.catch(() => undefined);
    return run;
}

let captureQueue: Promise<unknown> = Promise.resolve();

async function captureOne(o: CaptureOptions): Promise<CaptureResult> {
    const resolveFrom = o.resolveFrom ?? (o.main ? (path.extname(o.main) ? path.dirname(o.main) : o.main) : process.cwd());
    let pulumi: any, settings: any, rpc: any, state: any, resproto: any, structproto: any;
    try {
        pulumi = req(resolveFrom, "@pulumi/pulumi");
        settings = req(resolveFrom, "@pulumi/pulumi/runtime/settings");
        rpc = req(resolveFrom, "@pulumi/pulumi/runtime/rpc");
        state = req(resolveFrom, "@pulumi/pulumi/runtime/state");
        resproto = req(resolveFrom, "@pulumi/pulumi/proto/resource_pb");
        structproto = req(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [resolveFrom] })), "google-protobuf/google/protobuf/struct_pb");
    } catch (e) {
        throw new UserError(`Cannot load @pulumi/pulumi for the program in ${resolveFrom}: ${messageOf(e).split("\n")[0]}.`,
            "Run 'npm install' in the program's folder first.");
    }

    const { project, stack, mode } = o;
    const organization = o.organization ?? "organization";
    const preview = mode === "preview";
    const schemas = new SchemaIndex(resolveFrom);
    const region = o.config.values["aws:region"] ?? defaultRegion;
    const invokeContext = defaultInvokeContext(region);
    const warnings: string[] = [];
    const resources: CapturedResource[] = [];
    const byUrn = new Map<string, CapturedResource>();
    const providerRegion = new Map<string, string>();
    const providerDefaultTags = new Map<string, Record<string, string> | undefined>();
    const stackUrn = makeUrn(stack, project, rootStackType, `${project}-${stack}`);
    const idOfUrn = (urn: string) => byUrn.get(urn)?.id;

    const record = (r: CapturedResource) => {
        resources.push(r);
        byUrn.set(r.urn, r);
        o.onProgress?.(resources.length);
    };

    const ensureDefaultProvider = (pkg: string, version: string): string => {
        const name = version ? `default_${version.replace(/[.-]/g, "_")}` : "default";
        const urn = makeUrn(stack, project, `pulumi:providers:${pkg}`, name);
        if (!byUrn.has(urn)) {
            const inputs: WireProperties = {};
            for (const [k, v] of Object.entries(o.config.values)) {
                if (k.startsWith(`${pkg}:`)) {
                    const key = k.slice(pkg.length + 1);
                    // Structured config (defaultTags, assumeRole...) reaches the provider as a JSON string.
                    inputs[key] = v;
                }
            }
            if (version) {
                inputs.version = version;
            }
            const id = preview ? undefined : uuidFrom(urn);
            record({
                urn, type: `pulumi:providers:${pkg}`, name, custom: true, id,
                parent: undefined, dependencies: [], propertyDependencies: {},
                inputs, outputs: { ...inputs }, options: emptyOptions(),
            });
            providerRegion.set(urn, inputs.region ?? region);
            providerDefaultTags.set(urn, parseDefaultTags(inputs.defaultTags));
        }
        return urn;
    };

    const mocks = {
        newResource: (args: any) => ({ id: undefined, state: args.inputs }),
        call: (args: any) => answerInvoke(args.token, args.inputs, invokeContext),
    };

    pulumi.runtime.setMocks(mocks, project, stack, preview, organization);
    pulumi.runtime.setAllConfig(o.config.values, o.config.secretKeys);
    const monitor = settings.getMonitor();

    const aliasUrns = (req: any, type: string, name: string, parent: string | undefined): string[] => {
        const out: string[] = [];
        for (const a of req.getAliasesList?.() ?? []) {
            if (a.getUrn?.()) {
                out.push(a.getUrn());
                continue;
            }
            const spec = a.getSpec?.();
            if (!spec) {
                continue;
            }
            const aParent = spec.getNoparent?.() ? undefined : (spec.getParenturn?.() || parent);
            const aType = spec.getType?.() || type;
            const aName = spec.getName?.() || name;
            const qt = aParent && aParent !== stackUrn ? `${qualifiedTypeOfUrn(aParent)}$${aType}` : aType;
            out.push(makeUrn(spec.getStack?.() || stack, spec.getProject?.() || project, qt, aName));
        }
        for (const u of req.getAliasurnsList?.() ?? []) {
            out.push(u);
        }
        return [...new Set(out)];
    };

    const optionsOf = (req: any, parent: string | undefined): ResourceOptions => {
        const t = req.getCustomtimeouts?.();
        const seconds = (s: string | undefined) => {
            const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(s ?? "");
            if (!m) return 0;
            return Number(m[1]) * ({ ms: 0.001, s: 1, m: 60, h: 3600 } as any)[m[2]];
        };
        const opts: ResourceOptions = {
            protect: !!req.getProtect?.(),
            ignoreChanges: req.getIgnorechangesList?.() ?? [],
            aliases: [],
            customTimeouts: { create: seconds(t?.getCreate()), update: seconds(t?.getUpdate()), delete: seconds(t?.getDelete()) },
            additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
        };
        if (req.getDeletebeforereplacedefined?.()) {
            opts.deleteBeforeReplace = req.getDeletebeforereplace();
        }
        if (parent) {
            opts.parent = parent;
        }
        return opts;
    };

    monitor.registerResource = async (request: any, callback: any) => {
        try {
            const type: string = request.getType();
            const name: string = request.getName();
            const custom: boolean = request.getCustom();
            const parent: string | undefined = type === rootStackType ? undefined : (request.getParent() || stackUrn);
            const qualified = parent && parent !== stackUrn ? `${qualifiedTypeOfUrn(parent)}$${type}` : type;
            const urn = makeUrn(stack, project, qualified, name);

            let provider: string | undefined;
            const pkg = type.split(":")[0];
            if (custom && !type.startsWith("pulumi:providers:") && pkg !== "pulumi") {
                const ref: string = request.getProvider();
                provider = ref ? ref.slice(0, ref.lastIndexOf("::")) : ensureDefaultProvider(pkg, request.getVersion());
            }

            const schema = schemas.get(type);
            const inputs: WireProperties = toEngineValue(request.getObject()?.toJavaScript() ?? {}, idOfUrn);
            const seed = urn;
            let physicalName: string | undefined;
            const nameProp = custom ? physicalNamePropertyOf(type, schema.inputs) : undefined;
            if (nameProp) {
                const given = inputs[nameProp];
                const prefixProp = `${nameProp}Prefix`;
                if (given === undefined && isAutonamed(type) && request.getImportid() === "") {
                    // The provider's Check autonames, during preview as well as update.
                    physicalName = inputs[prefixProp] !== undefined && !isUnknown(inputs[prefixProp])
                        ? `${inputs[prefixProp]}${uuidFrom(seed).replace(/-/g, "").slice(0, 26)}`
                        : autoname(name, seed);
                    inputs[nameProp] = physicalName;
                } else if (typeof given === "string" && !isUnknown(given)) {
                    physicalName = given;
                } else if (given && typeof given === "object" && typeof given.value === "string") {
                    physicalName = given.value;
                }
            }

            if (type.startsWith("pulumi:providers:")) {
                providerRegion.set(urn, typeof inputs.region === "string" && !isUnknown(inputs.region) ? inputs.region : region);
                providerDefaultTags.set(urn, parseDefaultTags(inputs.defaultTags));
            }

            // What the provider returns: the checked inputs, plus output-only properties, which are
            // unknown during a preview and synthesised for an update.
            const deserialized = rpc.deserializeProperties(request.getObject());
            const stateOut: Record<string, any> = { ...deserialized };
            if (nameProp && physicalName !== undefined && stateOut[nameProp] === undefined) {
                stateOut[nameProp] = physicalName;
            }
            let id: string | undefined;
            const outputsOnly = custom ? schema.outputsOnly : new Set<string>();
            let synthesised: Record<string, any> = {};
            if (custom && (!preview || request.getImportid())) {
                const resRegion = typeof inputs.region === "string" && !isUnknown(inputs.region)
                    ? inputs.region : (provider ? providerRegion.get(provider) : undefined) ?? region;
                const s = synthesiseOutputs({
                    type, name: physicalName ?? autoname(name, seed), region: resRegion, account: offlineAccountId,
                    inputs: deserialized, seed,
                }, outputsOnly, provider ? providerDefaultTags.get(provider) : undefined);
                id = request.getImportid() || s.id;
                synthesised = s.outputs;
                Object.assign(stateOut, synthesised);
            }
            if (type.startsWith("pulumi:providers:") && !preview) {
                id = uuidFrom(urn);
            }

            const serialized = await rpc.serializeProperties("", stateOut);
            const outputs: WireProperties = toEngineValue(serialized, idOfUrn);
            if (custom && preview) {
                for (const p of outputsOnly) {
                    if (!(p in outputs)) {
                        outputs[p] = unknownString;
                    }
                }
            }

            const propertyDependencies: Record<string, string[]> = {};
            request.getPropertydependenciesMap()?.forEach((v: any, k: string) => {
                const urns: string[] = v.getUrnsList();
                if (urns.length > 0) {
                    propertyDependencies[k] = urns;
                }
            });
            const options = optionsOf(request, parent);
            options.aliases = aliasUrns(request, type, name, parent);

            record({
                urn, type, name, custom, id, parent,
                dependencies: request.getDependenciesList() ?? [],
                propertyDependencies, provider, inputs, outputs, options,
            });

            const response = new resproto.RegisterResourceResponse();
            response.setUrn(urn);
            response.setId(id ?? "");
            response.setObject(structproto.Struct.fromJavaScript(serialized));
            callback(null, response);
        } catch (err) {
            callback(err, undefined);
        }
    };

    monitor.registerResourceOutputs = (request: any, callback: any) => {
        try {
            const r = byUrn.get(request.getUrn());
            if (r) {
                const outs = toEngineValue(request.getOutputs()?.toJavaScript() ?? {}, idOfUrn);
                r.outputs = { ...r.outputs, ...outs };
            }
            callback(null, {});
        } catch (err) {
            callback(err, undefined);
        }
    };

    monitor.readResource = async (request: any, callback: any) => {
        try {
            const type: string = request.getType();
            const name: string = request.getName();
            const parent: string = request.getParent() || stackUrn;
            const qualified = parent !== stackUrn ? `${qualifiedTypeOfUrn(parent)}$${type}` : type;
            const urn = makeUrn(stack, project, qualified, name);
            const id: string = request.getId();
            const deserialized = rpc.deserializeProperties(request.getProperties());
            const s = synthesiseOutputs({ type, name: id, region, account: offlineAccountId, inputs: deserialized, seed: urn },
                schemas.get(type).outputsOnly, undefined);
            const serialized = await rpc.serializeProperties("", { ...deserialized, ...s.outputs });
            // A read (`Resource.get`) is not analyzed by Analyze; it takes part in AnalyzeStack.
            record({
                urn, type, name, custom: true, id, parent, dependencies: request.getDependenciesList() ?? [],
                propertyDependencies: {}, inputs: {}, outputs: toEngineValue(serialized, idOfUrn), options: emptyOptions(),
                provider: request.getProvider() ? request.getProvider().slice(0, request.getProvider().lastIndexOf("::")) : undefined,
                external: true,
            });
            const response = new resproto.ReadResourceResponse();
            response.setUrn(urn);
            response.setProperties(structproto.Struct.fromJavaScript(serialized));
            callback(null, response);
        } catch (err) {
            callback(err, undefined);
        }
    };

    const failures: unknown[] = [];
    const onFailure = (err: unknown) => { failures.push(err); };
    process.on("unhandledRejection", onFailure);
    process.on("uncaughtException", onFailure);
    const savedLimit = Error.stackTraceLimit;
    if (!o.stackTraces) {
        // Every SDK promise captures a stack trace: turning that off makes large programs 4x faster.
        Error.stackTraceLimit = 0;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
        const run = async () => {
            let entry: () => unknown;
            if (o.program) {
                entry = o.program;
            } else {
                const main = o.main!;
                registerTypeScript(resolveFrom, o.typeCheck);
                forgetProgramModules(resolveFrom);
                entry = () => {
                    const exported = require(main);
                    return typeof exported === "function" ? exported() : exported;
                };
            }
            await pulumi.runtime.runInPulumiStack(async () => entry());
            await settings.waitForRPCs();
        };
        const timeoutMs = o.timeoutMs ?? 120_000;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new UserError(
                `The program did not finish within ${Math.round(timeoutMs / 1000)} s: something it awaits never resolves ` +
                `(an Output or promise that is never settled, or a data source the offline preview cannot answer).`,
                "Look for awaited promises that depend on the cloud, or raise the limit with --timeout SECONDS.")), timeoutMs);
        });
        await Promise.race([run(), timeout]);
        // Let errors thrown inside apply callbacks surface as unhandled rejections.
        await new Promise(r => setImmediate(r));
    } catch (e) {
        failures.unshift(e);
    } finally {
        if (timer) clearTimeout(timer);
        Error.stackTraceLimit = savedLimit;
        process.removeListener("unhandledRejection", onFailure);
        process.removeListener("uncaughtException", onFailure);
    }
    const logged = state.getStore?.().logErrorCount ?? 0;
    if (failures.length > 0) {
        const first = failures[0];
        if (first instanceof UserError) {
            throw first;
        }
        throw new UserError(`The program failed: ${messageOf(first).split("\n")[0]}`,
            "Fix the program (run it with --stack-traces to see where it failed) and run again.");
    }
    if (logged > 0) {
        throw new UserError(`The program logged ${logged} error(s) with pulumi.log.error, which fails a real preview.`,
            "Read the errors printed above and fix them.");
    }
    for (const t of invokeContext.unanswered) {
        warnings.push(`data source ${t} has no offline answer; the program received an empty result`);
    }
    return {
        project, stack, organization, mode, resources, warnings,
        source: o.main ?? "(inline program)",
    };
}
