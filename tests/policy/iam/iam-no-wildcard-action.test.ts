import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "iam-no-wildcard-action";

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (Action: string | string[], Resource: string | string[] = "arn:aws:s3:::artifacts/*") => ({ Effect: "Allow", Action, Resource });

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const assume = doc({ Effect: "Allow", Principal: { Service: "codepipeline.amazonaws.com" }, Action: "sts:AssumeRole" });
            const role = new aws.iam.Role("pipeline-role", { assumeRolePolicy: assume });
            const bucket = new aws.s3.Bucket("artifacts", {});
            // Violations
            new aws.iam.Policy("admin-star", { policy: doc(allow("*", "*")) });
            new aws.iam.RolePolicy("service-star", { role: role.name, policy: doc(allow(["s3:GetObject", "s3:*"])) });
            new aws.iam.UserPolicy("not-action", { user: "ci", policy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) });
            new aws.iam.GroupPolicy("service-prefix-wildcard", { group: "ops", policy: doc(allow("*:Get*")) });
            new aws.iam.Role("inline-service-star", { assumeRolePolicy: assume, inlinePolicies: [{ name: "cb", policy: doc(allow("codebuild:*", "arn:aws:codebuild:eu-west-1:123456789012:project/app")) }] });
            new aws.iam.Policy("object-document", { policy: { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "ecr:*", Resource: "*" } } as any });
            // Compliant
            new aws.iam.Policy("named-actions", { policy: doc(allow(["s3:GetObject", "s3:PutObject"])) });
            new aws.iam.Policy("pattern-in-service", { policy: doc(allow("s3:Get*")) });
            new aws.iam.Policy("deny-star", { policy: doc({ Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }) });
            new aws.iam.Policy("deny-not-action", { policy: doc({ Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" }) });
            // Unknown at preview
            new aws.iam.Policy("unknown-document", { policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [allow("s3:*", bucket.arn as any)] }) });
            new aws.iam.Policy("unknown-resource-only", { policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: bucket.arn }] } as any });
        });
    });

    it("flags Allow with \"*\", \"service:*\", a service-prefix wildcard or NotAction, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"),
            ["admin-star", "inline-service-star", "not-action", "object-document", "service-prefix-wildcard", "service-star"]);
    });

    it("names the resource, the property, the statement and the kind of wildcard", () => {
        assert.match(findings(result, policy, "admin-star")[0].message, /Policy 'admin-star': policy statement 0 allows Action "\*" \(every action of every service\)/);
        assert.match(findings(result, policy, "service-star")[0].message, /Action "s3:\*" \(every action of s3\)/);
        assert.match(findings(result, policy, "not-action")[0].message, /NotAction/);
        assert.match(findings(result, policy, "inline-service-star")[0].message, /inlinePolicies\[0\]\.policy statement 0 allows Action "codebuild:\*"/);
    });

    it("passes named actions, patterns inside one service and Deny statements", () => {
        for (const name of ["named-actions", "pattern-in-service", "deny-star", "deny-not-action", "pipeline-role", "unknown-resource-only"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("leaves a document unknown at preview undecided (advisory), never mandatory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["unknown-document"]);
        assert.deepStrictEqual(findings(result, policy, "unknown-document").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("carries its PCI DSS reference and severity, and honours exemptions", async () => {
        const d = findings(result, policy, "admin-star")[0];
        assert.strictEqual(d.severity, "high");
        assert.strictEqual(d.framework?.reference, "7.2.1, 7.2.2");
        const r = await previewProgram(() => {
            new aws.iam.Policy("break-glass", { policy: doc(allow("*", "*")) });
            new aws.iam.Policy("other", { policy: doc(allow("*", "*")) });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "break-*", reason: "break-glass role, approved by CISO" }] } }] });
        assert.deepStrictEqual(flagged(r, policy), ["other"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "break-glass"), ["exempted by configuration: break-glass role, approved by CISO"]);
    });
});
