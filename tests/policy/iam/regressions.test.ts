// Real-world failures from issue 3 that the IAM policies own: one program each, asserting exactly which
// policies of the whole pack fire (and so which must not).
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, previewProgram } from "../../helpers/preview";

const tags = { Environment: "dev", Owner: "platform-team", DataClassification: "internal" };
const trust = (service: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const repo = "arn:aws:ecr:eu-west-1:123456789012:repository/app";

/** policy name -> level, for every decided (not "can't run during preview") finding about a resource. */
function firing(result: PreviewResult, resourceName: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of result.diagnostics) {
        if (d.resourceName === resourceName && !d.undecidable) out[d.policyName] = d.enforcementLevel;
    }
    return out;
}

describe("IAM regressions", () => {
    describe("a role with AWSCodePipelineFullAccess attached", () => {
        let result: PreviewResult;
        before(async () => {
            result = await previewProgram(() => {
                const role = new aws.iam.Role("pipeline-role", { assumeRolePolicy: trust("codepipeline.amazonaws.com"), tags });
                new aws.iam.RolePolicyAttachment("pipeline-full-access", { role: role.name, policyArn: "arn:aws:iam::aws:policy/AWSCodePipelineFullAccess" });
            });
        });

        it("fires iam-no-deprecated-managed-policies on the attachment, and nothing else", () => {
            assert.deepStrictEqual(firing(result, "pipeline-full-access"), { "iam-no-deprecated-managed-policies": "mandatory" });
            assert.match(findings(result, "iam-no-deprecated-managed-policies", "pipeline-full-access")[0].message, /AWSCodePipeline_FullAccess/);
            assert.deepStrictEqual(firing(result, "pipeline-role"), {});
        });
    });

    describe("wildcard ARNs in a pipeline role's policy", () => {
        let result: PreviewResult;
        before(async () => {
            result = await previewProgram(() => {
                const role = new aws.iam.Role("pipeline-role", { assumeRolePolicy: trust("codepipeline.amazonaws.com"), tags });
                new aws.iam.RolePolicy("pipeline-permissions", {
                    role: role.name,
                    policy: doc(
                        { Sid: "Artifacts", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:GetBucketVersioning"], Resource: ["arn:aws:s3:::*", "arn:aws:s3:::*/*"] },
                        { Sid: "Builds", Effect: "Allow", Action: ["codebuild:StartBuild", "codebuild:BatchGetBuilds"], Resource: "arn:aws:codebuild:*:*:project/*" },
                        { Sid: "Connection", Effect: "Allow", Action: "codestar-connections:UseConnection", Resource: "arn:aws:codestar-connections:eu-west-1:123456789012:connection/abc" },
                    ),
                });
            });
        });

        it("fires iam-no-wildcard-resource on the policy (not wildcard-action, not mismatch), and nothing else", () => {
            assert.deepStrictEqual(firing(result, "pipeline-permissions"), { "iam-no-wildcard-resource": "mandatory" });
            const messages = findings(result, "iam-no-wildcard-resource", "pipeline-permissions").map(d => d.message);
            assert.strictEqual(messages.length, 2);
            assert.match(messages[0], /statement 0 \(Sid 'Artifacts'\) allows s3:GetObject, s3:PutObject, s3:GetBucketVersioning/);
            assert.match(messages[1], /statement 1 \(Sid 'Builds'\) allows codebuild:StartBuild, codebuild:BatchGetBuilds/);
            assert.deepStrictEqual(firing(result, "pipeline-role"), {});
        });
    });

    describe("a role that needs ecr:GetAuthorizationToken on \"*\" beside scoped ECR push rights", () => {
        let result: PreviewResult;
        before(async () => {
            result = await previewProgram(() => {
                const role = new aws.iam.Role("build-role", { assumeRolePolicy: trust("codebuild.amazonaws.com"), tags });
                new aws.iam.RolePolicy("ecr-push", {
                    role: role.name,
                    policy: doc(
                        { Sid: "Login", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
                        { Sid: "Push", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"], Resource: repo },
                    ),
                });
                // The failure as it was first written: the token scoped to the repository, which grants nothing.
                new aws.iam.RolePolicy("ecr-push-broken", {
                    role: role.name,
                    policy: doc({ Sid: "All", Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "ecr:PutImage", "ecr:InitiateLayerUpload"], Resource: repo }),
                });
            });
        });

        it("passes the token on \"*\" with scoped push rights: no policy fires", () => {
            assert.deepStrictEqual(firing(result, "ecr-push"), {});
            assert.deepStrictEqual(firing(result, "build-role"), {});
        });

        it("notes the token scoped to the repository (advisory iam-action-resource-mismatch), and nothing else", () => {
            assert.deepStrictEqual(firing(result, "ecr-push-broken"), { "iam-action-resource-mismatch": "advisory" });
            assert.match(findings(result, "iam-action-resource-mismatch", "ecr-push-broken")[0].message, /ecr:GetAuthorizationToken is authorized only on Resource "\*"/);
        });
    });
});
