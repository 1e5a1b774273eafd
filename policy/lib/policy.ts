// The one authoring path of the pack: `resourcePolicy` and `stackPolicy` wrap a policy's logic with its
// metadata, its configuration (exemptions, onError), a crash guard, and the pack's rule for values that
// are unknown at preview. docs/writing-a-policy.md describes it for authors; lib/attribute-policy.ts
// builds the common shapes on top of it.
//
// The undecided rule. A check reports only findings that hold whatever the unknown values turn out to
// be, and records with `undecided` what it cannot decide. After `validate` has returned (so every
// decidable finding is out), the wrapper looks at each resource: if the policy reported a finding about
// it, the undecided places are dropped (the resource fails the policy whatever they turn out to be, and
// an advisory saying the policy "can't run" would contradict the finding); otherwise, if anything was
// recorded, it hands over to the SDK's standard preview advisory naming the places. So an unknown is
// never the reason for a finding (the robustness invariant of tests/robustness), never hides one, and
// a resource is either reported, or undecided, or passes.
import {
    EnforcementLevel, PolicyConfigSchema, PolicyResource, ReportViolation, ResourceValidationArgs,
    ResourceValidationPolicy, Severity, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { moduleOf } from "./aws-types";
import { CommonConfig, configOf, configSchemaOf, findExemption } from "./policy-config";
import { AnyArgs, Props, PropertyPath, PropPath, setPath } from "./property-paths";
import { handOverToPreviewAdvisory, undecidedLabel } from "./undecided";
import { at, isUnknown, raw, unknownSentinels } from "./unknowns";

export { Exemption, findExemption, patternMatches } from "./policy-config";

/** The PCI DSS version every policy in this pack maps to. */
export const pciDss = { name: "PCI DSS", version: "4.0.1" } as const;

/** What every policy in the pack declares next to its logic; also the source of the README's table. */
export interface PolicyMetadata {
    name: string;
    description: string;
    severity: Severity;
    /** PCI DSS v4.0.1 requirement(s), e.g. "3.7.4" or "10.3.4, 10.5.1". */
    pci: string;
    /** The AWS Security Hub controls (PCI DSS v4.0.1 standard) the policy checks at deploy time, e.g. ["RDS.3"]. */
    securityHub?: string[];
    remediationSteps: string;
    /** Default level; mandatory unless the policy says otherwise. */
    enforcementLevel?: EnforcementLevel;
    /** Settings that are a judgement call (thresholds, lists), with defaults. */
    config?: PolicyConfigSchema;
    /** The type tokens the policy looks at (from lib/aws-types; documentation, and a fast filter). */
    resourceTypes: string[];
}

/** Property changes a remediation asks for: path -> new value (`undefined` removes the property). */
export type Patch<A = AnyArgs> = Partial<Record<PropPath<A>, unknown>>;

export interface ResourceCheck<C, A = AnyArgs> {
    type: string;
    name: string;
    urn: string;
    /** Raw inputs, typed by the provider's args A: unknown values are sentinel strings, nothing throws. */
    props: Props<A>;
    /** Raw inputs of the resource's provider (e.g. its defaultTags), if any. */
    providerProps?: Record<string, any>;
    config: C & CommonConfig;
    stack: string;
    /** Reports a finding about this resource (one that holds whatever unknown values turn out to be). */
    report(message: string): void;
    /**
     * Records that the verdict needs the value at `path` of the inputs (or of the provider's inputs), which
     * is not known yet. The wrapper applies the pack's undecided rule after `validate` returns.
     */
    undecided(path: PropertyPath, of?: "provider"): void;
    /** Ends the check: the policy does not apply to this resource, for this reason (shown to the user). */
    notApplicable(reason: string): never;
}

export interface StackCheck<C> {
    resources: PolicyResource[];
    config: C & CommonConfig;
    stack: string;
    /** Reports a violation against one resource (skipped if that resource is exempted). */
    report(resource: PolicyResource | string, message: string): void;
    /**
     * Records what cannot be decided about a resource until a value is known (e.g. `"bucket 'x' (policy)"`);
     * the undecided rule then applies per resource, as for resource checks.
     */
    undecided(resource: PolicyResource, what: string): void;
}

export interface ResourcePolicyDefinition<C, A = AnyArgs> extends PolicyMetadata {
    validate(check: ResourceCheck<C, A>): void;
    /** The property changes that fix the resource, or nothing (applied by the wrapper, secrets kept secret). */
    remediate?(check: ResourceCheck<C, A>): Patch<A> | undefined;
    /**
     * Which resources the policy looks at, when a fixed list of types cannot say it (e.g. "every
     * taggable AWS resource"); `resourceTypes` then only documents it. Default: type in resourceTypes.
     */
    appliesTo?(type: string, props: Record<string, any>): boolean;
    /** With appliesTo: what it applies to, for the not-applicable reason ("taggable AWS resources"). */
    appliesToDescription?: string;
}

export interface StackPolicyDefinition<C, A = AnyArgs> extends PolicyMetadata {
    validateStack(check: StackCheck<C>): void;
    /**
     * An optional resource phase, run by Analyze on each resource of `resourceTypes` (inputs, before
     * AnalyzeStack): for what one resource's own inputs already decide, such as an unknown input.
     */
    validateResource?(check: ResourceCheck<C, A>): void;
    /** An optional remediation of single resources of `resourceTypes` (as in resourcePolicy). */
    remediate?(check: ResourceCheck<C, A>): Patch<A> | undefined;
}

export type PackPolicy = ResourceValidationPolicy & { metadata: PolicyMetadata };

/** The crash report, at the policy's own level (fail-closed) or as an advisory (fail-open). */
function crashReport(onError: unknown, message: string, urn?: string): any {
    return onError === "fail-open" ? { message, enforcementLevel: "advisory", urn } : { message, urn };
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
        configSchema: configSchemaOf(meta.config),
        tags: ["pci-dss", ...new Set(meta.resourceTypes.map(moduleOf).filter(s => /^[a-z0-9]+$/.test(s)))],
    };
}

/** The unknown sentinel at (or on the way to, or first inside) a path, for the kind the advisory names. */
function sentinelAt(props: unknown, path: PropertyPath): string {
    for (let i = path.length; i >= 0; i--) {
        const v = at(props, ...path.slice(0, i));
        if (isUnknown(v)) return v as string;
    }
    return unknownSentinels.string;
}

/** A resource check and what it collected, for one Analyze (or Remediate) call. */
function makeCheck<C, A>(meta: PolicyMetadata, args: ResourceValidationArgs, report: ReportViolation | undefined) {
    const props = raw(args.props) ?? {};
    const providerProps = args.provider ? raw(args.provider.props) : undefined;
    const collected = { reported: 0, undecided: [] as { label: string; sentinel: string }[] };
    const check: ResourceCheck<C, A> = {
        type: args.type,
        name: args.name,
        urn: args.urn,
        props: props as Props<A>,
        providerProps,
        config: configOf<C>(meta.config, args.getConfig()),
        stack: stackNameOf(args.urn),
        report: msg => {
            collected.reported++;
            report?.(msg);
        },
        undecided: (path, of) => {
            const label = path.join(".") + (of === "provider" ? " (of the resource's provider)" : "");
            collected.undecided.push({ label, sentinel: sentinelAt(of === "provider" ? providerProps : props, path) });
        },
        notApplicable: reason => args.notApplicable(reason),
    };
    return { check, collected };
}

/** A policy over single resources: metadata next to its logic, exemptions, the undecided rule, and no throw on odd input. */
export function resourcePolicy<C = {}, A = AnyArgs>(def: ResourcePolicyDefinition<C, A>): PackPolicy {
    const types = new Set(def.resourceTypes);
    const applies = def.appliesTo
        ? (args: ResourceValidationArgs) => def.appliesTo!(args.type, raw(args.props) ?? {})
        : (args: ResourceValidationArgs) => types.has(args.type);
    // Said, not just skipped: a resource the policy did not judge must not count as passing it in a
    // compliance report (the SDK words it the same way for single-type policies).
    const outOfScope = def.appliesTo
        ? `Policy only applies to ${def.appliesToDescription ?? "some resources"}`
        : `Policy only applies to resources of type ${[...types].map(t => `'${t}'`).join(", ")}`;
    const policy: PackPolicy = {
        ...metadataFields(def),
        metadata: def,
        validateResource: (args, reportViolation) => {
            if (!applies(args)) args.notApplicable(outOfScope);
            const { check, collected } = makeCheck<C, A>(def, args, reportViolation);
            const exemption = findExemption(check.config.exemptions, args.name, args.urn);
            if (exemption) {
                args.notApplicable(`exempted by configuration: ${exemption.reason}`);
            }
            try {
                def.validate(check);
            } catch (e) {
                if (isSdkSignal(e)) throw e;
                reportViolation(crashReport(check.config.onError, describeCrash(def.name, e), args.urn));
                return;
            }
            // The undecided rule (see the top of this file): after every finding, only for a resource without one.
            if (collected.reported === 0 && collected.undecided.length > 0) {
                handOverToPreviewAdvisory(undecidedLabel(collected.undecided.map(u => u.label), ", ."), collected.undecided[0].sentinel);
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
 * Runs a remediation without letting a bug fail the preview, and applies its patch to the SDK's inputs
 * (so secrets stay secret). On a bug the resource is left as it was, so the validation that follows
 * still reports the violation (at mandatory level, as the SDK does after a remediation that did not fix
 * it), and the cause goes to the pack's stderr for its maintainers.
 */
function remediateSafely<C, A>(def: PolicyMetadata & { remediate?(check: ResourceCheck<C, A>): Patch<A> | undefined }, args: ResourceValidationArgs): Record<string, any> | undefined {
    const { check } = makeCheck<C, A>(def, args, undefined);
    if (findExemption(check.config.exemptions, args.name, args.urn)) return undefined;
    try {
        const patch = def.remediate!(check) as Record<string, unknown> | undefined;
        if (!patch || Object.keys(patch).length === 0) return undefined;
        for (const [path, value] of Object.entries(patch)) {
            setPath(args.props, path, value);
        }
        return args.props;
    } catch (e) {
        if (isSdkSignal(e)) throw e;
        process.stderr.write(`${def.name}: remediation of ${args.urn} failed (${e instanceof Error ? e.name : typeof e}); the resource is left unchanged\n`);
        return undefined;
    }
}

/**
 * A policy over the whole stack (relations between resources), with exemptions, the undecided rule per
 * resource, and no throw. It also has a resource phase on `resourceTypes` (the SDK runs validateResource
 * in Analyze and validateStack in AnalyzeStack for one policy that has both): an exempted resource is
 * reported there as not applicable with the reason, which the SDK cannot do per resource from a stack policy.
 */
export function stackPolicy<C = {}, A = AnyArgs>(def: StackPolicyDefinition<C, A>): PackPolicy & StackValidationPolicy {
    const resourcePhase = resourcePolicy<C, A>({ ...def, validate: c => def.validateResource?.(c) });
    return {
        ...metadataFields(def),
        metadata: def,
        validateResource: resourcePhase.validateResource,
        ...(def.remediate ? { remediateResource: resourcePhase.remediateResource } : {}),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const config = configOf<C>(def.config, args.getConfig());
            const stack = args.resources.length ? stackNameOf(args.resources[0].urn) : "";
            const reported = new Set<string>();
            const undecided: { urn: string; what: string }[] = [];
            const exempt = (name: string, urn: string) => findExemption(config.exemptions, name, urn) !== undefined;
            const check: StackCheck<C> = {
                resources: args.resources,
                config,
                stack,
                report: (resource, message) => {
                    const urn = typeof resource === "string" ? resource : resource.urn;
                    const name = typeof resource === "string" ? urn.split("::").pop() ?? "" : resource.name;
                    if (!exempt(name, urn)) {
                        reported.add(urn);
                        reportViolation(message, urn);
                    }
                },
                undecided: (resource, what) => {
                    if (!exempt(resource.name, resource.urn)) {
                        undecided.push({ urn: resource.urn, what });
                    }
                },
            };
            try {
                def.validateStack(check);
            } catch (e) {
                if (isSdkSignal(e)) throw e;
                reportViolation(crashReport(config.onError, describeCrash(def.name, e)));
                return;
            }
            const open = undecided.filter(u => !reported.has(u.urn));
            if (open.length > 0) {
                handOverToPreviewAdvisory(undecidedLabel(open.map(u => u.what), "; "));
            }
        },
    };
}
