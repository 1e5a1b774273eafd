// Evasion: container definition keys spelt with other capitals (`"Privileged": true`, `"LogConfiguration"`,
// `"LinuxParameters"`), which the provider's Go JSON decoder (encoding/json) accepts as the same fields.
// Correct verdict: `"Privileged": true` is a mandatory finding; a container whose only log configuration is
// spelt `"LogConfiguration"`/`"LogDriver"` does send its logs (no finding), in both modes.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "ecs-task-definition-secure";
const logging = { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app" } };

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: keys in other capitals (${mode})`, () => {
        it("reads keys case-insensitively, as the provider does", async () => {
            const r = await previewProgram(() => {
                const td = (name: string, containers: unknown) => new aws.ecs.TaskDefinition(name, { family: name, containerDefinitions: JSON.stringify(containers) });
                td("capital-privileged", [{ name: "app", image: "nginx", Privileged: true, logConfiguration: logging }]);
                td("upper-privileged", [{ Name: "app", Image: "nginx", PRIVILEGED: true, LogConfiguration: { LogDriver: "awslogs" } }]);
                td("capital-logging", [{ Name: "app", Image: "nginx", LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": "/ecs/app" } } }]);
                td("capital-caps", [{ name: "app", image: "nginx", logConfiguration: logging, LinuxParameters: { Capabilities: { Add: ["SYS_ADMIN"] } } }]);
            }, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["capital-caps", "capital-privileged", "upper-privileged"]);
            assert.match(findings(r, policy, "upper-privileged")[0].message, /container 'app' runs privileged: remove containerDefinitions\[0\]\.privileged/);
            assert.deepStrictEqual(findings(r, policy, "capital-logging"), []);
        });
    });
}
