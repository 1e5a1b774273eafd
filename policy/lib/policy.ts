import {
    EnforcementLevel, PolicyConfigSchema, PolicyResource, ReportViolation, ResourceValidationArgs,
    ResourceValidationPolicy, Severity, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import { isPlainObject, raw, unknownStringSentinel } from "./unknowns";

/** The PCI DSS version every policy in this pack maps to. */
export const pciDss = { name: "PCI DSS", version: "4.0.1" } as const;

/** What every policy in the pack declares next to its logic; also the source of the README's table. */
export interface PolicyMetadata {
    name: string;
    description: string;
    severity: Severity;
    /** PCI DSS v4.0.1 requirement(s), e.g. "3.7.4" or "10.3.4, 10.5.1". */
    pci: string;
    remediationSteps: string;
    /** Default level; mandatory unless the policy says otherwise. */
    enforcementLevel?: EnforcementLevel;
    /** Settings that are a judgement call (thresholds, lists), with defaults. */
    config?: PolicyConfigSchema;
    /** The type tokens the policy looks at (documentation, and a fast filter for resource policies). */
    resourceTypes: string[];
}

export interface Exemption {
    /** A resource name, a URN, or a pattern where `*` matches anything. */
    resource: string;
    reason: string;
}

const exemptionsSchema = {
    type: "array",
    description: "Resources this policy does not apply to: a name, URN or `*` pattern, with the reason (reported as not applicable).",
    items: {
        type: "object",
        properties: {
            resource: { type: "string", minLength: 1 },
            reason: { type: "string", minLength: 1 },
        },
        required: ["resource", "reason"],
    },
    default: [],
} as const;

export interface ResourceCheck<C> {
    type: string;
    name: string;
    urn: string;
    /** Raw inputs: unknown values are sentinel strings (see lib/unknowns), nothing throws. */
    props: Record<string, any>;
    /** The SDK's proxied inputs, for `deferUnknown`. */
    proxied: Record<string, any>;
    /** Raw inputs of the resource's provider (e.g. its defaultTags), if any. */
    providerProps?: Record<string, any>;
    /** The provider's proxied inputs, for `deferUnknown` on a provider value. */
    providerProxied?: Record<string, any>;
    config: C;
    stack: string;
    report(message: string): void;
    notApplicable(reason: string): never;
}

export interface StackCheck<C> {
    resources: PolicyResource[];
    config: C;
    stack: string;
    /** Reports a violation against one resource (skipped if that resource is exempted). */
    report(resource: PolicyResource | string, message: string): void;
    /**
     * Records what cannot be decided until a value is known (e.g. `"bucket 'x' (policy)"`). After every
     * decidable finding is reported, these become the SDK's standard advisory "can't run policy ...
     * during preview" (one per policy): reading an unknown at once would end the stack policy early.
     */
    undecided(resource: PolicyResource, what: string): void;
}

export interface ResourcePolicyDefinition<C> extends PolicyMetadata {
    validate(check: ResourceCheck<C>): void;
    /** Returns the new inputs (mutate and return `check.proxied` to keep secrets secret), or nothing. */
    remediate?(check: ResourceCheck<C>): Record<string, any> | undefined;
    /**
     * Which resources the policy looks at, when a fixed list of types cannot say it (e.g. "every
     * taggable AWS resource"); `resourceTypes` then only documents it. Default: type in resourceTypes.
     */
    appliesTo?(type: string, props: Record<string, any>): boolean;
}

export interface StackPolicyDefinition<C> extends PolicyMetadata {
    validateStack(check: StackCheck<C>): void;
    /**
     * An optional resource phase, run by Analyze on each resource of `resourceTypes` (inputs, before
     * AnalyzeStack): for what one resource's own inputs already decide, such as an unknown input.
     */
    validateResource?(check: ResourceCheck<C>): void;
    /** An optional remediation of single resources of `resourceTypes` (as in resourcePolicy). */
    remediate?(check: ResourceCheck<C>): Record<string, any> | undefined;
}

function defaultsOf(schema: PolicyConfigSchema | undefined): Record<string, any> {
    const out: Record<string, any> = {};
    for (const [k, s] of Object.entries(schema?.properties ?? {})) {
        if (s && typeof s === "object" && "default" in s) {
            out[k] = (s as any).default;
        }
    }
    return out;
}

/**
 * What a policy does when it fails on an input it does not handle (a bug in the pack): report the
 * resource at the policy's own level, so a mandatory control fails closed as a PCI assessor expects
 * (cdk-nag does the same), or only advise, so a bug cannot block deployments.
 */
const onErrorSchema = {
    type: "string",
    enum: ["fail-closed", "fail-open"],
    description: "When the policy itself fails on a resource: fail-closed reports it at the policy's own level (a mandatory policy blocks), fail-open reports an advisory.",
    default: "fail-closed",
} as const;

function configSchemaOf(meta: PolicyMetadata): PolicyConfigSchema {
    return {
        properties: { ...(meta.config?.properties ?? {}), exemptions: exemptionsSchema as any, onError: onErrorSchema as any },
        required: meta.config?.required,
    };
}

function configOf<C>(meta: PolicyMetadata, getConfig: () => object): C & { exemptions: Exemption[]; onError: "fail-closed" | "fail-open" } {
    const given = getConfig() ?? {};
    return { ...defaultsOf(meta.config), exemptions: [], onError: "fail-closed", ...given } as any;
}

/** The crash report, at the policy's own level (fail-closed) or as an advisory (fail-open). */
function crashReport(onError: unknown, message: string, urn?: string): any {
    return onError === "fail-open" ? { message, enforcementLevel: "advisory", urn } : { message, urn };
}

/**
 * `*` matches any run of characters. Linear in the value: each literal piece is found left to right
 * (the first match is always the best one for a glob), so many stars cannot make it backtrack.
 */
export function patternMatches(pattern: string, value: string): boolean {
    const pieces = pattern.split("*");
    if (pieces.length === 1) {
        return pattern === value;
    }
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    if (!value.startsWith(first) || !value.endsWith(last) || value.length < first.length + last.length) {
        return false;
    }
    let at = first.length;
    const end = value.length - last.length;
    for (const piece of pieces.slice(1, -1)) {
        const i = value.indexOf(piece, at);
        if (i < 0 || i + piece.length > end) {
            return false;
        }
        at = i + piece.length;
    }
    return true;
}

export function findExemption(exemptions: unknown, name: string, urn: string): Exemption | undefined {
    if (!Array.isArray(exemptions)) return undefined;
    return exemptions.find((e): e is Exemption => isPlainObject(e) && typeof e.resource === "string" &&
        (patternMatches(e.resource, name) || patternMatches(e.resource, urn)));
}

function stackNameOf(urn: string): string {
    const m = /^urn:pulumi:([^:]+)::/.exec(urn);
    return m ? m[1] : "";
}

/** The SDK's own signals (unknown value, not applicable) must pass through untouched. */
function isSdkSignal(e: unknown): boolean {
    const n = (e as any)?.constructor?.name;
    return n === "UnknownValueError" || n === "NotApplicableError";
}

function describeCrash(policy: string, e: unknown): string {
    const what = e instanceof Error ? e.name : typeof e;
    return `Policy ${policy} could not evaluate this resource's properties (${what}); this is a bug in the policy pack ` +
        "for this input shape. The resource was not checked: review it by hand and report the shape to the pack's maintainers " +
        "(the policy's onError setting decides whether this blocks: fail-closed, the default, or fail-open).";
}

function metadataFields(meta: PolicyMetadata) {
    return {
        name: meta.name,
        description: meta.description,
        severity: meta.severity,
        enforcementLevel: meta.enforcementLevel ?? "mandatory",
        remediationSteps: meta.remediationSteps,
        framework: {
            name: pciDss.name,
            version: pciDss.version,
            reference: meta.pci,
            specification: `${pciDss.name} v${pciDss.version} requirement ${meta.pci}`,
        },
        configSchema: configSchemaOf(meta),
        tags: ["pci-dss", ...new Set(meta.resourceTypes.map(t => t.split(":")[1]?.split("/")[0]).filter((s): s is string => !!s && /^[a-z0-9]+$/.test(s)))],
    };
}

function makeCheck<C>(meta: PolicyMetadata, args: ResourceValidationArgs, report: ReportViolation | undefined) {
    const config = configOf<C>(meta, () => args.getConfig());
    const check: ResourceCheck<C & { exemptions: Exemption[]; onError: "fail-closed" | "fail-open" }> = {
        type: args.type,
        name: args.name,
        urn: args.urn,
        props: raw(args.props) ?? {},
        proxied: args.props,
        providerProps: args.provider ? raw(args.provider.props) : undefined,
        providerProxied: args.provider?.props,
        config,
        stack: stackNameOf(args.urn),
        report: msg => report?.(msg),
        notApplicable: reason => args.notApplicable(reason),
    };
    return check;
}

/** A policy over single resources: metadata next to its logic, exemptions, and no throw on odd input. */
export function resourcePolicy<C = {}>(def: ResourcePolicyDefinition<C & { exemptions: Exemption[] }>): ResourceValidationPolicy & { metadata: PolicyMetadata } {
    const types = new Set(def.resourceTypes);
    const applies = def.appliesTo
        ? (args: ResourceValidationArgs) => def.appliesTo!(args.type, raw(args.props) ?? {})
        : (args: ResourceValidationArgs) => types.has(args.type);
    const policy: ResourceValidationPolicy & { metadata: PolicyMetadata } = {
        ...metadataFields(def),
        metadata: def,
        validateResource: (args, reportViolation) => {
            if (!applies(args)) return;
            const check = makeCheck<C>(def, args, reportViolation);
            const exemption = findExemption(check.config.exemptions, args.name, args.urn);
            if (exemption) {
                args.notApplicable(`exempted by configuration: ${exemption.reason}`);
            }
            try {
                def.validate(check as any);
            } catch (e) {
                if (isSdkSignal(e)) throw e;
                reportViolation(crashReport(check.config.onError, describeCrash(def.name, e), args.urn));
            }
        },
    };
    if (def.remediate) {
        policy.remediateResource = args => {
            if (!applies(args)) return undefined;
            return remediateSafely(def, args);
        };
    }
    if (!def.appliesTo && types.size === 1) {
        // The SDK skips other resource types before deserialising their properties for this policy
        // (about 8% of a large stack's evaluation, measured by the benchmarks).
        const [only] = types;
        (policy.validateResource as any).__pulumiType = only;
        if (policy.remediateResource) (policy.remediateResource as any).__pulumiType = only;
    }
    return policy;
}

/**
 * Runs a remediation without letting a bug fail the preview: the resource is left as it was, so the
 * validation that follows still reports the violation (at mandatory level, as the SDK does after a
 * remediation that did not fix it), and the cause goes to the pack's stderr for its maintainers.
 */
function remediateSafely<C>(def: PolicyMetadata & { remediate?(check: ResourceCheck<C>): Record<string, any> | undefined }, args: ResourceValidationArgs): Record<string, any> | undefined {
    const check = makeCheck<C>(def, args, undefined);
    if (findExemption(check.config.exemptions, args.name, args.urn)) return undefined;
    try {
        return def.remediate!(check as any);
    } catch (e) {
        if (isSdkSignal(e)) throw e;
        process.stderr.write(`${def.name}: remediation of ${args.urn} failed (${e instanceof Error ? e.name : typeof e}); the resource is left unchanged\n`);
        return undefined;
    }
}

/**
 * A policy over the whole stack (relations between resources), with exemptions, undecidable values
 * collected until every decidable finding is out, and no throw. It also has a resource phase on
 * `resourceTypes` (the SDK runs validateResource in Analyze and validateStack in AnalyzeStack for one
 * policy that has both): an exempted resource is reported there as not applicable with the reason,
 * which the SDK cannot do per resource from a stack policy.
 */
export function stackPolicy<C = {}>(def: StackPolicyDefinition<C & { exemptions: Exemption[] }>): StackValidationPolicy & ResourceValidationPolicy & { metadata: PolicyMetadata } {
    const resourcePhase = resourcePolicy<C>({ ...def, validate: c => def.validateResource?.(c) });
    return {
        ...metadataFields(def),
        metadata: def,
        validateResource: resourcePhase.validateResource,
        ...(def.remediate ? { remediateResource: resourcePhase.remediateResource } : {}),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const config = configOf<C>(def, () => args.getConfig());
            const stack = args.resources.length ? stackNameOf(args.resources[0].urn) : "";
            const undecided: string[] = [];
            const exempt = (name: string, urn: string) => findExemption(config.exemptions, name, urn) !== undefined;
            const check: StackCheck<C & { exemptions: Exemption[] }> = {
                resources: args.resources,
                config,
                stack,
                report: (resource, message) => {
                    const urn = typeof resource === "string" ? resource : resource.urn;
                    const name = typeof resource === "string" ? urn.split("::").pop() ?? "" : resource.name;
                    if (!exempt(name, urn)) {
                        reportViolation(message, urn);
                    }
                },
                undecided: (resource, what) => {
                    if (!exempt(resource.name, resource.urn)) {
                        undecided.push(what);
                    }
                },
            };
            try {
                def.validateStack(check as any);
            } catch (e) {
                if (isSdkSignal(e)) throw e;
                reportViolation(crashReport(config.onError, describeCrash(def.name, e)));
            }
            if (undecided.length > 0) {
                // Reading an unknown through the SDK's proxy yields its standard preview advisory.
                const label = undecided.join("; ");
                void (unknownCheckingProxy({ [label]: unknownStringSentinel }) as any)[label];
            }
        },
    };
}
