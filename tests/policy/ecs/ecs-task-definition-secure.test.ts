import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "ecs-task-definition-secure";
const logging = { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app" } };

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            const td = (name: string, containers: unknown) => new aws.ecs.TaskDefinition(name, {
                family: name, containerDefinitions: typeof containers === "string" ? containers : JSON.stringify(containers),
            });
            td("secure", [{ name: "app", image: "nginx", logConfiguration: logging }, { name: "sidecar", image: "envoy", logConfiguration: { logDriver: "awsfirelens" } }]);
            td("no-logs", [{ name: "app", image: "nginx", logConfiguration: logging }, { name: "sidecar", image: "envoy" }]);
            td("privileged", [{ name: "builder", image: "docker:dind", privileged: true, logConfiguration: logging }]);
            td("not-json", "[{ name: app }");
            td("exempt", [{ name: "app", image: "nginx", privileged: true }]);
            const repo = new aws.ecr.Repository("repo", { imageTagMutability: "IMMUTABLE" });
            new aws.ecs.TaskDefinition("defs-unknown", {
                family: "defs-unknown",
                containerDefinitions: pulumi.jsonStringify([{ name: "app", image: repo.repositoryUrl, logConfiguration: logging }]),
            });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "exempt", reason: "CI docker-in-docker runner" }] } }] });
    });

    it("flags a container without logConfiguration and a privileged container as mandatory, naming the container and property", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["no-logs", "not-json", "privileged"]);
        assert.match(findings(result, policy, "no-logs")[0].message, /container 'sidecar'.*containerDefinitions\[1\]\.logConfiguration/);
        assert.match(findings(result, policy, "privileged")[0].message, /container 'builder' runs privileged.*containerDefinitions\[0\]\.privileged/);
        assert.match(findings(result, policy, "not-json")[0].message, /not valid JSON/);
    });

    it("passes logged, unprivileged containers", () => {
        assert.deepStrictEqual(findings(result, policy, "secure"), []);
    });

    it("leaves containerDefinitions that are unknown at preview undecided", () => {
        assert.deepStrictEqual(undecided(result, policy), ["defs-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "defs-unknown").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("honours exemptions with the reason", () => {
        assert.match(notApplicableReasons(result, policy, "exempt").join(), /docker-in-docker/);
        assert.deepStrictEqual(findings(result, policy, "exempt"), []);
    });
});
