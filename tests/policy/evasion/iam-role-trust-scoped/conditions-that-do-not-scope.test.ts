// Evasion: a trust policy open to everyone, or to any OIDC subject, dressed up with a Condition that scopes
// nothing. Tried: Principal "*" with `StringLike aws:PrincipalArn "*"`, with only aws:SecureTransport, with
// a PrincipalArn of any account, with a negated operator; GitHub OIDC with sub `repo:*/*:*`, `*`, only
// StringNotLike on sub, only aud; GitHub Enterprise Cloud issuers (`token.actions.githubusercontent.com/<slug>`),
// GitHub Enterprise Server and other custom issuers, GitLab with only `aud`. Correct verdict: a mandatory
// finding for each. Controls that pass: aws:PrincipalOrgID, one owner's repositories, StringEquals on sub.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { flagged, previewProgram } from "../../../helpers/preview";

const policy = "iam-role-trust-scoped";
const trust = (s: object) => JSON.stringify({ Version: "2012-10-17", Statement: [s] });
const star = (Condition: object) => trust({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition });
const oidc = (issuer: string, Condition?: object) => trust({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) });
const gh = "token.actions.githubusercontent.com";
const aud = (issuer: string) => ({ StringEquals: { [`${issuer}:aud`]: "sts.amazonaws.com" } });

describe(`evasion: ${policy}: conditions that do not scope`, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const role = (name: string, assumeRolePolicy: string) => new aws.iam.Role(name, { assumeRolePolicy });
            role("star-principalarn-star", star({ StringLike: { "aws:PrincipalArn": "*" } }));
            role("star-secure-transport", star({ Bool: { "aws:SecureTransport": "true" } }));
            role("star-any-account-arn", star({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/deployer" } }));
            role("star-negated-org", star({ StringNotEquals: { "aws:PrincipalOrgID": "o-abc123" } }));
            role("star-ifexists-org", star({ StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123" } }));
            role("gh-any-owner", oidc(gh, { StringLike: { [`${gh}:sub`]: "repo:*/*:*" } }));
            role("gh-star", oidc(gh, { StringLike: { [`${gh}:sub`]: "*" } }));
            role("gh-not-like", oidc(gh, { StringNotLike: { [`${gh}:sub`]: "repo:evil/*" } }));
            role("gh-aud-only", oidc(gh, aud(gh)));
            role("gh-enterprise-slug", oidc(`${gh}/my-enterprise`, aud(`${gh}/my-enterprise`)));
            role("gh-server", oidc("github.example.com/_services/token", aud("github.example.com/_services/token")));
            role("gitlab-aud-only", oidc("gitlab.com", aud("gitlab.com")));
            role("gitlab-any-project", oidc("gitlab.com", { StringLike: { "gitlab.com:sub": "project_path:*" } }));
            role("gh-sub-of-other-issuer", oidc(`${gh}/my-enterprise`, { StringLike: { [`${gh}:sub`]: "repo:my-org/*" } }));
            // Compliant
            role("star-org", star({ StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }));
            role("star-account-arn", star({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/deployer" } }));
            role("gh-one-owner", oidc(gh, { StringLike: { [`${gh}:sub`]: "repo:my-org/*" } }));
            role("gh-equals", oidc(gh, { StringEquals: { [`${gh}:sub`]: "repo:my-org/app:ref:refs/heads/main", [`${gh}:aud`]: "sts.amazonaws.com" } }));
            role("gh-enterprise-scoped", oidc(`${gh}/my-enterprise`, { "ForAnyValue:StringLike": { [`${gh}/my-enterprise:sub`]: "repo:my-org/*" } }));
            role("gitlab-one-group", oidc("gitlab.com", { StringLike: { "gitlab.com:sub": "project_path:my-group/app:ref_type:branch:ref:main" } }));
        }, { mode: "preview" });
    });

    it("flags every non-scoping Condition and every OIDC trust without a narrow sub, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), [
            "gh-any-owner", "gh-aud-only", "gh-enterprise-slug", "gh-not-like", "gh-server", "gh-star", "gh-sub-of-other-issuer",
            "gitlab-any-project", "gitlab-aud-only",
            "star-any-account-arn", "star-ifexists-org", "star-negated-org", "star-principalarn-star", "star-secure-transport",
        ]);
    });
});
