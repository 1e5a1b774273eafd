// Declarative helpers for the common shape of a control: "this property of this resource must be one
// of these values" (attributePolicy) and "this property names a (customer-managed) KMS key"
// (kmsKeyPolicy). A policy is then its metadata, a path typed by the provider's args, and a predicate;
// the helpers apply the pack's undecided rule and echo rule, so the policy does not have to.
//
// Rules are checked in order, each a precondition of the next (`andThen`): the first rule that reports a
// finding, or cannot be decided, ends the check. Within one rule, every entry a `[]` path leads to is
// judged. A rule's `fix` makes the policy remediable: remediation applies the fix of the first rule
// that fails on known values (never on an unknown one).
import { KmsKeyRuleSpec, kmsKeyRule } from "./kms-key-rule";
import { Patch, PolicyMetadata, ResourceCheck, resourcePolicy, PackPolicy } from "./policy";
import { AnyArgs, PropPath, leavesAt, propertyName } from "./property-paths";
import { shown } from "./messages";
import { isUnknown } from "./unknowns";

export { kmsKeyRule, KmsKeyRuleSpec } from "./kms-key-rule";

export type Verdict = "pass" | "fail" | "undecided";

/** One check of a resource's inputs; reports its findings and records what it cannot decide on `c`. */
export interface Rule<C, A> {
    judge(c: ResourceCheck<C, A>): Verdict;
    /** The fix when the rule fails on known values (for remediation). */
    fix?(c: ResourceCheck<C, A>): Patch<A> | undefined;
}

/** What a rule's message may use: never the value itself, which could be a secret. */
export interface Judged {
    /** The property as messages name it, with list indexes: `encryptionConfigurations[0].encryptionType`. */
    path: string;
    /** The judged value as text, only when `echo` allows it; undefined otherwise. */
    shown?: string;
    /** True when the property is absent (the rule judged `absent`, AWS's default, instead). */
    unset: boolean;
}

export interface AttributeRuleSpec<C, A> {
    /** Where the setting is, typed by the provider's args (`a.b`, `a[0].b`, or `a[].b` for every entry). */
    path: PropPath<A>;
    /** The value AWS uses when the property is absent (the rule judges it instead). */
    absent?: unknown;
    /** The compliant values, or a predicate on the known value (`absent` when unset). */
    compliant: readonly unknown[] | ((value: unknown, c: ResourceCheck<C, A>) => boolean);
    /** Which values a message may quote: a pattern of enumerated identifiers, or a function that renders one. */
    echo?: RegExp | ((value: unknown) => string | undefined);
    /** The finding, naming the resource and the property and saying what to set. */
    message(c: ResourceCheck<C, A>, judged: Judged): string;
    /** The compliant value to set at `path` (a path without `[]`), or a function returning the property changes. */
    fix?: string | number | boolean | ((c: ResourceCheck<C, A>) => Patch<A>);
    /** The rule applies only when this holds (e.g. a configuration switch). */
    when?(c: ResourceCheck<C, A>): boolean;
}

/** A rule on one property's value. */
export function attributeRule<C = {}, A = AnyArgs>(spec: AttributeRuleSpec<C, A>): Rule<C, A> {
    const isCompliant = (value: unknown, c: ResourceCheck<C, A>) =>
        typeof spec.compliant === "function" ? spec.compliant(value, c) : spec.compliant.includes(value);
    const render = (value: unknown) =>
        spec.echo === undefined ? undefined : spec.echo instanceof RegExp ? shown(value, spec.echo) : spec.echo(value);
    return {
        judge: c => {
            if (spec.when && !spec.when(c)) return "pass";
            let verdict: Verdict = "pass";
            for (const leaf of leavesAt(c.props, spec.path)) {
                if (isUnknown(leaf.value)) {
                    c.undecided(leaf.path);
                    if (verdict === "pass") verdict = "undecided";
                    continue;
                }
                const unset = leaf.value === undefined || leaf.value === null;
                const value = unset ? spec.absent : leaf.value;
                if (isCompliant(value, c)) continue;
                c.report(spec.message(c, { path: propertyName(leaf.path), shown: render(value), unset }));
                verdict = "fail";
            }
            return verdict;
        },
        fix: fixOf(spec),
    };
}

function fixOf<C, A>(spec: AttributeRuleSpec<C, A>): Rule<C, A>["fix"] {
    const fix = spec.fix;
    if (fix === undefined) return undefined;
    if (typeof fix === "function") return fix;
    return () => ({ [spec.path]: fix }) as Patch<A>;
}

interface RuleChain<C, A> {
    /**
     * Why the policy does not apply to this resource, decided from known values (the check ends as not
     * applicable); when an unknown keeps it from telling, record it with `c.undecided` and return nothing:
     * the rules are then not judged.
     */
    notApplicable?(c: ResourceCheck<C, A>): string | undefined;
    /** Rules checked after the first one passes, each a precondition of the next. */
    andThen?: Rule<C, A>[];
}

/** Runs the chain: not-applicable hook, then each rule until one fails or is undecided. */
function runChain<C, A>(c: ResourceCheck<C, A>, chain: RuleChain<C, A>, rules: Rule<C, A>[]): { verdict: Verdict; rule?: Rule<C, A> } {
    if (chain.notApplicable) {
        let undecided = 0;
        const tracked: ResourceCheck<C, A> = { ...c, undecided: (p, of) => { undecided++; c.undecided(p, of); } };
        const reason = chain.notApplicable(tracked);
        if (reason !== undefined) c.notApplicable(reason);
        if (undecided > 0) return { verdict: "undecided" };
    }
    for (const rule of rules) {
        const verdict = rule.judge(c);
        if (verdict !== "pass") return { verdict, rule };
    }
    return { verdict: "pass" };
}

/** The fix of the first rule that fails on known values; nothing when the chain passes or is undecided. */
function remediateChain<C, A>(c: ResourceCheck<C, A>, chain: RuleChain<C, A>, rules: Rule<C, A>[]): Patch<A> | undefined {
    // Judged without reporting; a resource the policy does not apply to is left alone.
    const quiet: ResourceCheck<C, A> = { ...c, report: () => undefined, notApplicable: () => { throw quietStop; } };
    try {
        const { verdict, rule } = runChain(quiet, chain, rules);
        return verdict === "fail" ? rule?.fix?.(c) : undefined;
    } catch (e) {
        if (e === quietStop) return undefined;
        throw e;
    }
}

const quietStop = Symbol("not applicable");

/** Rules as a policy: `validate` runs them, `remediate` applies the first failing rule's fix. */
function rulesPolicy<C, A>(def: PolicyMetadata & RuleChain<C, A>, rules: Rule<C, A>[]): PackPolicy {
    const { name, description, severity, pci, securityHub, remediationSteps, enforcementLevel, config, resourceTypes } = def;
    const metadata: PolicyMetadata = {
        name, description, severity, pci, ...(securityHub ? { securityHub } : {}), remediationSteps, enforcementLevel, config, resourceTypes,
    };
    return resourcePolicy<C, A>({
        ...metadata,
        validate: c => { runChain(c, def, rules); },
        ...(rules.some(r => r.fix) ? { remediate: (c: ResourceCheck<C, A>) => remediateChain(c, def, rules) } : {}),
    });
}

export type AttributePolicyDefinition<C, A> = PolicyMetadata & AttributeRuleSpec<C, A> & RuleChain<C, A>;

/** A policy on one property (then optionally more rules): metadata, a typed path, and a predicate. */
export function attributePolicy<C = {}, A = AnyArgs>(def: AttributePolicyDefinition<C, A>): PackPolicy {
    return rulesPolicy<C, A>(def, [attributeRule<C, A>(def), ...(def.andThen ?? [])]);
}

export type KmsKeyPolicyDefinition<C, A> = PolicyMetadata & KmsKeyRuleSpec<C, A> & RuleChain<C, A>;

/** A policy that one or more properties name a (customer-managed) KMS key. */
export function kmsKeyPolicy<C = {}, A = AnyArgs>(def: KmsKeyPolicyDefinition<C, A>): PackPolicy {
    return rulesPolicy<C, A>(def, [kmsKeyRule<C, A>(def), ...(def.andThen ?? [])]);
}
