import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { buildAction, codecommitSource, codestarSource, githubV1Source, pipeline } from "../fixtures/pipelines";

const policy = "codepipeline-no-github-v1-source";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const bucket = new aws.s3.Bucket("names", {});
            pipeline("codestar", { source: [codestarSource()] });
            pipeline("codecommit", { source: [codecommitSource()] });
            pipeline("github-v1", { source: [githubV1Source()] });
            pipeline("github-v1-lowercase", { source: [{ ...githubV1Source(), owner: "thirdparty", provider: "github" }] });
            // A second source action in another stage is still found.
            pipeline("github-v1-second-stage", {
                stages: [
                    { name: "Source", actions: [codestarSource()] },
                    { name: "Tools", actions: [{ ...githubV1Source(), name: "Tools" }] },
                    { name: "Build", actions: [buildAction()] },
                ],
            });
            // The provider is not known yet for a ThirdParty action: it could be GitHub.
            pipeline("provider-unknown", { source: [{ ...githubV1Source(), provider: bucket.arn }] });
            // The owner is not known yet but the provider is CodeStarSourceConnection: decided.
            pipeline("owner-unknown-codestar", { source: [{ ...codestarSource(), owner: bucket.arn }] });
        });
    });

    it("flags GitHub version 1 actions as mandatory, naming the action and properties", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["github-v1", "github-v1-lowercase", "github-v1-second-stage"]);
        assert.match(findings(result, policy, "github-v1")[0].message, /stages\[0\]\.actions\[0\]\.provider to "CodeStarSourceConnection"/);
        assert.match(findings(result, policy, "github-v1-second-stage")[0].message, /stage 'Tools' \(stages\[1\]\.actions\[0\]\)/);
    });

    it("decides from what is known and leaves the rest to the SDK's preview advisory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["provider-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "provider-unknown").map(d => d.enforcementLevel), ["advisory"]);
        assert.deepStrictEqual(findings(result, policy, "owner-unknown-codestar"), []);
    });

    it("reports an exempted pipeline as not applicable with the reason", async () => {
        const r = await previewProgram(() => {
            pipeline("github-v1", { source: [githubV1Source()] });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "urn:pulumi:dev::test::aws:codepipeline/pipeline:Pipeline::github-v1", reason: "decommissioned next sprint" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), []);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "github-v1"), ["exempted by configuration: decommissioned next sprint"]);
    });
    // Behaviour change (one undecided rule for the pack, lib/policy.ts): a resource with a decidable finding gets the finding only, no "can't run" advisory.
    it("reports a GitHub v1 action beside an action whose provider is unknown, without an advisory", async () => {
        const r = await previewProgram(() => {
            const bucket = new aws.s3.Bucket("provider-source", {});
            pipeline("github-v1-and-unknown", { source: [githubV1Source(), { ...githubV1Source(), name: "Other", provider: bucket.arn }] });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["github-v1-and-unknown"]);
        assert.deepStrictEqual(undecided(r, policy), []);
    });
});
