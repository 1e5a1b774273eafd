import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { buildAction, codestarSource, githubV1Source, pipeline } from "../fixtures/pipelines";

const policy = "no-plaintext-credentials";

// Test credentials in real formats (none of them valid). Messages must never contain any of them.
const githubToken = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
const accessKeyId = "AKIA" + "Q3EGRFLXT7MZN2KD";
const secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKY";
const slackToken = "xoxb-" + "123456789012-abcdefghijklmnop";
const privateKey = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----";
const plainPassword = "hunter2-but-longer";
const urlPassword = "pa55w0rd";
const allSecrets = [githubToken, accessKeyId, secretAccessKey, slackToken, "MIIEowIBAAKCAQEA7", plainPassword, urlPassword];

function project(name: string, o: Partial<aws.codebuild.ProjectArgs> & { vars?: aws.types.input.codebuild.ProjectEnvironmentEnvironmentVariable[] }) {
    const { vars, ...rest } = o;
    return new aws.codebuild.Project(name, {
        serviceRole: "arn:aws:iam::123456789012:role/build",
        artifacts: { type: "CODEPIPELINE" },
        source: { type: "CODEPIPELINE" },
        environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER", environmentVariables: vars },
        ...rest,
    });
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const bucket = new aws.s3.Bucket("outputs", {});
            // --- CodeBuild environment variables
            project("env-github-token", { vars: [{ name: "GITHUB_TOKEN", value: githubToken, type: "PLAINTEXT" }] });
            project("env-password-default-type", { vars: [{ name: "dbPassword", value: plainPassword }] });
            project("env-secrets-manager", { vars: [{ name: "GITHUB_TOKEN", value: "ci/github-token", type: "SECRETS_MANAGER" }, { name: "DB_PASSWORD", value: "/ci/db/password", type: "PARAMETER_STORE" }] });
            project("env-benign-names", {
                vars: [
                    { name: "TOKEN_URL", value: "https://auth.example.com/oauth/token" },
                    { name: "SECRET_ARN", value: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/github-AbCdEf" },
                    { name: "PASSWORD_PARAMETER_NAME", value: "/ci/db/password" },
                    { name: "GITHUB_TOKEN_SECRET_ID", value: "ci/github-token" },
                    { name: "GITHUB_TOKEN", value: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/github-AbCdEf" },
                    { name: "EMPTY_PASSWORD", value: "" },
                    { name: "TOKEN_TTL", value: "3600" },
                    { name: "DEPLOY_ENV", value: "dev" },
                    { name: "BUCKET", value: bucket.bucket },
                ],
            });
            project("env-value-formats", {
                vars: [
                    { name: "BUILD_NOTE", value: `key ${accessKeyId}` },
                    { name: "CHAT_HOOK", value: slackToken },
                    { name: "DEPLOY_PEM", value: privateKey },
                ],
            });
            project("env-aws-key-pair", { vars: [{ name: "KEY_ONE", value: accessKeyId }, { name: "KEY_TWO", value: secretAccessKey }] });
            project("env-url-credentials", { vars: [{ name: "REGISTRY", value: `https://ci:${urlPassword}@registry.example.com/npm/` }] });
            project("source-url-credentials", { source: { type: "GITHUB_ENTERPRISE", location: `https://ci:${urlPassword}@git.example.com/acme/app.git` } });
            project("secondary-source-token", {
                source: { type: "CODEPIPELINE" },
                secondarySources: [{ type: "GITHUB", sourceIdentifier: "lib", location: `https://${githubToken}@github.com/acme/lib.git` }],
            });
            project("buildspec-with-key", { source: { type: "CODEPIPELINE", buildspec: `version: 0.2\nenv:\n  variables:\n    AWS_KEY: ${accessKeyId}\n` } });
            project("clean-project", { source: { type: "GITHUB", location: "https://github.com/acme/app.git" }, vars: [{ name: "STAGE", value: "dev" }] });
            // Unknown at preview: the type of a credential-named variable, and the value of one (it may be a secret's ARN).
            project("env-type-unknown", { vars: [{ name: "GITHUB_TOKEN", value: "ci/github-token", type: bucket.arn.apply(() => "SECRETS_MANAGER") }] });
            project("env-value-unknown", { vars: [{ name: "API_TOKEN", value: bucket.arn }] });
            // --- Pipelines
            pipeline("github-v1-oauth", { source: [githubV1Source({ OAuthToken: githubToken })] });
            pipeline("oauth-secret-lowercase-key", { source: [githubV1Source({ oauthtoken: pulumi.secret(plainPassword) })] });
            pipeline("codebuild-action-env", {
                build: [buildAction({
                    EnvironmentVariables: JSON.stringify([
                        { name: "GITHUB_TOKEN", value: plainPassword, type: "PLAINTEXT" },
                        { name: "NPM_TOKEN", value: "ci/npm", type: "SECRETS_MANAGER" },
                    ]),
                })],
            });
            pipeline("clean-pipeline", { source: [codestarSource()], build: [buildAction({ EnvironmentVariables: JSON.stringify([{ name: "STAGE", value: "dev", type: "PLAINTEXT" }]) })] });
            pipeline("config-unknown", { source: [{ ...codestarSource(), configuration: bucket.arn.apply(a => ({ ConnectionArn: a })) }] });
            // --- Webhooks
            new aws.codepipeline.Webhook("webhook-pat", {
                authentication: "GITHUB_HMAC", targetAction: "Source", targetPipeline: "app",
                authenticationConfiguration: { secretToken: githubToken },
                filters: [{ jsonPath: "$.ref", matchEquals: "refs/heads/{Branch}" }],
            });
            new aws.codepipeline.Webhook("webhook-random", {
                authentication: "GITHUB_HMAC", targetAction: "Source", targetPipeline: "app",
                authenticationConfiguration: { secretToken: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" },
                filters: [{ jsonPath: "$.ref", matchEquals: "refs/heads/{Branch}" }],
            });
        }, { redactSecrets: false });
    });

    it("flags credentials in plain pipeline, build and webhook configuration as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), [
            "buildspec-with-key", "codebuild-action-env", "env-aws-key-pair", "env-github-token", "env-password-default-type",
            "env-url-credentials", "env-value-formats", "github-v1-oauth", "oauth-secret-lowercase-key", "secondary-source-token",
            "source-url-credentials", "webhook-pat",
        ]);
    });

    it("names the resource and the exact property, and says what kind of credential", () => {
        const m = (name: string) => findings(result, policy, name).map(d => d.message);
        assert.match(m("env-github-token")[0], /environment\.environmentVariables\[0\] 'GITHUB_TOKEN'.*PLAINTEXT.*SECRETS_MANAGER/);
        assert.match(m("env-password-default-type")[0], /'dbPassword'/);
        assert.deepStrictEqual(m("env-value-formats").map(x => /holds a ([^,]+?) in PLAINTEXT/.exec(x)?.[1]), ["AWS access key id", "Slack token", "private key"]);
        assert.strictEqual(m("env-aws-key-pair").length, 2);
        assert.match(m("env-aws-key-pair")[1], /AWS secret access key/);
        assert.match(m("source-url-credentials")[0], /source\.location contains a URL with embedded credentials/);
        assert.match(m("secondary-source-token")[0], /secondarySources\[0\]\.location contains a GitHub token/);
        assert.match(m("buildspec-with-key")[0], /source\.buildspec contains a AWS access key id/);
        assert.match(m("github-v1-oauth")[0], /remove stages\[0\]\.actions\[0\]\.configuration\.OAuthToken and move the source to a CodeStarSourceConnection/);
        assert.match(m("oauth-secret-lowercase-key")[0], /configuration\.oauthtoken/);
        assert.deepStrictEqual(m("codebuild-action-env").length, 1);
        assert.match(m("codebuild-action-env")[0], /stages\[1\]\.actions\[0\]\.configuration\.EnvironmentVariables\[0\] 'GITHUB_TOKEN'/);
        assert.match(m("webhook-pat")[0], /authenticationConfiguration\.secretToken is a GitHub token/);
    });

    it("never puts a credential value in a message (even one that is a Pulumi secret)", () => {
        const messages = result.diagnostics.filter(d => d.policyName === policy).map(d => d.message).join("\n");
        for (const s of allSecrets) {
            assert.ok(!messages.includes(s), `a message contains a credential: ${s.slice(0, 4)}...`);
        }
    });

    it("passes references to secrets, benign names and clean resources", () => {
        for (const name of ["env-secrets-manager", "env-benign-names", "clean-project", "clean-pipeline", "webhook-random"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("leaves values the decision needs but that are unknown to the SDK's preview advisory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["config-unknown", "env-type-unknown", "env-value-unknown"]);
        for (const name of ["config-unknown", "env-type-unknown", "env-value-unknown"]) {
            assert.deepStrictEqual(findings(result, policy, name).map(d => d.enforcementLevel), ["advisory"], name);
        }
    });

    it("documents that it cannot tell a Pulumi secret from a literal", () => {
        const meta = result.policyPacks[0].policies.find(p => p.name === policy);
        assert.match(meta?.description ?? "", /no policy can tell a Pulumi secret from a literal/);
    });

    it("honours allowedVariableNames, additionalCredentialWords and exemptions", async () => {
        const r = await previewProgram(() => {
            project("allowed", { vars: [{ name: "NPM_TOKEN", value: "not-a-secret-here" }] });
            project("extra-word", { vars: [{ name: "BEARER_VALUE", value: "abc.def.ghi" }] });
            project("exempted", { vars: [{ name: "GITHUB_TOKEN", value: "x-placeholder" }] });
        }, {
            policyPackConfigs: [{
                [policy]: {
                    allowedVariableNames: ["npm_token"], additionalCredentialWords: ["bearer"],
                    exemptions: [{ resource: "exempted", reason: "placeholder replaced at deploy time" }],
                },
            }],
        });
        assert.deepStrictEqual(flagged(r, policy), ["extra-word"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "exempted"), ["exempted by configuration: placeholder replaced at deploy time"]);
    });
    // Behaviour change (one undecided rule for the pack, lib/policy.ts): a resource with a decidable finding gets the finding only, no "can't run" advisory.
    it("reports a plaintext credential beside a variable whose type is unknown, without an advisory", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.codebuild.Project("token-and-unknown-type", {
                serviceRole: "arn:aws:iam::123456789012:role/build", artifacts: { type: "NO_ARTIFACTS" }, source: { type: "NO_SOURCE", buildspec: "version: 0.2" },
                environment: {
                    computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER",
                    environmentVariables: [
                        { name: "GITHUB_TOKEN", value: "ghp_" + "0123456789abcdefghijABCDEFGHIJ012345", type: "PLAINTEXT" },
                        { name: "DB_PASSWORD", value: "x", type: key.arn.apply(() => "PLAINTEXT") },
                    ],
                },
            });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["token-and-unknown-type"]);
        assert.deepStrictEqual(undecided(r, policy), []);
    });
});
