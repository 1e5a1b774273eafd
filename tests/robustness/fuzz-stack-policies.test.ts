// Property-based tests of the stack policies (AnalyzeStack) and of every policy on realistic inputs:
// a compliant-looking CI/CD stack captured from a real program is the fully-known seed whose values are
// made unknown (or secret) at arbitrary positions, plus random stacks with random parent, dependency and
// property-dependency links (some to URNs that are not in the request).
import * as assert from "assert";
import * as fc from "fast-check";
import { captureProgram } from "../../preview/src/capture/program";
import { CapturedResource } from "../../preview/src/model";
import { compliantPipeline } from "../fixtures/robustness/programs/compliant-pipeline";
import * as wire from "../../preview/src/wire";
import { positions, propertyBag, replaceAt } from "./support/arbitraries";
import {
    assertNoCrashGuard, assertNoMarkerIn, assertUnknownsNeverMandatory, concretions, concretise, picks, secretMarker,
    unknownPaths, withSecrets, withUnknowns,
} from "./support/invariants";
import { FuzzPack, Outcome, canonical, fuzzSeed, mandatoryFindings, packPolicies, runsPerProperty, typesUnderTest } from "./support/pack";

const policies = packPolicies();
const stackTypes = [...typesUnderTest(policies.filter(p => p.kind === "stack")).keys()];
const allTypes = [...typesUnderTest(policies).keys()];
const runs = runsPerProperty(5);

type Bags = { props: Record<string, unknown> }[];

describe("robustness: stack policies and realistic stacks under arbitrary inputs (engine protocol)", function () {
    this.timeout(Math.max(300_000, runs * 30_000));
    let pack: FuzzPack;
    let seed: CapturedResource[];

    before(async () => {
        pack = await FuzzPack.start();
        const captured = await captureProgram({
            program: compliantPipeline, projectName: "fuzz", stack: "dev", mode: "update",
            config: { values: { "aws:region": "eu-west-1" }, secretKeys: [] },
        });
        seed = captured.resources;
    });
    after(async () => { await pack?.stop(); });

    /** The seed with other outputs (for AnalyzeStack) or inputs (for Analyze). */
    const withOutputs = (bags: Bags) => seed.map((r, i) => ({ ...r, outputs: bags[i].props as any }));
    const outputsOf = (): Bags => seed.map(r => ({ props: r.outputs }));
    const inputsOf = (): Bags => seed.map(r => ({ props: r.inputs }));

    async function analyzeAll(bags: Bags): Promise<Outcome> {
        const byUrn = new Map(seed.map(r => [r.urn, r] as const));
        const out: Outcome = { diagnostics: [], notApplicable: [] };
        for (let i = 0; i < seed.length; i++) {
            if (bags[i].props === seed[i].inputs) continue;
            const a = await pack.process.analyze(seed[i], bags[i].props as any, u => byUrn.get(u));
            out.diagnostics.push(...a.diagnostics);
            out.notApplicable.push(...a.notApplicable);
        }
        return out;
    }

    it("has a seed stack that covers every type of the stack policies", () => {
        const seeded = new Set(seed.map(r => r.type));
        const stackPolicyTypes = policies.filter(p => p.kind === "stack").map(p => [p.name, p.resourceTypes.filter(t => seeded.has(t))] as const);
        for (const [name, covered] of stackPolicyTypes) {
            assert.ok(covered.length > 0, `stack policy ${name}: none of its resource types is in the seed stack`);
        }
    });

    it("AnalyzeStack: a value made unknown never turns a policy mandatory", async () => {
        await pack.setLevel("mandatory");
        const arb = fc.tuple(picks, picks, concretions, concretions);
        await fc.assert(fc.asyncProperty(arb, async ([chosen, kinds, v1, v2]) => {
            const known = outputsOf();
            const unknown = withUnknowns(known, chosen, kinds) as Bags;
            const u = await pack.analyzeStack(withOutputs(unknown));
            assertNoCrashGuard(u, "AnalyzeStack");
            const concrete: Outcome[] = [];
            for (const v of [known, concretise(known, chosen, v1) as Bags, concretise(known, chosen, v2) as Bags]) {
                concrete.push(await pack.analyzeStack(withOutputs(v)));
            }
            assertUnknownsNeverMandatory(u, concrete, "AnalyzeStack", unknownPaths(known, chosen));
        }), { numRuns: runs * 3, seed: fuzzSeed() });
    });

    it("Analyze: an input of a realistic resource made unknown never turns a policy mandatory", async () => {
        await pack.setLevel("mandatory");
        const arb = fc.tuple(picks, picks, concretions);
        await fc.assert(fc.asyncProperty(arb, async ([chosen, kinds, v1]) => {
            const known = inputsOf();
            const unknown = withUnknowns(known, chosen, kinds) as Bags;
            // Only the resources whose inputs changed are analyzed, in each variant.
            const changed = unknown.map((b, i) => b.props !== known[i].props);
            const only = (bags: Bags) => bags.map((b, i) => changed[i] ? { props: structuredClone(b.props) } : { props: seed[i].inputs });
            const u = await analyzeAll(only(unknown));
            assertNoCrashGuard(u, "Analyze");
            const concrete = [await analyzeAll(only(known.map(b => ({ props: structuredClone(b.props) })))), await analyzeAll(only(concretise(known, chosen, v1) as Bags))];
            assertUnknownsNeverMandatory(u, concrete, "Analyze", unknownPaths(known, chosen));
        }), { numRuns: runs * 3, seed: fuzzSeed() });
    });

    /** Every property of every seed resource (every nested position too under `npm run fuzz`), one at a time. */
    function sweepPaths(bags: Bags): (string | number)[][] {
        const deep = process.env.FUZZ_RUNS !== undefined;
        return positions(bags).filter(p => p.length === 3 || (deep && p.length > 3));
    }

    it("sweep: each input of each seed resource made unknown, one at a time, never turns a policy mandatory (Analyze)", async () => {
        await pack.setLevel("mandatory");
        const byUrn = new Map(seed.map(r => [r.urn, r] as const));
        const known = inputsOf();
        const baseline = new Map<number, Set<string>>();
        let checked = 0;
        for (const p of sweepPaths(known)) {
            const i = p[0] as number;
            if (!baseline.has(i)) baseline.set(i, mandatoryFindings(await pack.process.analyze(seed[i], seed[i].inputs, u => byUrn.get(u))));
            const unknown = (replaceAt(known, [p], () => wire.unknownString) as Bags)[i].props;
            const o = await pack.process.analyze(seed[i], unknown as any, u => byUrn.get(u));
            assertNoCrashGuard(o, `Analyze ${seed[i].name}`);
            const extra = [...mandatoryFindings(o)].filter(x => !baseline.get(i)!.has(x));
            assert.deepStrictEqual(extra, [], `input ${p.slice(2).join(".")} of ${seed[i].type} '${seed[i].name}' made unknown gives a mandatory violation`);
            checked++;
        }
        assert.ok(checked > 50, `only ${checked} positions swept`);
    });

    it("sweep: each output of each seed resource made unknown, one at a time, never turns a policy mandatory (AnalyzeStack)", async () => {
        await pack.setLevel("mandatory");
        const known = outputsOf();
        const baseline = mandatoryFindings(await pack.analyzeStack(seed));
        for (const p of sweepPaths(known)) {
            const o = await pack.analyzeStack(withOutputs(replaceAt(known, [p], () => wire.unknownString) as Bags));
            assertNoCrashGuard(o, "AnalyzeStack");
            const extra = [...mandatoryFindings(o)].filter(x => !baseline.has(x));
            const r = seed[p[0] as number];
            assert.deepStrictEqual(extra, [], `output ${p.slice(2).join(".")} of ${r.type} '${r.name}' made unknown gives a mandatory violation`);
        }
    });

    it("AnalyzeStack: secrets anywhere in the outputs never appear in a message or reason", async () => {
        await pack.setLevel(undefined);
        const arb = fc.tuple(picks, fc.array(secretMarker, { minLength: 1, maxLength: 3 }));
        await fc.assert(fc.asyncProperty(arb, async ([chosen, secrets]) => {
            const { value, markers } = withSecrets(outputsOf(), chosen, secrets);
            const o = await pack.analyzeStack(withOutputs(value as Bags));
            assertNoMarkerIn(o, markers, "AnalyzeStack");
        }), { numRuns: runs * 2, seed: fuzzSeed() });
    });

    /** A random stack: resources of the policies' types with arbitrary outputs and arbitrary links. */
    const randomStack = fc.integer({ min: 1, max: 10 }).chain(n => fc.tuple(
        fc.array(fc.constantFrom(...stackTypes, ...allTypes), { minLength: n, maxLength: n })
            .chain(types => fc.tuple(fc.constant(types), fc.tuple(...types.map(t => propertyBag(t, { unknowns: true, secrets: true, huge: false }).map(props => ({ props })))))),
        fc.array(fc.record({
            parent: fc.option(fc.nat(), { nil: undefined }),
            deps: fc.array(fc.nat(), { maxLength: 3 }),
            pd: fc.dictionary(fc.constantFrom("bucket", "vpcId", "rule", "arn", "role", "policy", "targetBucket", "kmsKeyId", "x"), fc.array(fc.nat(), { maxLength: 3 }), { maxKeys: 3 }),
        }), { minLength: n, maxLength: n }),
    ));

    function build([[types, bags], links]: [[string[], Bags], { parent?: number; deps: number[]; pd: Record<string, number[]> }[]]): CapturedResource[] {
        const rs = types.map((t, i) => pack.resource(t, bags[i].props as any, { name: `r${i}` }));
        // Index n (one past the end) stands for a URN that is not in the request.
        const urnOf = (k: number) => k % (rs.length + 1) === rs.length ? "urn:pulumi:dev::fuzz::aws:s3/bucket:Bucket::gone" : rs[k % (rs.length + 1)].urn;
        rs.forEach((r, i) => {
            const l = links[i];
            if (l.parent !== undefined) r.parent = urnOf(l.parent);
            r.dependencies = l.deps.map(urnOf);
            r.propertyDependencies = Object.fromEntries(Object.entries(l.pd).map(([k, v]) => [k, v.map(urnOf)]));
        });
        return rs;
    }

    it("AnalyzeStack on random stacks: never throws, never crashes, no crash guard, deterministic", async () => {
        await pack.setLevel("mandatory");
        await fc.assert(fc.asyncProperty(randomStack, async s => {
            const rs = build(s);
            const a = await pack.analyzeStack(rs);
            assertNoCrashGuard(a, "AnalyzeStack");
            assert.ok(pack.alive(), "the pack process died");
            const b = await pack.analyzeStack(build(s));
            assert.strictEqual(canonical(b), canonical(a), "same stack, different diagnostics");
        }), { numRuns: runs * 3, seed: fuzzSeed() });
    });

    it("AnalyzeStack on random stacks: unknowns never cause a mandatory, secrets never leak", async () => {
        await pack.setLevel("mandatory");
        const knownStack = randomStack.filter(([[, bags]]) => !JSON.stringify(bags).match(/04da6b54|1c4a061d|3eeb2bf0|6a19a0b0|dd056dcd|030794c1|e48ece36/));
        const arb = fc.tuple(knownStack, picks, picks, concretions, fc.array(secretMarker, { minLength: 1, maxLength: 2 }));
        await fc.assert(fc.asyncProperty(arb, async ([[[types, bags], links], chosen, kinds, values, secrets]) => {
            const u = await pack.analyzeStack(build([[types, withUnknowns(bags, chosen, kinds) as Bags], links]));
            const concrete = [
                await pack.analyzeStack(build([[types, bags], links])),
                await pack.analyzeStack(build([[types, concretise(bags, chosen, values) as Bags], links])),
            ];
            assertUnknownsNeverMandatory(u, concrete, "AnalyzeStack", unknownPaths(bags, chosen));
            const { value, markers } = withSecrets(bags, chosen, secrets);
            assertNoMarkerIn(await pack.analyzeStack(build([[types, value as Bags], links])), markers, "AnalyzeStack");
        }), { numRuns: runs * 2, seed: fuzzSeed() });
    });

    it("reports which policies the seed stack satisfies (the unknown-value checks bite only there)", async function () {
        await pack.setLevel("mandatory");
        const stackOutcome = await pack.analyzeStack(seed);
        const byUrn = new Map(seed.map(r => [r.urn, r] as const));
        const m = new Set<string>(mandatoryFindings(stackOutcome));
        for (const r of seed) {
            for (const x of mandatoryFindings(await pack.process.analyze(r, r.inputs, u => byUrn.get(u)))) m.add(x);
        }
        const failing = new Set([...m].map(x => x.split(" @ ")[0]));
        // The detection itself works: the same seed with rotation turned off is mandatory for the KMS policy.
        const key = seed.find(r => r.type === "aws:kms/key:Key")!;
        const broken = mandatoryFindings(await pack.process.analyze(key, { ...key.inputs, enableKeyRotation: false }, u => byUrn.get(u)));
        assert.ok([...broken].some(x => x.startsWith("kms-key-rotation-enabled @ ")), "a key without rotation was not found mandatory");
        const satisfied = policies.map(p => p.name).filter(n => !failing.has(n));
        // At least most of the pack must be satisfiable by a stack written to comply, or the seed is wrong.
        assert.ok(satisfied.length >= policies.length / 2, `seed satisfies only ${satisfied.length} of ${policies.length} policies; failing: ${[...m].join("; ")}`);
        this.test!.title += ` [${satisfied.length}/${policies.length} satisfied; not: ${[...failing].sort().join(", ") || "none"}]`;
    });
});
