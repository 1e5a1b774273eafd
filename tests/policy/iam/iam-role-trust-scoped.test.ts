import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "iam-role-trust-scoped";

const trust = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const assume = (Principal: unknown, extra: object = {}) => ({ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...extra });
const github = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const oidc = (Condition?: object) => ({ Effect: "Allow", Principal: { Federated: github }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) });

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const other = new aws.iam.Role("deployer", { assumeRolePolicy: trust(assume({ Service: "codepipeline.amazonaws.com" })) });
            // Violations
            new aws.iam.Role("trusts-everyone", { assumeRolePolicy: trust(assume("*")) });
            new aws.iam.Role("trusts-every-account", { assumeRolePolicy: trust(assume({ AWS: "*" })) });
            new aws.iam.Role("star-in-list", { assumeRolePolicy: trust(assume({ AWS: ["arn:aws:iam::123456789012:root", "*"] })) });
            new aws.iam.Role("not-principal", { assumeRolePolicy: trust({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }) });
            new aws.iam.Role("object-document", { assumeRolePolicy: { Version: "2012-10-17", Statement: assume({ AWS: "*" }) } as any });
            new aws.iam.Role("github-any-repo", { assumeRolePolicy: trust(oidc({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } })) });
            new aws.iam.Role("github-sub-star", { assumeRolePolicy: trust(oidc({ StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } })) });
            // Compliant
            new aws.iam.Role("service-principal", { assumeRolePolicy: trust(assume({ Service: ["codebuild.amazonaws.com"] })) });
            new aws.iam.Role("star-with-org-condition", { assumeRolePolicy: trust(assume({ AWS: "*" }, { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } })) });
            new aws.iam.Role("account-root", { assumeRolePolicy: trust(assume({ AWS: "arn:aws:iam::123456789012:root" })) });
            new aws.iam.Role("deny-everyone", { assumeRolePolicy: trust(assume({ Service: "ec2.amazonaws.com" }), { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }) });
            new aws.iam.Role("github-one-repo", { assumeRolePolicy: trust(oidc({ StringLike: { "token.actions.githubusercontent.com:sub": "repo:my-org/app:ref:refs/heads/main" } })) });
            new aws.iam.Role("malformed", { assumeRolePolicy: "{ nope" });
            // Unknown at preview
            new aws.iam.Role("unknown-trust", { assumeRolePolicy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [assume({ AWS: other.arn })] }) });
            new aws.iam.Role("unknown-principal-entry", { assumeRolePolicy: { Version: "2012-10-17", Statement: [assume({ AWS: [other.arn] })] } as any });
            new aws.iam.Role("unknown-beside-star", { assumeRolePolicy: { Version: "2012-10-17", Statement: [assume({ AWS: [other.arn, "*"] })] } as any });
        });
    });

    it("flags trust in everyone, every account, NotPrincipal and unscoped GitHub OIDC, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), [
            "github-any-repo", "github-sub-star", "not-principal", "object-document", "star-in-list", "trusts-every-account", "trusts-everyone", "unknown-beside-star",
        ]);
    });

    it("names the role, assumeRolePolicy and the statement", () => {
        assert.match(findings(result, policy, "trusts-everyone")[0].message, /Role 'trusts-everyone': assumeRolePolicy statement 0: Principal "\*" with no Condition/);
        assert.match(findings(result, policy, "trusts-every-account")[0].message, /\{"AWS": "\*"\}/);
        assert.match(findings(result, policy, "github-any-repo")[0].message, /token\.actions\.githubusercontent\.com:sub/);
    });

    it("passes named principals, conditioned wildcards and Deny statements", () => {
        for (const name of ["deployer", "service-principal", "star-with-org-condition", "account-root", "deny-everyone", "github-one-repo", "unknown-principal-entry"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("does not apply to a trust policy AWS would reject, and says why", () => {
        assert.deepStrictEqual(findings(result, policy, "malformed"), []);
        assert.match(notApplicableReasons(result, policy, "malformed").join(), /assumeRolePolicy is not valid JSON: AWS rejects it/);
    });

    it("leaves a trust policy unknown at preview undecided (advisory), never mandatory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["unknown-trust"]);
        assert.deepStrictEqual(findings(result, policy, "unknown-trust").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("carries its PCI DSS reference and severity, and honours exemptions", async () => {
        const d = findings(result, policy, "trusts-everyone")[0];
        assert.strictEqual(d.severity, "critical");
        assert.strictEqual(d.framework?.reference, "7.2.1, 8.2.2");
        const r = await previewProgram(() => {
            new aws.iam.Role("public-demo", { assumeRolePolicy: trust(assume({ AWS: "*" })) });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "public-demo", reason: "sandbox account, no data" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), []);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "public-demo"), ["exempted by configuration: sandbox account, no data"]);
    });
});
