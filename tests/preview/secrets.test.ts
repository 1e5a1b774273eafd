// Secrets are masked in everything printed, as the CLI masks them, and nothing else is.
import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { toJson, toText } from "../../preview/src";
import { SecretFilter } from "../../preview/src/report/secret-filter";
import { fixturesDir, previewProgram } from "../helpers/preview";

const echoPack = path.join(fixturesDir, "packs", "echo-pack");

describe("secrets in reports", function () {
    this.timeout(120_000);

    it("masks as the CLI's global secret filter does: 3+ characters, not true/false, also JSON-escaped", () => {
        const f = new SecretFilter(["ab", "true", "hunter2", 'p"w\\d', "hunter2-long"]);
        assert.strictEqual(f.apply("ab true hunter2 hunter2-long"), "ab true [secret] [secret]");
        assert.strictEqual(f.apply('{"password":"p\\"w\\\\d"}'), '{"password":"[secret]"}');
        assert.strictEqual(f.replaced, 3);
    });

    it("masks secret config and secret values wherever they are printed, and not the words around them", async () => {
        const r = await previewProgram(() => {
            const config = new pulumi.Config();
            const token = config.requireSecret("token");
            token.apply(t => pulumi.log.warn(`the token is ${t}`));
            // One secret inside an object: the SDK marks the whole object secret; its other members are not secrets.
            new aws.ssm.Parameter("probe-param", { type: "String", name: "plain-name", value: token, description: "String value" });
            new aws.sns.Topic("probe-topic", { displayName: pulumi.secret("Rollout") });
        }, { policyPacks: [echoPack], secrets: { token: "tok-1234567890" } });
        const printed = JSON.stringify(toJson(r)) + toText(r);
        assert.ok(!printed.includes("tok-1234567890"), "a secret config value is never printed");
        assert.ok(r.warnings.some(w => w === "the token is [secret]"), r.warnings.join("\n"));
        const param = r.diagnostics.find(d => d.policyName === "echo-inputs" && d.resourceName === "probe-param")!.message;
        assert.match(param, /"type":"String"/, "an enum word next to a secret stays");
        assert.match(param, /"name":"plain-name"/);
        const topic = r.diagnostics.find(d => d.policyName === "echo-inputs" && d.resourceName === "probe-topic")!.message;
        assert.ok(!topic.includes("Rollout"), "a value the program made secret is masked");
    });

    it("masks a secret that a failing program prints in its error", async () => {
        const r = await previewProgram(() => {
            new pulumi.Config().requireSecretNumber("port");
        }, { policyPacks: [echoPack], secrets: { port: "not-a-number-sekrit" }, allowFailure: true });
        assert.strictEqual(r.failure?.kind, "program");
        assert.ok(!JSON.stringify(r.failure).includes("not-a-number-sekrit"), JSON.stringify(r.failure));
    });

    it("masks a secret config value used in a resource's name in the tree, the findings and the URNs, and 3-character secrets", async () => {
        const r = await previewProgram(() => {
            const env = new pulumi.Config().require("env");
            new aws.s3.Bucket(`logs-${env}`, {});
        }, { policyPacks: [echoPack], secrets: { env: "p9x" } });
        const printed = JSON.stringify(toJson(r)) + toText(r);
        assert.ok(r.diagnostics.some(d => d.resourceName === "logs-[secret]"), r.diagnostics.map(d => d.resourceName).join(", "));
        assert.ok(!printed.includes("p9x"), "the secret is not printed anywhere");
        assert.match(toText(r), /aws:s3\/bucket:Bucket\s+logs-\[secret\]/, "the resource tree shows the masked name");
    });
});
