import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { encryptedStore, pipeline } from "../fixtures/pipelines";

const policy = "codepipeline-artifact-store-region";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            // A value not known until the bucket exists (its own `region` is known at preview: the provider's Check fills it in).
            const other = new aws.s3.Bucket("other-bucket", {});
            const unknownRegion = other.arn.apply(() => "eu-west-1");
            pipeline("single-no-region", { artifactStores: [encryptedStore()] });
            pipeline("single-with-region", { artifactStores: [encryptedStore({ region: "eu-west-1" })] });
            // A region that is set, even to a value not known yet, is still set.
            pipeline("single-with-unknown-region", { artifactStores: [encryptedStore({ region: unknownRegion })] });
            pipeline("multi-distinct", { artifactStores: [encryptedStore({ region: "eu-west-1" }), encryptedStore({ region: "us-east-1", location: "acme-us" })] });
            pipeline("multi-missing-region", { artifactStores: [encryptedStore({ region: "eu-west-1" }), encryptedStore({ location: "acme-us" })] });
            pipeline("multi-duplicate", { artifactStores: [encryptedStore({ region: "eu-west-1" }), encryptedStore({ region: "eu-west-1", location: "acme-2" })] });
            // Two regions, one not known yet: they may be the same, only the SDK's advisory can say.
            pipeline("multi-unknown-region", { artifactStores: [encryptedStore({ region: "eu-west-1" }), encryptedStore({ region: unknownRegion, location: "acme-2" })] });
        });
    });

    it("flags a region on a single artifact store and missing or repeated regions on several, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"),
            ["multi-duplicate", "multi-missing-region", "single-with-region", "single-with-unknown-region"]);
        assert.match(findings(result, policy, "single-with-region")[0].message, /remove artifactStores\[0\]\.region/);
        assert.match(findings(result, policy, "multi-missing-region")[0].message, /set artifactStores\[1\]\.region/);
        assert.match(findings(result, policy, "multi-duplicate")[0].message, /artifactStores\[0\] and artifactStores\[1\] name the same region/);
    });

    it("leaves regions that are not known yet to the SDK's preview advisory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["multi-unknown-region"]);
        assert.deepStrictEqual(findings(result, policy, "multi-unknown-region").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("carries its metadata", () => {
        const d = findings(result, policy, "single-with-region")[0];
        assert.strictEqual(d.severity, "medium");
        assert.strictEqual(d.framework?.version, "4.0.1");
    });

    it("reports an exempted pipeline as not applicable with the reason", async () => {
        const r = await previewProgram(() => {
            pipeline("single-with-region", { artifactStores: [encryptedStore({ region: "eu-west-1" })] });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "single-*", reason: "migrating in ticket OPS-1" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), []);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "single-with-region"), ["exempted by configuration: migrating in ticket OPS-1"]);
    });
    // Behaviour change (one undecided rule for the pack, lib/policy.ts): a resource with a decidable finding gets the finding only, no "can't run" advisory.
    it("reports two stores of the same region beside one whose region is unknown, without an advisory", async () => {
        const r = await previewProgram(() => {
            const other = new aws.s3.Bucket("other-bucket", {});
            pipeline("duplicate-and-unknown", {
                artifactStores: [
                    encryptedStore({ region: "eu-west-1" }), encryptedStore({ region: "eu-west-1", location: "acme-2" }),
                    encryptedStore({ region: other.arn.apply(() => "us-east-1"), location: "acme-3" }),
                ],
            });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["duplicate-and-unknown"]);
        assert.deepStrictEqual(undecided(r, policy), []);
    });
});
