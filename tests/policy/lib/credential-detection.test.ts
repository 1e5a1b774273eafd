// Recognising credentials offline (policy/lib/credential-detection.ts), without returning them.
import * as assert from "assert";
import {
    credentialFormatIn, credentialName, hasUrlWithEmbeddedCredentials, isAwsAccessKeyId, isCredentialReference, looksLikeAwsSecretAccessKey, nameWords,
} from "../../../policy/lib/credential-detection";

describe("lib/credential-detection", () => {
    const formats: [unknown, string | undefined][] = [
        ["AKIA" + "ABCDEFGHIJKLMNOP", "AWS access key id"],
        ["export KEY=ASIA" + "ABCDEFGHIJKLMNOP; run", "AWS access key id"],
        ["ghp_" + "a".repeat(36), "GitHub token"],
        ["github_pat_" + "A".repeat(22), "GitHub fine-grained token"],
        ["glpat-" + "x".repeat(20), "GitLab token"],
        ["xoxb-" + "1".repeat(10), "Slack token"],
        ["npm_" + "b".repeat(36), "npm token"],
        ["-----BEGIN RSA PRIVATE KEY-----", "private key"],
        ["ghp_short", undefined],
        ["an ordinary value", undefined],
        [42, undefined],
    ];
    for (const [value, kind] of formats) {
        it(`finds ${kind ?? "no credential"} in ${JSON.stringify(value).slice(0, 30)}`, () => assert.strictEqual(credentialFormatIn(value), kind));
    }

    const names: [unknown, string | undefined][] = [
        ["GITHUB_TOKEN", "token"], ["dbPassword", "password"], ["api-key", "api key"], ["AWS_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY"],
        ["SECRET_ARN", undefined], ["TOKEN_URL", undefined], ["PASSWORD_PARAMETER_NAME", undefined], ["BUILD_NUMBER", undefined], ["", undefined], [5, undefined],
    ];
    for (const [name, why] of names) {
        it(`names ${JSON.stringify(name)} ${why ? `a credential (${why})` : "no credential"}`, () => assert.strictEqual(credentialName(name), why));
    }

    it("takes extra credential words from configuration", () => {
        assert.strictEqual(credentialName("BEARER_VALUE", ["bearer"]), "bearer");
        assert.strictEqual(credentialName("BEARER_VALUE"), undefined);
    });

    it("splits names into words", () => {
        assert.deepStrictEqual(nameWords("githubToken"), ["github", "token"]);
        assert.deepStrictEqual(nameWords("HTTPServer_API.key"), ["http", "server", "api", "key"]);
    });

    it("tells URLs with credentials, access key ids, secret-key shapes and references", () => {
        assert.ok(hasUrlWithEmbeddedCredentials("https://user:pass@github.com/org/repo.git"));
        assert.ok(!hasUrlWithEmbeddedCredentials("https://github.com/org/repo.git"));
        assert.ok(isAwsAccessKeyId(" AKIAABCDEFGHIJKLMNOP "));
        assert.ok(!isAwsAccessKeyId("AKIA123"));
        assert.ok(looksLikeAwsSecretAccessKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        assert.ok(!looksLikeAwsSecretAccessKey("short"));
        assert.ok(isCredentialReference("arn:aws:secretsmanager:eu-west-1:1:secret:x"));
        assert.ok(!isCredentialReference("plain"));
    });
});
