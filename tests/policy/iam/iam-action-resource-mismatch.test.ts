import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "iam-action-resource-mismatch";

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (Action: string | string[], Resource: string | string[]) => ({ Effect: "Allow", Action, Resource });
const repo = "arn:aws:ecr:eu-west-1:123456789012:repository/app";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const assume = doc({ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" });
            const bucket = new aws.s3.Bucket("artifacts", {});
            // Grants that do nothing
            new aws.iam.Policy("token-on-repository", { policy: doc(allow("ecr:GetAuthorizationToken", repo)) });
            new aws.iam.Policy("object-action-on-bucket", { policy: doc(allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::artifacts")) });
            new aws.iam.Policy("misspelled-action", { policy: doc(allow("s3:GetObjekt", "arn:aws:s3:::artifacts/*")) });
            new aws.iam.Policy("unknown-service", { policy: doc(allow("codepipelines:StartPipelineExecution", "*")) });
            new aws.iam.Policy("pattern-matching-nothing-here", { policy: doc(allow("s3:GetObject*", "arn:aws:codebuild:eu-west-1:123456789012:project/app")) });
            new aws.iam.Role("inline-mismatch", { assumeRolePolicy: assume, inlinePolicies: [{ name: "logs", policy: doc(allow("logs:DescribeLogGroups", "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/codebuild/app")) }] });
            new aws.iam.Policy("malformed", { policy: "{ \"Version\": \"2012-10-17\", " });
            // Grants that work
            new aws.iam.Policy("token-on-star", { policy: doc(allow("ecr:GetAuthorizationToken", "*")) });
            new aws.iam.Policy("object-action-on-objects", { policy: doc(allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::artifacts", "arn:aws:s3:::artifacts/*"])) });
            new aws.iam.Policy("pattern-partly-applies", { policy: doc(allow("s3:Get*", "arn:aws:s3:::artifacts")) });
            new aws.iam.Policy("push-to-repository", { policy: doc(allow(["ecr:PutImage", "ecr:BatchCheckLayerAvailability"], repo)) });
            new aws.iam.Policy("variable-in-arn", { policy: doc(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")) });
            new aws.iam.Policy("deny-mismatch", { policy: doc({ Effect: "Deny", Action: "ecr:GetAuthorizationToken", Resource: repo }) });
            new aws.iam.Policy("object-document", { policy: { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::artifacts" } } as any });
            // Unknown at preview
            new aws.iam.Policy("unknown-document", { policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [allow("s3:GetObject", bucket.arn as any)] }) });
            new aws.iam.Policy("unknown-resource-entry", { policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: [bucket.arn] }] } as any });
            new aws.iam.Policy("unknown-beside-match", { policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: [bucket.arn, "arn:aws:s3:::artifacts/*"] }] } as any });
        });
    });

    it("flags grants on resources the action cannot apply to, as advisory", () => {
        assert.deepStrictEqual(flagged(result, policy, "advisory"), [
            "inline-mismatch", "malformed", "misspelled-action", "object-action-on-bucket", "pattern-matching-nothing-here",
            "token-on-repository", "unknown-service",
        ]);
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), []);
    });

    it("explains what the action applies to, from the authorization data, without echoing the statement's ARNs", () => {
        const token = findings(result, policy, "token-on-repository")[0].message;
        assert.match(token, /ecr:GetAuthorizationToken is authorized only on Resource "\*"/);
        assert.doesNotMatch(token, /123456789012/);
        const obj = findings(result, policy, "object-action-on-bucket")[0].message;
        assert.match(obj, /Action entry 0 .*s3:GetObject applies only to .*arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}/);
        assert.match(findings(result, policy, "misspelled-action")[0].message, /matches no s3 action/);
        assert.match(findings(result, policy, "unknown-service")[0].message, /service prefix that AWS's service authorization data does not know/);
        assert.match(findings(result, policy, "inline-mismatch")[0].message, /inlinePolicies\[0\]\.policy statement 0/);
    });

    it("notes a malformed document (AWS rejects it at deploy) without blocking", () => {
        const d = findings(result, policy, "malformed")[0];
        assert.strictEqual(d.enforcementLevel, "advisory");
        assert.match(d.message, /policy is not valid JSON; AWS rejects it \(MalformedPolicyDocument\)/);
    });

    it("passes grants that can apply (any listed resource, any action of a pattern, policy variables)", () => {
        for (const name of ["token-on-star", "object-action-on-objects", "pattern-partly-applies", "push-to-repository", "variable-in-arn", "deny-mismatch", "object-document", "unknown-beside-match"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("leaves grants that depend on values unknown at preview undecided", () => {
        assert.deepStrictEqual(undecided(result, policy), ["unknown-document", "unknown-resource-entry"]);
        assert.match(findings(result, policy, "unknown-resource-entry")[0].message, /\.policy\.Statement\.0\.Resource\.0 can't be known during preview/);
    });

    it("is advisory by default but can be made mandatory, and honours exemptions", async () => {
        const r = await previewProgram(() => {
            new aws.iam.Policy("token-on-repository", { policy: doc(allow("ecr:GetAuthorizationToken", repo)) });
            new aws.iam.Policy("known-issue", { policy: doc(allow("ecr:GetAuthorizationToken", repo)) });
        }, { policyPackConfigs: [{ [policy]: { enforcementLevel: "mandatory", exemptions: [{ resource: "known-*", reason: "tracked in OPS-7" }] } }] });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["token-on-repository"]);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "known-issue"), ["exempted by configuration: tracked in OPS-7"]);
        const d = findings(r, policy, "token-on-repository")[0];
        assert.strictEqual(d.severity, "medium");
        assert.strictEqual(d.framework?.reference, "7.2.2");
    });
});
