import {
    EnforcementLevel, PolicyConfigSchema, PolicyResource, ReportViolation, ResourceValidationArgs,
    ResourceValidationPolicy, Severity, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { isPlainObject, raw } from "./unknowns";

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
}

export interface ResourcePolicyDefinition<C> extends PolicyMetadata {
    validate(check: ResourceCheck<C>): void;
    /** Returns the new inputs (mutate and return `check.proxied` to keep secrets secret), or nothing. */
    remediate?(check: ResourceCheck<C>): Record<string, any> | undefined;
}

export interface StackPolicyDefinition<C> extends PolicyMetadata {
    validateStack(check: StackCheck<C>): void;
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

function configSchemaOf(meta: PolicyMetadata): PolicyConfigSchema {
    return {
        properties: { ...(meta.config?.properties ?? {}), exemptions: exemptionsSchema as any },
        required: meta.config?.required,
    };
}

function configOf<C>(meta: PolicyMetadata, getConfig: () => object): C & { exemptions: Exemption[] } {
    const given = getConfig() ?? {};
    return { ...defaultsOf(meta.config), exemptions: [], ...given } as any;
}

function patternMatches(pattern: string, value: string): boolean {
    if (!pattern.includes("*")) {
        return pattern === value;
    }
    const re = new RegExp("^" + pattern.split("*").map(s => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$");
    return re.test(value);
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
        "for this input shape. The resource was not checked: review it by hand and report the shape to the pack's maintainers.";
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
        tags: ["pci-dss", ...new Set(meta.resourceTypes.map(t => t.split(":")[1]?.split("/")[0]).filter(Boolean))],
    };
}

function makeCheck<C>(meta: PolicyMetadata, args: ResourceValidationArgs, report: ReportViolation | undefined) {
    const config = configOf<C>(meta, () => args.getConfig());
    const check: ResourceCheck<C & { exemptions: Exemption[] }> = {
        type: args.type,
        name: args.name,
        urn: args.urn,
        props: raw(args.props) ?? {},
        proxied: args.props,
        providerProps: args.provider ? raw(args.provider.props) : undefined,
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
    const policy: ResourceValidationPolicy & { metadata: PolicyMetadata } = {
        ...metadataFields(def),
        metadata: def,
        validateResource: (args, reportViolation) => {
            if (!types.has(args.type)) return;
            const check = makeCheck<C>(def, args, reportViolation);
            const exemption = findExemption(check.config.exemptions, args.name, args.urn);
            if (exemption) {
                args.notApplicable(`exempted by configuration: ${exemption.reason}`);
            }
            try {
                def.validate(check as any);
            } catch (e) {
                if (isSdkSignal(e)) throw e;
                reportViolation({ message: describeCrash(def.name, e), enforcementLevel: "advisory", urn: args.urn } as any);
            }
        },
    };
    if (def.remediate) {
        policy.remediateResource = args => {
            if (!types.has(args.type)) return undefined;
            const check = makeCheck<C>(def, args, undefined);
            if (findExemption(check.config.exemptions, args.name, args.urn)) return undefined;
            try {
                return def.remediate!(check as any);
            } catch (e) {
                if (isSdkSignal(e)) throw e;
                return undefined;
            }
        };
    }
    return policy;
}

/** A policy over the whole stack (relations between resources), with exemptions and no throw. */
export function stackPolicy<C = {}>(def: StackPolicyDefinition<C & { exemptions: Exemption[] }>): StackValidationPolicy & { metadata: PolicyMetadata } {
    return {
        ...metadataFields(def),
        metadata: def,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const config = configOf<C>(def, () => args.getConfig());
            const stack = args.resources.length ? stackNameOf(args.resources[0].urn) : "";
            const check: StackCheck<C & { exemptions: Exemption[] }> = {
                resources: args.resources,
                config,
                stack,
                report: (resource, message) => {
                    const urn = typeof resource === "string" ? resource : resource.urn;
                    const name = typeof resource === "string" ? urn.split("::").pop() ?? "" : resource.name;
                    if (!findExemption(config.exemptions, name, urn)) {
                        reportViolation(message, urn);
                    }
                },
            };
            try {
                def.validateStack(check as any);
            } catch (e) {
                if (isSdkSignal(e)) throw e;
                reportViolation({ message: describeCrash(def.name, e), enforcementLevel: "advisory" } as any);
            }
        },
    };
}
