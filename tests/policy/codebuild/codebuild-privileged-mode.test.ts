import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { project } from "../fixtures/codebuild-project";

const policy = "codebuild-privileged-mode";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const bucket = new aws.s3.Bucket("flag-source", {});
            project("privileged", { privilegedMode: true });
            project("not-privileged", { privilegedMode: false });
            project("default");
            project("privileged-unknown", { privilegedMode: bucket.arn.apply(() => true) });
            project("image-build", {
                privilegedMode: true,
                source: { type: "CODEPIPELINE", buildspec: "version: 0.2\nphases:\n  build:\n    commands:\n      - docker build -t app .\n      - docker push app:1\n" },
            });
            project("privileged-tests", {
                privilegedMode: true,
                source: { type: "CODEPIPELINE", buildspec: "version: 0.2\nphases:\n  build:\n    commands:\n      - npm test # no docker here\n      - echo dockerfile-lint\n" },
            });
        });
    });

    it("flags privileged projects as advisory, naming the property", () => {
        assert.deepStrictEqual(flagged(result, policy, "advisory"), ["privileged", "privileged-tests"]);
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), []);
        assert.match(findings(result, policy, "privileged")[0].message, /set environment\.privilegedMode to false/);
        assert.deepStrictEqual(findings(result, policy, "not-privileged"), []);
        assert.deepStrictEqual(findings(result, policy, "default"), []);
    });

    it("does not flag a project whose inline buildspec builds images, and says why", () => {
        assert.deepStrictEqual(findings(result, policy, "image-build"), []);
        assert.deepStrictEqual(notApplicableReasons(result, policy, "image-build"),
            ["the project builds container images (its buildspec runs docker), which needs privileged mode"]);
    });

    it("leaves an unknown privilegedMode to the SDK's preview advisory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["privileged-unknown"]);
    });

    it("can be made mandatory, and exempts image-building projects with the reason", async () => {
        const r = await previewProgram(() => {
            project("privileged", { privilegedMode: true });
            project("image-build", { privilegedMode: true });
        }, { policyPackConfigs: [{ [policy]: { enforcementLevel: "mandatory", exemptions: [{ resource: "image-build", reason: "builds the app's Docker image" }] } }] });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["privileged"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "image-build"), ["exempted by configuration: builds the app's Docker image"]);
    });
});
