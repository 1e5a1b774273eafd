// Evasion: the OIDC provider is created in the same stack and trusted as `Federated: provider.arn`, so the
// trust policy never spells the issuer. Without a Condition on a `sub` key any subject of the issuer can
// assume the role. Correct verdict: a mandatory finding at preview (the ARN is unknown: the missing `sub`
// condition decides it) and at update (the preview gives the ARN AWS gives,
// `arn:aws:iam::<account>:oidc-provider/<url without https://>`); with a narrow sub condition, compliant.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { flagged, previewProgram } from "../../../helpers/preview";

const policy = "iam-role-trust-scoped";
const gh = "token.actions.githubusercontent.com";

function program() {
    const provider = new aws.iam.OpenIdConnectProvider("github", { url: `https://${gh}`, clientIdLists: ["sts.amazonaws.com"] });
    const trust = (condition: object) => pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Federated: provider.arn }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition }],
    });
    new aws.iam.Role("aud-only", { assumeRolePolicy: trust({ StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" } }) });
    new aws.iam.Role("one-owner", { assumeRolePolicy: trust({ StringLike: { [`${gh}:sub`]: "repo:my-org/*" } }) });
    new aws.iam.Role("object-aud-only", { assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: provider.arn }, Action: "sts:AssumeRoleWithWebIdentity" }] } as any });
}

describe(`evasion: ${policy}: an OIDC provider of the same stack`, () => {
    it("flags the role without a sub condition at preview", async () => {
        const r = await previewProgram(program, { mode: "preview" });
        // The jsonStringify'd document is unknown at preview as a whole: only the object document is decidable.
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["object-aud-only"]);
    });

    it("flags it at update, where the provider's ARN has AWS's shape", async () => {
        const r = await previewProgram(program, { mode: "update" });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aud-only", "object-aud-only"]);
        const provider = r.captured.resources.find(x => x.name === "github")!;
        assert.match(String(provider.outputs.arn), new RegExp(`^arn:aws:iam::\\d{12}:oidc-provider/${gh.replace(/\./g, "\\.")}$`));
    });
});
