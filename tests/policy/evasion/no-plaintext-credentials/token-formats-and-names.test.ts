// Credentials that the name check misses and settings it wrongly flags. Tried: well-known token formats
// under innocent names (Stripe sk_live_, SonarQube squ_, a Slack webhook URL, npm_, ghp_, github_pat_,
// AKIA...), names written without separators (DBPASSWORD, APITOKEN). Correct verdict: a mandatory finding
// each. Not credentials (compliant): COVERAGE_PASS_THRESHOLD=80, ENABLE_SECRET_SCAN=true,
// TOKEN_EXPIRY_SECONDS=3600, BYPASS_CACHE=1. A number under a name ending in the credential word
// (DB_PASSWORD=12345678) stays a finding.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "no-plaintext-credentials";
const hex40 = "0123456789abcdef0123456789abcdef01234567";
const alnum36 = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";

describe(`evasion: ${policy}: token formats and glued names`, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const role = "arn:aws:iam::123456789012:role/build";
            const project = (name: string, vars: { name: string; value: string }[]) => new aws.codebuild.Project(name, {
                serviceRole: role,
                artifacts: { type: "NO_ARTIFACTS" },
                environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER", environmentVariables: vars.map(v => ({ ...v, type: "PLAINTEXT" })) },
                source: { type: "NO_SOURCE", buildspec: "version: 0.2\nphases:\n  build:\n    commands: [echo]\n" },
            });
            project("stripe", [{ name: "BILLING", value: "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc" }]);
            project("sonar", [{ name: "SONAR_HOST_OPTS", value: "squ_" + hex40 }]);
            project("slack-webhook", [{ name: "NOTIFY", value: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX" }]);
            project("npm", [{ name: "REGISTRY_AUTH", value: "npm_" + alnum36 }]);
            project("github-classic", [{ name: "GH", value: "ghp_" + alnum36 }]);
            project("github-fine-grained", [{ name: "GH", value: "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz" }]);
            project("aws-key-id", [{ name: "KEY", value: "AKIA" + "IOSFODNN7EXAMPLE" }]);
            project("glued-password", [{ name: "DBPASSWORD", value: "hunter2hunter2" }]);
            project("glued-token", [{ name: "APITOKEN", value: "abc123def456" }]);
            project("numeric-password", [{ name: "DB_PASSWORD", value: "12345678" }]);
            // Settings, not credentials
            project("settings", [
                { name: "COVERAGE_PASS_THRESHOLD", value: "80" },
                { name: "ENABLE_SECRET_SCAN", value: "true" },
                { name: "TOKEN_EXPIRY_SECONDS", value: "3600" },
                { name: "BYPASS_CACHE", value: "1" },
            ]);
        }, { mode: "preview" });
    });

    it("flags every token format and glued credential name, as mandatory; settings pass", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), [
            "aws-key-id", "github-classic", "github-fine-grained", "glued-password", "glued-token", "npm", "numeric-password", "slack-webhook", "sonar", "stripe",
        ]);
    });

    it("names the token's kind without printing it", () => {
        const m = findings(result, policy, "stripe")[0].message;
        assert.match(m, /Stripe secret key/);
        assert.doesNotMatch(m, /4eC39HqLyjWDarjtT1zdp7dc/);
        assert.match(findings(result, policy, "sonar")[0].message, /SonarQube token/);
        assert.match(findings(result, policy, "slack-webhook")[0].message, /Slack webhook URL/);
    });
});
