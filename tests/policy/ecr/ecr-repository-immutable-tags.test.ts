import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult, wire } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "ecr-repository-immutable-tags";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            new aws.ecr.Repository("immutable", { imageTagMutability: "IMMUTABLE" });
            new aws.ecr.Repository("immutable-except-latest", {
                imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
                imageTagMutabilityExclusionFilters: [{ filter: "latest", filterType: "WILDCARD" }],
            });
            new aws.ecr.Repository("default-mutable", {});
            new aws.ecr.Repository("mutable", { imageTagMutability: "MUTABLE" });
            new aws.ecr.Repository("exempt", { imageTagMutability: "MUTABLE" });
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.ecr.Repository("mutability-unknown", { imageTagMutability: key.arn.apply(() => "IMMUTABLE") });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "exempt", reason: "dev sandbox" }] } }] });
    });

    it("flags mutable tags (explicit or by default) as mandatory, naming imageTagMutability", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["default-mutable", "mutable"]);
        assert.match(findings(result, policy, "default-mutable")[0].message, /'default-mutable'.*MUTABLE \(the default\).*imageTagMutability to "IMMUTABLE"/);
    });

    it("accepts IMMUTABLE and, by default, IMMUTABLE_WITH_EXCLUSION", () => {
        assert.deepStrictEqual(findings(result, policy, "immutable"), []);
        assert.deepStrictEqual(findings(result, policy, "immutable-except-latest"), []);
    });

    it("leaves an unknown setting undecided and honours exemptions", () => {
        assert.deepStrictEqual(undecided(result, policy), ["mutability-unknown"]);
        assert.match(notApplicableReasons(result, policy, "exempt").join(), /dev sandbox/);
    });

    it("rejects IMMUTABLE_WITH_EXCLUSION when allowImmutableWithExclusions is false", async () => {
        const r = await previewProgram(() => {
            new aws.ecr.Repository("immutable-except-latest", {
                imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
                imageTagMutabilityExclusionFilters: [{ filter: "latest", filterType: "WILDCARD" }],
            });
        }, { policyPackConfigs: [{ [policy]: { allowImmutableWithExclusions: false } }] });
        assert.deepStrictEqual(flagged(r, policy), ["immutable-except-latest"]);
    });

    it("remediates to IMMUTABLE (dropping exclusion filters that only fit *_WITH_EXCLUSION), keeping secrets secret", async () => {
        const r = await previewProgram(() => {
            new aws.ecr.Repository("mutable", { imageTagMutability: "MUTABLE", tags: { Owner: pulumi.secret("s3kr1t-owner") } });
            new aws.ecr.Repository("mutable-with-exclusion", {
                imageTagMutability: "MUTABLE_WITH_EXCLUSION",
                imageTagMutabilityExclusionFilters: [{ filter: "release-*", filterType: "WILDCARD" }],
            });
        }, { policyPackConfigs: [{ [policy]: "remediate" }] });
        assert.deepStrictEqual(r.remediations.map(x => x.resourceName).sort(), ["mutable", "mutable-with-exclusion"]);
        assert.deepStrictEqual(flagged(r, policy), []);
        const m = r.resources.find(x => x.name === "mutable")!;
        assert.strictEqual(m.inputs.imageTagMutability, "IMMUTABLE");
        assert.ok(wire.isSecret(m.inputs.tags.Owner), "the secret tag is still a secret");
        const e = r.resources.find(x => x.name === "mutable-with-exclusion")!;
        assert.strictEqual(e.inputs.imageTagMutability, "IMMUTABLE");
        assert.strictEqual(e.inputs.imageTagMutabilityExclusionFilters, undefined);
    });
});
