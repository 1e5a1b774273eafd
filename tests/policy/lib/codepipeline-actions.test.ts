// Walking a pipeline's stages and actions (policy/lib/codepipeline-actions.ts).
import * as assert from "assert";
import {
    artifactStoresOf, configFlag, describeAction, equalsIgnoreCase, isSourceAction, pipelineActions, providersOf,
} from "../../../policy/lib/codepipeline-actions";
import { unknownSentinels } from "../../../policy/lib/unknowns";

const u = unknownSentinels.array;

describe("lib/codepipeline-actions", () => {
    it("lists every action, with the paths of the parts not known yet", () => {
        const { actions, unknownPaths } = pipelineActions({
            stages: [
                { name: "Source", actions: [{ name: "Src", category: "source", provider: "S3" }, u] },
                { name: "", actions: u },
                u,
                "odd",
                { name: "Deploy", actions: [{ name: "Go", category: "Deploy" }] },
            ],
        });
        assert.deepStrictEqual(actions.map(a => [a.stageName, a.label, describeAction(a)]), [
            ["Source", "stages[0].actions[0]", "action 'Src' in stage 'Source' (stages[0].actions[0])"],
            ["Deploy", "stages[4].actions[0]", "action 'Go' in stage 'Deploy' (stages[4].actions[0])"],
        ]);
        assert.deepStrictEqual(unknownPaths, [["stages", 0, "actions", 1], ["stages", 1, "actions"], ["stages", 2]]);
        assert.ok(isSourceAction(actions[0]) && !isSourceAction(actions[1]));
        assert.deepStrictEqual(pipelineActions({ stages: u }).unknownPaths, [["stages"]]);
        assert.deepStrictEqual(pipelineActions(undefined), { actions: [], unknownPaths: [] });
    });

    it("compares, reads flags and names providers without echoing other values", () => {
        assert.deepStrictEqual([equalsIgnoreCase("github", "GitHub"), equalsIgnoreCase(unknownSentinels.string, "x"), equalsIgnoreCase(1, "1")], [true, false, false]);
        assert.deepStrictEqual([configFlag("TRUE"), configFlag(" false "), configFlag(true), configFlag("yes"), configFlag(unknownSentinels.string)], [true, false, true, undefined, undefined]);
        const { actions } = pipelineActions({ stages: [{ name: "S", actions: [{ provider: "CodeCommit" }, { provider: "S3CR3T value" }, { provider: unknownSentinels.string }] }] });
        assert.strictEqual(providersOf(actions), "CodeCommit, an unrecognised provider, unknown");
        assert.strictEqual(providersOf([]), "none");
    });

    it("reads artifact stores: an unknown list is undecided, no store is not applicable", () => {
        const seen: string[] = [];
        const check = (props: Record<string, unknown>) => ({
            props, undecided: (p: unknown[]) => seen.push(`undecided ${p.join(".")}`),
            notApplicable: (r: string) => { throw new Error(`n/a: ${r}`); },
        }) as any;
        assert.deepStrictEqual(artifactStoresOf(check({ artifactStores: [{ location: "x" }] })), [{ location: "x" }]);
        assert.strictEqual(artifactStoresOf(check({ artifactStores: u })), undefined);
        assert.deepStrictEqual(seen, ["undecided artifactStores"]);
        assert.throws(() => artifactStoresOf(check({})), /n\/a: the pipeline declares no artifact store/);
    });
});
