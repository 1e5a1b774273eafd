import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "iam-no-wildcard-resource";

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (Action: string | string[], Resource: string | string[]) => ({ Effect: "Allow", Action, Resource });

/** The identity policies most tests share: one program, telling names. */
function program() {
    const assume = doc({ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" });
    const role = new aws.iam.Role("build-role", { assumeRolePolicy: assume });
    const bucket = new aws.s3.Bucket("artifacts", {});
    // Violations
    new aws.iam.Policy("get-object-on-star", { policy: doc(allow("s3:GetObject", "*")) });
    new aws.iam.UserPolicy("s3-get-pattern-on-star", { user: "ci", policy: doc(allow(["s3:Get*"], ["*"])) });
    new aws.iam.Policy("put-on-every-bucket", { policy: doc(allow("s3:PutObject", "arn:aws:s3:::*")) });
    new aws.iam.RolePolicy("start-every-project", { role: role.name, policy: doc(allow("codebuild:StartBuild", "arn:aws:codebuild:*:*:project/*")) });
    new aws.iam.Policy("admin-star", { policy: doc(allow("*", "*")) });
    new aws.iam.Policy("not-resource", { policy: doc({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" }) });
    // An object document with a single Statement object and string Action/Resource.
    new aws.iam.GroupPolicy("object-document", { group: "ops", policy: { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "ecr:PutImage", Resource: "*" } } as any });
    new aws.iam.Role("inline-star", {
        assumeRolePolicy: assume,
        inlinePolicies: [
            { name: "ok", policy: doc(allow("ecr:GetAuthorizationToken", "*")) },
            { name: "push", policy: doc(allow(["ecr:PutImage", "ecr:InitiateLayerUpload"], "*")) },
        ],
    });
    // A known "*" next to an entry that is unknown at preview is still "*".
    new aws.iam.Policy("star-beside-unknown", { policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: [bucket.arn, "*"] }] } as any });
    // Compliant
    new aws.iam.RolePolicy("wildcard-only-actions", {
        role: role.name,
        policy: doc(allow(["ecr:GetAuthorizationToken", "sts:GetCallerIdentity", "logs:DescribeLogGroups", "s3:ListAllMyBuckets"], "*")),
    });
    new aws.iam.Policy("scoped-objects", { policy: doc(allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::artifacts-bucket/*")) });
    new aws.iam.Policy("deny-star", { policy: doc({ Effect: "Deny", Action: "s3:*", Resource: "*" }) });
    new aws.iam.Policy("prefix-scoped", { policy: doc(allow("logs:PutLogEvents", "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/codebuild/app:*")) });
    // An object document whose Resource is another resource's ARN (unknown at preview): decided as scoped.
    new aws.iam.Policy("unknown-arn-entry", { policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: [pulumi.interpolate`${bucket.arn}/*`] }] } as any });
    // A JSON string interpolating an unknown ARN is unknown as a whole: undecidable at preview.
    new aws.iam.Policy("unknown-document", { policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [allow("s3:GetObject", pulumi.interpolate`${bucket.arn}/*` as any)] }) });
    // A Role inline policy that is unknown at preview: undecidable, named by its path.
    new aws.iam.Role("inline-unknown", { assumeRolePolicy: assume, inlinePolicies: [{ name: "s3", policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [allow("s3:*", bucket.arn as any)] }) }] });
    // Malformed JSON: AWS rejects it at deploy; this policy does not block on it (iam-action-resource-mismatch notes it).
    new aws.iam.Policy("malformed", { policy: "{ not json" });
}

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(program);
    });

    it("flags Allow statements granting resource-scoped actions on every resource, as mandatory", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), [
            "admin-star", "get-object-on-star", "inline-star", "not-resource", "object-document", "put-on-every-bucket",
            "s3-get-pattern-on-star", "star-beside-unknown", "start-every-project",
        ]);
    });

    it("names the resource, the document property, the statement and the actions", () => {
        const m = findings(result, policy, "get-object-on-star")[0].message;
        assert.match(m, /Policy 'get-object-on-star': policy statement 0 allows s3:GetObject on Resource "\*"/);
        assert.match(findings(result, policy, "inline-star")[0].message, /inlinePolicies\[1\]\.policy statement 0 allows ecr:PutImage, ecr:InitiateLayerUpload/);
        assert.match(findings(result, policy, "not-resource")[0].message, /NotResource/);
        assert.match(findings(result, policy, "admin-star")[0].message, /allows Action entry 0 \(every action of every service\) on Resource "\*"/);
        assert.match(findings(result, policy, "put-on-every-bucket")[0].message, /Resource entry 0 \(an ARN that matches every resource of its type\)/);
    });

    it("expands action wildcards with the authorization data", () => {
        const m = findings(result, policy, "s3-get-pattern-on-star")[0].message;
        assert.match(m, /s3:Get\w+/);
        assert.match(m, /and \d+ more/);
    });

    it("passes actions AWS authorizes only on \"*\", scoped ARNs, Deny statements and unknown ARNs", () => {
        for (const name of ["wildcard-only-actions", "scoped-objects", "deny-star", "prefix-scoped", "unknown-arn-entry", "build-role"]) {
            assert.deepStrictEqual(findings(result, policy, name), [], name);
        }
    });

    it("leaves a document that is unknown at preview undecided (advisory), never mandatory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["inline-unknown", "unknown-document"]);
        assert.deepStrictEqual(findings(result, policy, "unknown-document").map(d => d.enforcementLevel), ["advisory"]);
        assert.match(findings(result, policy, "inline-unknown")[0].message, /\.inlinePolicies\.0\.policy can't be known during preview/);
    });

    it("does not block on a malformed document", () => {
        assert.deepStrictEqual(findings(result, policy, "malformed"), []);
    });

    it("decides an interpolated document once its values are known (update)", async () => {
        const r = await previewProgram(() => {
            const bucket = new aws.s3.Bucket("artifacts", {});
            new aws.iam.Policy("known-after-create", { policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [allow("s3:GetObject", pulumi.interpolate`${bucket.arn}/*` as any), allow("s3:DeleteObject", "*")] }) });
        }, { mode: "update" });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["known-after-create"]);
        assert.match(findings(r, policy, "known-after-create")[0].message, /statement 1 allows s3:DeleteObject/);
    });

    it("carries its PCI DSS reference and severity", () => {
        const d = findings(result, policy, "get-object-on-star")[0];
        assert.strictEqual(d.severity, "high");
        assert.strictEqual(d.framework?.reference, "7.2.1, 7.2.2");
    });

    it("honours allowedWildcardActions (patterns) and exemptions from the pack config", async () => {
        const r = await previewProgram(() => {
            new aws.iam.Policy("get-object-on-star", { policy: doc(allow("s3:GetObject", "*")) });
            new aws.iam.Policy("get-and-put-on-star", { policy: doc(allow(["s3:GetObject", "s3:PutObject"], "*")) });
            new aws.iam.Policy("describe-on-star", { policy: doc(allow("ec2:Describe*", "*")) });
            new aws.iam.Policy("legacy", { policy: doc(allow("s3:*", "*")) });
        }, {
            policyPackConfigs: [{
                [policy]: {
                    allowedWildcardActions: ["s3:getobject", "ec2:Describe*"],
                    exemptions: [{ resource: "legacy", reason: "migrated in ticket OPS-12" }],
                },
            }],
        });
        assert.deepStrictEqual(flagged(r, policy), ["get-and-put-on-star"]);
        assert.match(findings(r, policy, "get-and-put-on-star")[0].message, /allows s3:PutObject on/);
        assert.doesNotMatch(findings(r, policy, "get-and-put-on-star")[0].message, /GetObject/);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "legacy"), ["exempted by configuration: migrated in ticket OPS-12"]);
    });
});
