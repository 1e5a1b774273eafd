// Minimal reproductions of what the property-based tests found, kept as fixed cases so they fail (and
// then guard) deterministically, whatever seed a fuzz run uses. Each drives the compiled pack over the
// engine protocol with one resource.
import * as assert from "assert";
import { makeSecret } from "../../preview/src/wire";
import { FuzzPack } from "./support/pack";
import { assertNoMarkerIn } from "./support/invariants";

describe("robustness: fixed cases found by fuzzing", function () {
    this.timeout(120_000);
    let pack: FuzzPack;
    before(async () => { pack = await FuzzPack.start(); await pack.setLevel(undefined); });
    after(async () => { await pack?.stop(); });

    const secret = "S3CR3Tfeedc0ffee00";
    const cases: [string, string, Record<string, unknown>][] = [
        // kms-key-rotation-enabled quoted keySpec / customerMasterKeySpec / keyUsage in its not-applicable reason.
        ["a KMS key whose customerMasterKeySpec is a secret", "aws:kms/key:Key", { customerMasterKeySpec: makeSecret(`RSA_${secret}`) }],
        ["a KMS key whose keySpec is a secret", "aws:kms/key:Key", { keySpec: makeSecret(`HMAC_${secret}`) }],
        ["a KMS key whose keyUsage is a secret", "aws:kms/key:Key", { keyUsage: makeSecret(secret) }],
        // ec2-security-group-no-public-ingress quoted a SecurityGroupRule's type in its not-applicable reason.
        ["a security group rule whose type is a secret", "aws:ec2/securityGroupRule:SecurityGroupRule", { type: makeSecret(secret), securityGroupId: "sg-1", fromPort: 22, toPort: 22, protocol: "tcp" }],
        // ecr-repository-immutable-tags quoted imageTagMutability in its message (npm run fuzz, seed 1183790320).
        ["an ECR repository whose imageTagMutability is a secret", "aws:ecr/repository:Repository", { imageTagMutability: makeSecret(secret) }],
        // ecr-repository-kms-encryption quoted encryptionType the same way (found by reading the pack after that fix).
        ["an ECR repository whose encryptionType is a secret", "aws:ecr/repository:Repository", { encryptionConfigurations: [{ encryptionType: makeSecret(secret) }] }],
    ];
    for (const [what, type, props] of cases) {
        it(`keeps the secret out of messages and reasons: ${what}`, async () => {
            const o = await pack.analyze(pack.resource(type, props as any));
            assertNoMarkerIn(o, [secret], type);
        });
    }

    it("judges a known bad statement the same whether or not another statement of the document is unknown (MalformedPolicyDocument aside)", async () => {
        // Found by the unknown-value property: a document whose other statement is invalid (Effect "Maybe") is
        // malformed as a whole (AWS rejects it, iam-action-resource-mismatch says so) and the wildcard policies
        // stay silent; with that statement unknown, they flag the known wildcard grant. Both are right.
        const grant = { Effect: "Allow", Action: "codepipeline:*", Resource: "*" };
        const withUnknown = { role: "r", policy: JSON.stringify({ Version: "2012-10-17", Statement: [grant] }).replace("[", `["04da6b54-80e4-46f7-96ec-b56ff0331ba9",`) };
        const malformed = { role: "r", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Maybe", Action: "s3:GetObject", Resource: "*" }, grant] }) };
        const names = async (props: object) => (await pack.analyze(pack.resource("aws:iam/rolePolicy:RolePolicy", props as any))).diagnostics
            .filter(d => !/^can't run/.test(d.message)).map(d => `${d.policyName}:${d.enforcementLevel}`).sort();
        assert.deepStrictEqual(await names(malformed), ["iam-action-resource-mismatch:advisory"]);
        assert.ok((await names(withUnknown)).includes("iam-no-wildcard-action:mandatory"));
    });
});
