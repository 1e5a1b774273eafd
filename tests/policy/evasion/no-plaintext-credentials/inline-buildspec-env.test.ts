// Where a credential can hide: an inline buildspec's `env.variables` (YAML in source.buildspec), plain
// text in the project and the build's environment. Tried: a credential-named variable with a literal value.
// Correct verdict: a mandatory finding. Compliant: `env.secrets-manager` references and plain settings.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { flagged, previewProgram } from "../../../helpers/preview";

const policy = "no-plaintext-credentials";
const project = (name: string, buildspec: string) => new aws.codebuild.Project(name, {
    serviceRole: "arn:aws:iam::123456789012:role/build",
    artifacts: { type: "NO_ARTIFACTS" },
    environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER" },
    source: { type: "NO_SOURCE", buildspec },
});

describe(`evasion: ${policy}: inline buildspec env.variables`, () => {
    it("flags a credential in env.variables and passes references and settings", async () => {
        const r = await previewProgram(() => {
            project("plain-password", "version: 0.2\nenv:\n  variables:\n    STAGE: prod\n    DB_PASSWORD: \"hunter2hunter2\"\nphases:\n  build:\n    commands:\n      - make\n");
            project("references", "version: 0.2\nenv:\n  variables:\n    STAGE: prod\n    COVERAGE_PASS_THRESHOLD: 80\n  secrets-manager:\n    DB_PASSWORD: prod/db:password\nphases:\n  build:\n    commands:\n      - make\n");
        }, { mode: "preview" });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["plain-password"]);
    });
});
