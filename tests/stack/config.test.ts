// Config validation: every key's error names the key and the allowed values, and the program stops
// before any resource is created.
import * as assert from "assert";
import { ConfigError, loadConfig } from "../../stack/config";
import { previewStack } from "./helpers";

const base: Record<string, string> = { "aws:region": "eu-west-1", environment: "dev" };
const load = (over: Record<string, string | undefined>) => loadConfig(k => ({ ...base, ...over } as Record<string, string | undefined>)[k]);

function rejects(over: Record<string, string | undefined>, key: string, allowed: RegExp): void {
    assert.throws(() => load(over), (e: unknown) => {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
        assert.ok(e.message.startsWith(`Invalid stack config '${key}':`), e.message);
        assert.match(e.message, allowed);
        return true;
    });
}

describe("stack config", () => {
    it("defaults need nothing but environment and region: s3 source, no approval outside prod", () => {
        const c = load({});
        assert.deepStrictEqual(
            { env: c.environment, prefix: c.resourcePrefix, source: c.sourceProvider, branch: c.branch, approval: c.approvalRequired, cidr: c.vpcCidr },
            { env: "dev", prefix: "payments-dev", source: "s3", branch: "main", approval: false, cidr: "10.20.0.0/16" });
    });

    it("prod requires approval by default, and approvalRequired overrides it either way", () => {
        assert.strictEqual(load({ environment: "prod" }).approvalRequired, true);
        assert.strictEqual(load({ environment: "prod", approvalRequired: "false" }).approvalRequired, false);
        assert.strictEqual(load({ environment: "staging", approvalRequired: "true" }).approvalRequired, true);
    });

    it("environment: required, one of dev | staging | prod", () => {
        rejects({ environment: undefined }, "environment", /missing \(required\)\. Allowed: dev \| staging \| prod\./);
        rejects({ environment: "production" }, "environment", /'production' is not one of the allowed values\. Allowed: dev \| staging \| prod\./);
    });

    it("aws:region: required and shaped like a region", () => {
        rejects({ "aws:region": undefined }, "aws:region", /missing \(required\).*AWS region name/);
        rejects({ "aws:region": "Ireland" }, "aws:region", /'Ireland' is malformed.*AWS region name/);
    });

    it("namePrefix: 3-16 lower-case letters, digits and '-'", () => {
        rejects({ namePrefix: "Payments" }, "namePrefix", /3 to 16 characters: lower-case letters, digits and '-'/);
        rejects({ namePrefix: "a-very-long-prefix-name" }, "namePrefix", /3 to 16 characters/);
        assert.strictEqual(load({ namePrefix: "pay-ops" }).resourcePrefix, "pay-ops-dev");
    });

    it("sourceProvider: codestar | s3", () => {
        rejects({ sourceProvider: "github" }, "sourceProvider", /'github' is not one of the allowed values\. Allowed: codestar \| s3\./);
    });

    it("repository: owner/name, required for codestar", () => {
        rejects({ sourceProvider: "codestar" }, "repository", /missing \(required when sourceProvider is codestar\).*'owner\/name'/);
        rejects({ sourceProvider: "codestar", repository: "payments-service" }, "repository", /'payments-service' is malformed.*'owner\/name'/);
    });

    it("branch: a git branch name", () => {
        rejects({ branch: "feature//x" }, "branch", /malformed.*git branch name/);
        rejects({ branch: "bad branch" }, "branch", /malformed.*git branch name/);
        assert.strictEqual(load({ branch: "release/2025.1" }).branch, "release/2025.1");
    });

    it("connectionArn: a connection ARN, and only with codestar", () => {
        const arn = "arn:aws:codestar-connections:eu-west-1:123456789012:connection/0b3a3c6e-5c59-4bb6-9f0a-1d2c3e4f5a6b";
        rejects({ sourceProvider: "codestar", repository: "o/r", connectionArn: "arn:aws:iam::123456789012:role/x" }, "connectionArn", /malformed.*ARN of an existing connection/);
        rejects({ connectionArn: arn }, "connectionArn", /only used when sourceProvider is codestar/);
        assert.strictEqual(load({ sourceProvider: "codestar", repository: "o/r", connectionArn: arn }).connectionArn, arn);
    });

    it("approvalRequired: true | false", () => {
        rejects({ approvalRequired: "yes" }, "approvalRequired", /'yes' is not a boolean\. Allowed: true \| false\./);
    });

    it("notificationEmail: an e-mail address", () => {
        rejects({ notificationEmail: "oncall" }, "notificationEmail", /'oncall' is malformed.*e-mail address/);
    });

    it("vpcCidr: an IPv4 network from /16 to /24 without host bits", () => {
        rejects({ vpcCidr: "10.0.0.0/8" }, "vpcCidr", /prefix from \/16 to \/24/);
        rejects({ vpcCidr: "10.0.0.300/16" }, "vpcCidr", /malformed/);
        rejects({ vpcCidr: "10.0.1.0/16" }, "vpcCidr", /host bits set/);
    });

    describe("through the offline preview", () => {
        it("a missing environment stops the program with the one message, before any resource", async () => {
            const r = await previewStack({ config: { environment: "" } });
            assert.strictEqual(r.failure?.kind, "program");
            assert.deepStrictEqual(r.failure!.details, ["Invalid stack config 'environment': missing (required). Allowed: dev | staging | prod. Set it with 'pulumi config set environment <value>'."]);
            assert.deepStrictEqual(r.resources.map(x => x.type), ["pulumi:pulumi:Stack"], "nothing but the stack was registered");
        });

        it("a malformed value stops it too (sourceProvider)", async () => {
            const r = await previewStack({ config: { sourceProvider: "github" } });
            assert.strictEqual(r.failure?.kind, "program");
            assert.deepStrictEqual(r.failure!.details, ["Invalid stack config 'sourceProvider': 'github' is not one of the allowed values. Allowed: codestar | s3. Set it with 'pulumi config set sourceProvider <value>'."]);
            assert.deepStrictEqual(r.resources.map(x => x.type), ["pulumi:pulumi:Stack"]);
        });
    });
});
