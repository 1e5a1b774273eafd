// The invariants every policy must hold on any input (issue 6), as assertions with readable failures.
import * as assert from "assert";
import * as fc from "fast-check";
import * as wire from "../../../preview/src/wire";
import { concretion, pick, positions, replaceAt, unknownSentinels } from "./arbitraries";
import { Outcome, crashGuard, mandatoryFindings } from "./pack";

/** No policy fell back to the crash guard of policy/lib/policy.ts (which means it threw on this shape). */
export function assertNoCrashGuard(o: Outcome, what: string): void {
    const crashed = o.diagnostics.filter(d => crashGuard.test(d.message)).map(d => d.policyName);
    assert.deepStrictEqual(crashed, [], `${what}: these policies threw on the input (caught by the crash guard): ${crashed.join(", ")}`);
}

/**
 * A fully-known variant that AWS itself would reject at deploy time (the pack says MalformedPolicyDocument)
 * is not a deployable alternative: it does not show that a finding on the partly-unknown input is uncertain.
 */
const rejectedByAws = /MalformedPolicyDocument/;

/**
 * Fails when some policy is mandatory on the partly-unknown input but not on a fully-known version of it
 * (one of the values the unknowns could turn out to be): then the violation is not certain, and only the
 * unknown value made it mandatory.
 */
export function assertUnknownsNeverMandatory(withUnknowns: Outcome, concretes: Outcome[], what: string, unknownAt: string[] = []): void {
    const m = mandatoryFindings(withUnknowns);
    concretes.forEach((c, i) => {
        if (c.diagnostics.some(d => rejectedByAws.test(d.message)) || c.notApplicable.some(n => rejectedByAws.test(n.reason))) return;
        const known = mandatoryFindings(c);
        const onlyFromUnknowns = [...m].filter(x => !known.has(x));
        const messages = withUnknowns.diagnostics.filter(d => onlyFromUnknowns.includes(`${d.policyName} @ ${d.urn}`)).map(d => d.message.split("\n").pop());
        assert.deepStrictEqual(onlyFromUnknowns, [],
            `${what}: mandatory with unknown values at [${unknownAt.join(", ")}], but not when those values are known ` +
            `(variant #${i}): ${onlyFromUnknowns.join("; ")} -- ${messages.join(" | ")}`);
    });
}

/** Every string a secret marker could have leaked into, with where it came from. */
function texts(o: Outcome): [string, string][] {
    return [
        ...o.diagnostics.map(d => [`diagnostic of ${d.policyName}`, d.message] as [string, string]),
        ...o.notApplicable.map(n => [`not-applicable reason of ${n.policyName}`, n.reason] as [string, string]),
    ];
}

export function assertNoMarkerIn(o: Outcome, markers: string[], what: string): void {
    for (const [where, text] of texts(o)) {
        for (const m of markers) {
            assert.ok(!text.includes(m), `${what}: secret value leaked into the ${where}: ${JSON.stringify(text.slice(0, 300))}`);
        }
    }
}

/** Fails when a marker appears in remediated properties outside a secret wrapper. */
export function assertSecretsStaySecret(props: unknown, markers: string[], what: string): void {
    const visit = (v: unknown, at: string): void => {
        if (wire.isSecret(v)) return;
        if (typeof v === "string") {
            for (const m of markers) {
                assert.ok(!v.includes(m), `${what}: remediation returned secret value at ${at || "(root)"} without its secret wrapper`);
            }
        } else if (Array.isArray(v)) {
            v.forEach((e, i) => visit(e, `${at}[${i}]`));
        } else if (v && typeof v === "object") {
            for (const [k, e] of Object.entries(v)) {
                for (const m of markers) {
                    assert.ok(!k.includes(m), `${what}: remediation returned a secret value as a property name`);
                }
                visit(e, at ? `${at}.${k}` : k);
            }
        }
    };
    visit(props, "");
}

// ---- Generators of transformed inputs -------------------------------------------------------------------

/**
 * Positions inside the property bags of a case ({props, provider} or a list of them): never a bag itself,
 * since the engine always sends a Struct of properties (an unknown or secret stands for a property value).
 */
function valuePositions(v: unknown): (string | number)[][] {
    const minDepth = Array.isArray(v) ? 3 : 2;
    return positions(v).filter(p => p.length >= minDepth);
}

/** Indexes that choose which positions of a value become unknown or secret. */
export const picks = fc.array(fc.nat(), { minLength: 1, maxLength: 4 });

/** Replaces the chosen positions by unknown sentinels (any kind: the engine's sentinel kind is only a hint). */
export function withUnknowns(v: unknown, chosen: number[], kinds: number[]): unknown {
    const ps = pick(valuePositions(v), chosen);
    let i = 0;
    return replaceAt(v, ps, () => unknownSentinels[kinds[i++ % kinds.length] % unknownSentinels.length]);
}

/** The paths withUnknowns replaces, for failure messages. */
export function unknownPaths(v: unknown, chosen: number[]): string[] {
    return pick(valuePositions(v), chosen).map(p => p.join("."));
}

/** The same positions made known again with other values (the fully-known variants to compare against). */
export function concretise(v: unknown, chosen: number[], values: unknown[]): unknown {
    const ps = pick(valuePositions(v), chosen);
    let i = 0;
    return replaceAt(v, ps, () => structuredClone(values[i++ % values.length]));
}

export const concretions = fc.array(concretion, { minLength: 1, maxLength: 4 });

/** A fresh, distinctive secret value, in the shapes secrets take (a string, inside objects, JSON, URLs). */
export const secretMarker = fc.tuple(fc.stringMatching(/^[0-9a-f]{12}$/), fc.nat({ max: 5 })).map(([hex, shape]) => {
    const m = `S3CR3T${hex}`;
    const value = [
        m,
        `ghp_${m}${"x".repeat(20)}`,
        { token: m, Environment: m },
        [m, { nested: [m] }],
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: m, Resource: `arn:aws:s3:::${m}` }] }),
        `https://user:${m}@github.com/org/repo.git`,
    ][shape];
    return { marker: m, value };
});

/** Puts secret markers at the chosen positions; returns the new value and the markers to look for. */
export function withSecrets(v: unknown, chosen: number[], secrets: { marker: string; value: unknown }[]): { value: unknown; markers: string[] } {
    const ps = pick(valuePositions(v), chosen);
    let i = 0;
    const used: string[] = [];
    const value = replaceAt(v, ps, () => {
        const s = secrets[i++ % secrets.length];
        used.push(s.marker);
        return wire.makeSecret(structuredClone(s.value));
    });
    return { value, markers: [...new Set(used)] };
}
