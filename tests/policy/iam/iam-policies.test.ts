// The six IAM policies together, in process: their statement functions on odd shapes, and a very large
// document (how long it takes is measured by `npm run bench`, not asserted here).
import * as assert from "assert";
import { iamPolicies } from "../../../policy/policies/iam";
import { mismatchedGrants } from "../../../policy/policies/iam/iam-action-resource-mismatch";
import { wildcardActionGrants } from "../../../policy/policies/iam/iam-no-wildcard-action";
import { wildcardResourceGrants } from "../../../policy/policies/iam/iam-no-wildcard-resource";
import { openTrust } from "../../../policy/policies/iam/iam-role-trust-scoped";
import { attachmentResourceTypes } from "../../../policy/lib/iam-attachments";
import { identityPolicyResourceTypes } from "../../../policy/lib/iam-documents";
import { parsePolicyDocument } from "../../../policy/lib/policy-documents";
import { analyze } from "../fixtures/sdk";

const policyType = "aws:iam/policy:Policy";
/** The message of the wrapper's crash guard (a policy threw on the input). */
const crashGuard = /could not evaluate this resource's properties/;

describe("the IAM policies together", () => {
    it("judge every Principal form of a trust policy", () => {
        const doc = parsePolicyDocument({
            Statement: [
                { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::1:root"], Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" },
                { Effect: "Allow", Principal: { CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }, Action: "sts:AssumeRole" },
            ],
        }, ["assumeRolePolicy"]);
        assert.strictEqual(doc.kind, "document");
        if (doc.kind !== "document") return;
        assert.deepStrictEqual(doc.statements.map(s => openTrust(s).reason !== undefined), [true, true, false, false, false]);
    });

    it("never throw on odd shapes, in their statement functions or through the wrapper (no crash guard)", () => {
        const odd: unknown[] = [null, 0, 1.5, true, "", "*", [], {}, [[]], { Statement: null }, { Statement: 5 }, { Statement: [null, 3] },
            { Statement: { Effect: "Allow", Action: 5, Resource: { a: 1 } } }, { Statement: { Effect: "Allow", Action: [null, 7, "s3:*"], Resource: [null] } },
            { Statement: { Effect: "Allow", Principal: 5, Action: "sts:AssumeRole", Condition: "x" } }, { Statement: { Effect: "Allow", Principal: { AWS: { x: 1 } }, Action: [] } },
            { Statement: { Effect: "Allow", Action: "::", Resource: "arn:" } }, { Statement: { Effect: "Allow", Action: ":x", Resource: "arn:aws:s3" } },
            { Statement: { Effect: "Allow", Action: "../../etc:passwd", Resource: "arn:aws:s3:::${" } }, JSON.stringify({ Statement: "x" })];
        for (const doc of odd) {
            const parsed = parsePolicyDocument(doc, ["policy"]);
            if (parsed.kind !== "document") continue;
            for (const s of parsed.statements) {
                wildcardResourceGrants(s, []);
                wildcardActionGrants(s);
                mismatchedGrants(s);
                openTrust(s);
            }
        }
        const crashed: string[] = [];
        for (const p of iamPolicies) {
            for (const type of [...identityPolicyResourceTypes, ...attachmentResourceTypes]) {
                for (const doc of odd) {
                    const props = { policy: doc, assumeRolePolicy: doc, inlinePolicies: [doc, { policy: doc }], policyArn: doc, policyArns: doc, managedPolicyArns: doc };
                    const o = analyze(p, type, props);
                    crashed.push(...o.findings.filter(f => crashGuard.test(f)).map(() => `${p.name} on ${type} ${JSON.stringify(doc)}`));
                }
            }
        }
        assert.deepStrictEqual(crashed, []);
    });

    it("judge a 1,000-statement document as they judge its statements one by one, with real findings and no crash guard", () => {
        const actions = ["s3:GetObject", "s3:Get*", "ecr:GetAuthorizationToken", "ecr:PutImage", "codebuild:StartBuild", "logs:PutLogEvents", "iam:PassRole",
            "kms:Decrypt", "codepipeline:*", "sts:GetCallerIdentity", "secretsmanager:GetSecretValue", "ssm:GetParameter*"];
        const resources = ["*", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*", "arn:aws:ecr:eu-west-1:123456789012:repository/app",
            "arn:aws:codebuild:*:*:project/*", "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/codebuild/app:*"];
        const statements = Array.from({ length: 1000 }, (_, i) => ({
            Sid: `S${i}`, Effect: "Allow", Action: [actions[i % actions.length], actions[(i * 7) % actions.length]], Resource: [resources[i % resources.length], resources[(i * 5) % resources.length]],
        }));
        const document = (list: object[]) => ({ policy: JSON.stringify({ Version: "2012-10-17", Statement: list }) });
        const counts: Record<string, [number, number]> = {};
        for (const p of iamPolicies) {
            if (!p.metadata.resourceTypes.includes(policyType)) continue;
            const whole = analyze(p, policyType, document(statements));
            assert.deepStrictEqual(whole.findings.filter(f => crashGuard.test(f)), [], p.name);
            assert.strictEqual(whole.advisory, undefined, p.name);
            const oneByOne = statements.reduce((n, s) => n + analyze(p, policyType, document([s])).findings.length, 0);
            counts[p.name] = [whole.findings.length, oneByOne];
        }
        for (const [name, [whole, oneByOne]] of Object.entries(counts)) {
            assert.strictEqual(whole, oneByOne, name);
        }
        // The statements grant wildcard actions, resource-level actions on "*" and grants that do nothing: each policy finds some.
        assert.deepStrictEqual(Object.keys(counts).sort(), ["iam-action-resource-mismatch", "iam-no-wildcard-action", "iam-no-wildcard-resource"]);
        for (const [name, [whole]] of Object.entries(counts)) assert.ok(whole >= 50, `${name}: ${whole} findings`);
    });
});
