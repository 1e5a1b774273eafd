// Evasion: `awslogs-create-group: "true"` makes the ECS agent create the container's log group at run time,
// outside the stack: it never expires, has no customer-managed key, and no log group policy of the pack sees
// it. Correct verdict: a mandatory finding naming the option, in both modes; awslogs into a group without the
// option (the stack's aws.cloudwatch.LogGroup) is compliant, and so is `"false"`.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "ecs-task-definition-secure";
const options = { "awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app" };

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: log groups the agent creates (${mode})`, () => {
        it("flags awslogs-create-group", async () => {
            const r = await previewProgram(() => {
                const td = (name: string, opts: Record<string, string>) => new aws.ecs.TaskDefinition(name, {
                    family: name, containerDefinitions: JSON.stringify([{ name: "app", image: "nginx", logConfiguration: { logDriver: "awslogs", options: opts } }]),
                });
                td("create-group", { ...options, "awslogs-create-group": "true" });
                td("create-group-caps", { ...options, "awslogs-create-group": "True" });
                td("no-create", options);
                td("create-false", { ...options, "awslogs-create-group": "false" });
            }, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["create-group", "create-group-caps"]);
            assert.match(findings(r, policy, "create-group")[0].message, /never expires.*remove containerDefinitions\[0\]\.logConfiguration\.options\.awslogs-create-group/);
        });
    });
}
