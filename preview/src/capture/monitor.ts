import { InternalError, UserError, messageOf } from "../errors";
import { CapturedResource } from "../model";
import { WireProperties, setOwn, toEngineValue, unwrapSecrets } from "../wire";
import { callbackOf } from "./callbacks";
import { goalFromRequest } from "./goal";
import { InvokeContext, LookupNotFound, answerInvoke } from "./invokes";
import { emptyproto, grpc, grpcError, providerproto, resproto, resrpc, structproto } from "./protocol";
import { InvalidRegistration, Registry, RegistrationRefused } from "./registry";

/** A data source that fails as it would against AWS (the program's to handle). */
class InvokeFailed extends Error {}

/** Struct.fromJavaScript rejects undefined: drop such keys (and turn undefined list items into null). */
export function structSafe(v: any): any {
    if (v === undefined) return undefined;
    if (Array.isArray(v)) return v.map(e => e === undefined ? null : structSafe(e));
    if (v && typeof v === "object") {
        const out: Record<string, any> = {};
        for (const [k, e] of Object.entries(v)) {
            if (e !== undefined) setOwn(out, k, structSafe(e));
        }
        return out;
    }
    return v;
}

export interface MonitorState {
    /** A registration the engine refused (update mode: a mandatory policy violation); the run stops. */
    refused?: string;
    /** Failures inside the offline preview itself while serving the program: bugs, reported as such. */
    internalErrors: InternalError[];
    /** A registration the engine rejected as malformed (the program's mistake). */
    invalid?: string;
    /** A policy pack failed while analysing a resource (it threw, or died): the engine fails the run. */
    packFailure?: UserError;
    /** SignalAndWaitForShutdown was called: the program finished registering. */
    shutdownSignalled: boolean;
    /** Calls still being served (a registration waits for its analysis). */
    pending: Set<Promise<unknown>>;
    /** Called once when the deployment must stop (the engine cancels the program: a policy stopped it, a pack or we failed). */
    onStop?: () => void;
}

/**
 * The ResourceMonitor service the engine gives a program (pkg/resource/deploy/source_eval.go, resmon):
 * feature support as the engine answers it, registrations into the Registry, reads, data source
 * invokes answered offline, `pulumi:pulumi:getResource` for resources passed as inputs, and the
 * stack transforms a program registers.
 */
export interface DeploymentContext {
    project: string;
    stack: string;
    organization: string;
    dryRun: boolean;
    parallel: number;
    config: { values: Record<string, string>; secretKeys: string[] };
}

export function monitorService(registry: Registry, invokes: InvokeContext, state: MonitorState, deployment: DeploymentContext): [any, Record<string, Function>] {
    const guard = (name: string, handler: (req: any) => Promise<any>) => (call: any, callback: any) => {
        const served = handler(call.request);
        state.pending.add(served);
        served.finally(() => state.pending.delete(served)).catch(() => undefined);
        served.then(resp => callback(null, resp), (err: unknown) => {
            if (err instanceof RegistrationRefused) {
                state.refused ??= err.message;
                state.onStop?.();
                callback(grpcError("UNKNOWN", err.message));
                return;
            }
            if (err instanceof InvokeFailed) {
                callback(grpcError("UNKNOWN", err.message));
                return;
            }
            if (err instanceof InvalidRegistration) {
                state.invalid ??= err.message;
                callback(grpcError("INVALID_ARGUMENT", err.message));
                return;
            }
            if (err instanceof UserError) {
                state.packFailure ??= err;
                state.onStop?.();
                callback(grpcError("UNKNOWN", err.message));
                return;
            }
            const internal = err instanceof InternalError ? err : new InternalError(`${name}: ${messageOf(err)}`, err);
            state.internalErrors.push(internal);
            state.onStop?.();
            callback(grpcError("INTERNAL", `the offline preview failed in ${name}: ${messageOf(err)}`));
        });
    };

    const implementation = {
        supportsFeature: guard("SupportsFeature", async req => {
            const resp = new resproto.SupportsFeatureResponse();
            resp.setHassupport(supportedFeatures.has(req.getId()));
            return resp;
        }),
        registerResource: guard("RegisterResource", async req => {
            if (state.refused || state.packFailure) {
                // The engine has stopped the deployment (source_eval.go:3034).
                throw new RegistrationRefused("resource monitor shut down while sending resource registration");
            }
            const r = await registry.register(goalFromRequest(req));
            const resp = new resproto.RegisterResourceResponse();
            resp.setUrn(r.urn);
            resp.setId(r.id);
            resp.setObject(structproto.Struct.fromJavaScript(structSafe(r.object)));
            return resp;
        }),
        registerResourceOutputs: guard("RegisterResourceOutputs", async req => {
            registry.registerOutputs(req.getUrn(), req.getOutputs()?.toJavaScript() ?? {});
            return new emptyproto.Empty();
        }),
        readResource: guard("ReadResource", async req => {
            const r = await registry.read({
                type: req.getType(), name: req.getName(), parent: req.getParent(), id: req.getId(),
                properties: req.getProperties()?.toJavaScript() ?? {}, provider: req.getProvider(),
                dependencies: req.getDependenciesList() ?? [], version: req.getVersion(),
            });
            const resp = new resproto.ReadResourceResponse();
            resp.setUrn(r.urn);
            resp.setProperties(structproto.Struct.fromJavaScript(structSafe(req.getAcceptsecrets() ? r.outputs : unwrapSecrets(r.outputs))));
            return resp;
        }),
        invoke: guard("Invoke", async req => {
            const token: string = req.getTok();
            let args: WireProperties = req.getArgs()?.toJavaScript() ?? {};
            for (const cb of registry.stackInvokeTransforms) {
                const options = new resproto.TransformInvokeOptions();
                options.setProvider(req.getProvider());
                options.setVersion(req.getVersion());
                args = (await registry.callbacks.transformInvoke(cb, token, args, options)).args;
            }
            const resp = new resproto.ResourceInvokeResponse();
            const dependsOn: string[] = req.getDependsonList?.() ?? [];
            if (token !== "pulumi:pulumi:getResource" && dependsOn.length > 0 && registry.hasUncreated(dependsOn)) {
                // source_eval.go:1140-1153: an invoke that depends on a resource not created yet is unknown.
                resp.setUnknown(true);
                return resp;
            }
            if (token === "pulumi:pulumi:getResource") {
                resp.setReturn(structproto.Struct.fromJavaScript(structSafe(getResource(registry, String(unwrapSecrets(args).urn ?? "")))));
                return resp;
            }
            let result: Record<string, any>;
            try {
                result = answerInvoke(token, unwrapSecrets(toEngineValue(args)) ?? {}, invokes);
            } catch (e) {
                if (!(e instanceof LookupNotFound)) throw e;
                // source_eval.go:1164: the provider's error, to the program.
                throw new InvokeFailed(`invocation of ${token} returned an error: ${e.message}`);
            }
            resp.setReturn(structproto.Struct.fromJavaScript(structSafe(result)));
            return resp;
        }),
        call: guard("Call", async req => {
            invokes.unanswered.add(`${req.getTok()} (a method call)`);
            const resp = new providerproto.CallResponse();
            resp.setReturn(structproto.Struct.fromJavaScript({}));
            return resp;
        }),
        registerStackTransform: guard("RegisterStackTransform", async req => {
            registry.stackTransforms.push(callbackOf(req));
            return new emptyproto.Empty();
        }),
        registerStackInvokeTransform: guard("RegisterStackInvokeTransform", async req => {
            registry.stackInvokeTransforms.push(callbackOf(req));
            return new emptyproto.Empty();
        }),
        registerResourceHook: guard("RegisterResourceHook", async () => new emptyproto.Empty()),
        registerErrorHook: guard("RegisterErrorHook", async () => new emptyproto.Empty()),
        registerPackage: guard("RegisterPackage", async req => {
            const resp = new resproto.RegisterPackageResponse();
            resp.setRef(`${req.getName()}@${req.getVersion()}`);
            return resp;
        }),
        signalAndWaitForShutdown: guard("SignalAndWaitForShutdown", async () => {
            state.shutdownSignalled = true;
            return new emptyproto.Empty();
        }),
        getDeploymentInfo: guard("GetDeploymentInfo", async () => {
            // source_eval.go:1039: the run's context and the monitor's features.
            const info = new resproto.DeploymentInfo();
            info.setProject(deployment.project);
            info.setStack(deployment.stack);
            info.setOrganization(deployment.organization);
            const cm = info.getConfigMap();
            for (const [k, v] of Object.entries(deployment.config.values)) cm.set(k, v);
            info.setConfigsecretkeysList(deployment.config.secretKeys);
            info.setDryrun(deployment.dryRun);
            info.setParallel(deployment.parallel);
            info.setSupportedfeaturesList(monitorFeatures());
            return info;
        }),
        existsResource: guard("ExistsResource", async () => {
            throw new Error("ExistsResource is not served by the offline preview");
        }),
    };
    return [resrpc.ResourceMonitorService, implementation];
}

/** source_eval.go:945 supportsFeatureID, as the engine answers without DisableResourceReferences/OutputValues. */
const supportedFeatures = new Set([
    "secrets", "resourceReferences", "outputValues", "aliasSpecs", "replacementTrigger", "deletedWith",
    "replaceWith", "transforms", "invokeTransforms", "parameterization", "resourceHooks", "errorHooks",
    "sendsOptionsToHooks",
]);

/** source_eval.go:988 supportedMonitorFeatures. */
function monitorFeatures(): number[] {
    const f = resproto.ResourceMonitorFeature;
    return [
        f.RESOURCE_MONITOR_FEATURE_SECRETS, f.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES, f.RESOURCE_MONITOR_FEATURE_OUTPUT_VALUES,
        f.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS, f.RESOURCE_MONITOR_FEATURE_REPLACEMENT_TRIGGER, f.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
        f.RESOURCE_MONITOR_FEATURE_REPLACE_WITH, f.RESOURCE_MONITOR_FEATURE_TRANSFORMS, f.RESOURCE_MONITOR_FEATURE_INVOKE_TRANSFORMS,
        f.RESOURCE_MONITOR_FEATURE_PARAMETERIZATION, f.RESOURCE_MONITOR_FEATURE_RESOURCE_HOOKS, f.RESOURCE_MONITOR_FEATURE_ERROR_HOOKS,
        f.RESOURCE_MONITOR_FEATURE_SENDS_OPTIONS_TO_HOOKS, f.RESOURCE_MONITOR_FEATURE_BYTE_STRING,
        f.RESOURCE_MONITOR_FEATURE_INVOKE_DEPENDS_ON, f.RESOURCE_MONITOR_FEATURE_INVOKE_PARENT,
    ].filter((x: unknown) => typeof x === "number");
}

/** The builtin `pulumi:pulumi:getResource`: a registered resource's URN, id and outputs. */
function getResource(registry: Registry, urn: string): { urn: string; id: string; state: WireProperties } {
    const r: CapturedResource | undefined = registry.byUrn.get(urn);
    if (!r) {
        throw new Error(`unknown resource ${urn}`);
    }
    // The SDK reads every field (runtime/resource.js:123): the id is "" while it is not known.
    return { urn: r.urn, id: r.id ?? "", state: r.outputs };
}

export { grpc };
