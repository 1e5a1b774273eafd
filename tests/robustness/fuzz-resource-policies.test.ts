// Property-based tests of every resource policy of the pack through the engine protocol: Remediate and
// Analyze requests with arbitrary property bags for every resource type a policy declares.
// Cases per property: FUZZ_RUNS (npm run fuzz sets it high; npm test runs a bounded number).
import * as assert from "assert";
import * as fc from "fast-check";
import { CapturedResource } from "../../preview/src/model";
import { makeSecret } from "../../preview/src/wire";
import { propertyBag, wireValue } from "./support/arbitraries";
import {
    assertNoCrashGuard, assertNoMarkerIn, assertSecretsStaySecret, assertUnknownsNeverMandatory, concretions,
    concretise, picks, secretMarker, unknownPaths, withSecrets, withUnknowns,
} from "./support/invariants";
import { FuzzPack, Outcome, canonical, fuzzSeed, packPolicies, runsPerProperty, typesUnderTest } from "./support/pack";

const policies = packPolicies();
const types = typesUnderTest(policies.filter(p => p.kind === "resource"));
const runs = runsPerProperty(4);
const providerType = "pulumi:providers:aws";

/** A resource's inputs and (optionally) its explicit provider's inputs, e.g. defaultTags. */
interface Case { props: Record<string, unknown>; provider?: Record<string, unknown> }

function caseArb(type: string, o: { unknowns: boolean; secrets: boolean; huge: boolean }): fc.Arbitrary<Case> {
    const providerProps = fc.record({
        region: fc.constantFrom<unknown>("eu-west-1", "us-east-1", null),
        defaultTags: fc.oneof(
            fc.record({ tags: fc.dictionary(fc.constantFrom("Environment", "Owner", "DataClassification"), fc.constantFrom<unknown>("dev", "prod", "team", "", null), { maxKeys: 3 }) }, { requiredKeys: [] }),
            wireValue(["tags"], o),
        ),
    }, { requiredKeys: [] });
    return fc.record({ props: propertyBag(type, o), provider: fc.option(providerProps, { nil: undefined }) }, { requiredKeys: ["props"] });
}

describe("robustness: resource policies under arbitrary inputs (engine protocol)", function () {
    this.timeout(Math.max(300_000, runs * 20_000));
    let pack: FuzzPack;

    before(async () => { pack = await FuzzPack.start(); });
    after(async () => { await pack?.stop(); });

    /**
     * Remediate then Analyze, as the engine does, with the case's provider as an explicit provider. Every
     * policy runs at level "remediate": Remediate runs every remediation, and Analyze reports every
     * violation as mandatory (the SDK's downgrade of remediate), so advisory policies count too.
     */
    async function run(type: string, c: Case): Promise<{ analysis: Outcome; remediated: { properties?: unknown; diagnostic: string; policyName: string }[]; remediateNotApplicable: Outcome["notApplicable"] }> {
        const lookupMap = new Map<string, CapturedResource>();
        let providerUrn: string | undefined;
        if (c.provider) {
            const p = pack.resource(providerType, c.provider as any, { name: "explicit" });
            lookupMap.set(p.urn, p);
            providerUrn = p.urn;
        }
        const r = pack.resource(type, c.props as any, { name: "subject", provider: providerUrn });
        await pack.setLevel("remediate");
        const rem = await pack.remediate(r, u => lookupMap.get(u));
        const analysis = await pack.analyze(r, u => lookupMap.get(u));
        return { analysis, remediated: rem.remediations, remediateNotApplicable: rem.notApplicable };
    }

    it("takes its policies and resource types from the pack's own metadata", () => {
        assert.ok(policies.length >= 1, "the pack exports no policies");
        for (const p of policies) {
            assert.ok(p.resourceTypes.length > 0, `policy ${p.name} declares no resourceTypes`);
        }
        const infoNames = pack.info.policies.map(p => p.name).sort();
        assert.deepStrictEqual(policies.map(p => p.name).sort(), infoNames, "metadata and GetAnalyzerInfo disagree on the policies");
    });

    for (const [type, names] of types) {
        describe(`${type} (${names.join(", ")})`, () => {
            it("never throws, never crashes the pack, never hits a policy's crash guard, and is deterministic", async () => {
                await fc.assert(fc.asyncProperty(caseArb(type, { unknowns: true, secrets: true, huge: true }), async c => {
                    const first = await run(type, c);
                    assertNoCrashGuard(first.analysis, type);
                    assert.ok(pack.alive(), "the pack process died");
                    const again = await run(type, c);
                    assert.strictEqual(canonical(again.analysis), canonical(first.analysis), "same input, different diagnostics");
                    assert.deepStrictEqual(again.remediated, first.remediated, "same input, different remediation");
                }), { numRuns: runs, seed: fuzzSeed() });
            });

            it("never reports a mandatory violation only because a value is unknown", async () => {
                const arb = fc.tuple(caseArb(type, { unknowns: false, secrets: true, huge: false }), picks, picks, concretions, concretions);
                await fc.assert(fc.asyncProperty(arb, async ([known, chosen, kinds, values1, values2]) => {
                    const unknown = withUnknowns(known, chosen, kinds) as Case;
                    const variants = [known, concretise(known, chosen, values1) as Case, concretise(known, chosen, values2) as Case];
                    const u = await run(type, unknown);
                    assertNoCrashGuard(u.analysis, type);
                    const concrete = [];
                    for (const v of variants) concrete.push((await run(type, v)).analysis);
                    assertUnknownsNeverMandatory(u.analysis, concrete, type, unknownPaths(known, chosen));
                }), { numRuns: runs, seed: fuzzSeed() });
            });

            it("never puts a secret value in a message, a not-applicable reason, or an unwrapped remediation", async () => {
                const arb = fc.tuple(caseArb(type, { unknowns: true, secrets: true, huge: false }), picks, fc.array(secretMarker, { minLength: 1, maxLength: 3 }));
                await fc.assert(fc.asyncProperty(arb, async ([c, chosen, secrets]) => {
                    // Secrets at the chosen positions, and always one at a top-level input of the type.
                    const { value, markers } = withSecrets(c, chosen, secrets);
                    const s = value as Case;
                    const top = Object.keys(s.props).find(k => !k.startsWith("__"));
                    const extra = secrets[0];
                    if (top) s.props[top] = makeSecret(structuredClone(extra.value));
                    const all = [...new Set([...markers, extra.marker])];
                    const out = await run(type, s);
                    assertNoMarkerIn(out.analysis, all, type);
                    assertNoMarkerIn({ diagnostics: [], notApplicable: out.remediateNotApplicable }, all, type);
                    for (const rem of out.remediated) {
                        assert.ok(!all.some(m => rem.diagnostic.includes(m)), `${type}: secret value in the remediation diagnostic of ${rem.policyName}`);
                        assertSecretsStaySecret(rem.properties, all, `${type} remediation by ${rem.policyName}`);
                    }
                }), { numRuns: runs, seed: fuzzSeed() });
            });
        });
    }
});
