import * as assert from "assert";
import * as fs from "fs";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { taggableAwsTypes, taggableAwsTypesSource } from "../../../policy/lib/taggable-aws-types";
import { renderTaggableTypes, taggableTypesFile, taggableTypesOfInstalledProvider } from "../../../tools/generate";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "required-tags";
const all = { Environment: "dev", Owner: "platform-team", DataClassification: "internal" };

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            new aws.s3.Bucket("all-tags", { tags: all });
            new aws.s3.Bucket("no-tags", {});
            new aws.ecr.Repository("missing-owner", { tags: { Environment: "dev", DataClassification: "internal" } });
            // The regression: a constant copied from the production stack.
            new aws.codebuild.Project("production-tag-on-dev", {
                serviceRole: "arn:aws:iam::111122223333:role/build",
                artifacts: { type: "NO_ARTIFACTS" },
                environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER" },
                source: { type: "NO_SOURCE", buildspec: "version: 0.2" },
                tags: { ...all, Environment: "Production" },
            });
            // v6's token for the same bucket (still registered by v7's deprecated BucketV2).
            new aws.s3.BucketV2("v6-bucket-untagged", {});
            // Not taggable: no finding at all.
            new aws.s3.BucketPolicy("policy", { bucket: "some-bucket", policy: "{}" });
            new aws.sns.Topic("exempt", {});
            const key = new aws.kms.Key("key", { enableKeyRotation: true, tags: all });
            new aws.sns.Topic("owner-unknown", { tags: { ...all, Owner: key.arn.apply(() => "team") } });
            new aws.sns.Topic("environment-unknown", { tags: { ...all, Environment: key.arn.apply(() => "dev") } });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "exempt", reason: "legacy topic, ticket TAG-3" }] } }] });
    });

    it("flags taggable resources that miss required tags, naming the tags", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["missing-owner", "no-tags", "production-tag-on-dev", "v6-bucket-untagged"]);
        assert.match(findings(result, policy, "missing-owner")[0].message, /'missing-owner' is missing required tag Owner: add tags\.Owner/);
        assert.match(findings(result, policy, "no-tags")[0].message, /Environment, Owner, DataClassification/);
    });

    it("flags a Production Environment tag on the dev stack without echoing the value", () => {
        const msgs = findings(result, policy, "production-tag-on-dev").map(d => d.message);
        assert.strictEqual(msgs.length, 1);
        assert.match(msgs[0], /Environment tag that does not match stack 'dev'.*set tags\.Environment to 'dev'/);
        assert.ok(!msgs[0].includes("Production"));
    });

    it("ignores resources that are not taggable and passes fully tagged ones", () => {
        assert.deepStrictEqual(findings(result, policy, "policy"), []);
        assert.deepStrictEqual(findings(result, policy, "all-tags"), []);
        assert.deepStrictEqual(findings(result, policy, "key"), []);
    });

    it("counts a tag whose value is unknown as present, and leaves an unknown Environment value undecided", () => {
        assert.deepStrictEqual(findings(result, policy, "owner-unknown"), []);
        assert.deepStrictEqual(undecided(result, policy), ["environment-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "environment-unknown").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("honours exemptions with the reason", () => {
        assert.match(notApplicableReasons(result, policy, "exempt").join(), /TAG-3/);
        assert.deepStrictEqual(findings(result, policy, "exempt"), []);
    });

    it("counts the default provider's defaultTags (stack config aws:defaultTags) and checks their Environment", async () => {
        const program = () => {
            new aws.s3.Bucket("env-only", { tags: { Environment: "dev" } });
            new aws.s3.Bucket("untagged", {});
        };
        const ok = await previewProgram(program, { config: { "aws:defaultTags": JSON.stringify({ tags: { Owner: "platform", DataClassification: "internal" } }) } });
        assert.deepStrictEqual(flagged(ok, policy), ["untagged"]);
        assert.match(findings(ok, policy, "untagged")[0].message, /missing required tag Environment:/);
        const wrong = await previewProgram(program, { config: { "aws:defaultTags": JSON.stringify({ tags: { ...all, Environment: "Production" } }) } });
        assert.deepStrictEqual(flagged(wrong, policy), ["untagged"]);
        assert.match(findings(wrong, policy, "untagged")[0].message, /set the aws provider's defaultTags\.tags\.Environment to 'dev'/);
    });

    it("counts an explicit provider's defaultTags (sent as a JSON string)", async () => {
        const r = await previewProgram(() => {
            const provider = new aws.Provider("tagged", { region: "eu-west-1", defaultTags: { tags: all } });
            new aws.s3.Bucket("via-provider", {}, { provider });
            new aws.s3.Bucket("default-provider", {});
        });
        assert.deepStrictEqual(flagged(r, policy), ["default-provider"]);
    });

    it("takes the expected environment from the environments map and the required tags from config", async () => {
        const r = await previewProgram(() => {
            new aws.s3.Bucket("dev-literal", { tags: { Environment: "dev", Team: "a" } });
            new aws.s3.Bucket("development", { tags: { Environment: "development", Team: "a" } });
            new aws.s3.Bucket("no-team", { tags: { Environment: "development" } });
        }, { policyPackConfigs: [{ [policy]: { environments: { dev: "development", prod: "production" }, requiredTags: ["Environment", "Team"] } }] });
        assert.deepStrictEqual(flagged(r, policy), ["dev-literal", "no-team"]);
        assert.match(findings(r, policy, "dev-literal")[0].message, /environment is 'development'/);
        assert.match(findings(r, policy, "no-team")[0].message, /missing required tag Team/);
    });

    it("uses the stack name as the environment on another stack", async () => {
        const r = await previewProgram(() => {
            new aws.s3.Bucket("prod-tagged", { tags: { ...all, Environment: "prod" } });
            new aws.s3.Bucket("dev-tagged", { tags: all });
        }, { stack: "prod" });
        assert.deepStrictEqual(flagged(r, policy), ["dev-tagged"]);
    });

    it("carries a list of taggable types that matches the installed @pulumi/aws (npm run docs regenerates it)", () => {
        const installed = taggableTypesOfInstalledProvider();
        assert.strictEqual(taggableAwsTypesSource, `@pulumi/aws ${installed.version}`,
            "policy/lib/taggable-aws-types.ts was generated from another @pulumi/aws: run npm run docs");
        assert.deepStrictEqual([...taggableAwsTypes].sort(), installed.types, "policy/lib/taggable-aws-types.ts is out of date: run npm run docs");
        assert.strictEqual(fs.readFileSync(taggableTypesFile, "utf8"), renderTaggableTypes(installed.version, installed.types),
            "policy/lib/taggable-aws-types.ts was edited by hand: run npm run docs");
    });
    // Behaviour change (one undecided rule for the pack, lib/policy.ts): a resource with a decidable finding gets the finding only, no "can't run" advisory.
    it("reports a missing tag of a resource whose Environment value is unknown, without an advisory", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true, tags: all });
            new aws.sns.Topic("owner-missing-environment-unknown", { tags: { DataClassification: "internal", Environment: key.arn.apply(() => "dev") } });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["owner-missing-environment-unknown"]);
        assert.deepStrictEqual(undecided(r, policy), []);
    });
});
