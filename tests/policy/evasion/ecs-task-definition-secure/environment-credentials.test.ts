// Evasion: a credential in a container's plain `environment` (no-plaintext-credentials covers CodeBuild and
// CodePipeline, not ECS containers). Correct verdict: a value in a credential format (an AWS access key id, a
// GitHub token) or a variable named like a credential (DB_PASSWORD) with a literal value is a mandatory
// finding, in both modes, naming the variable's place and never its value; a reference (a Secrets Manager
// ARN), an ordinary variable and the `secrets` list are compliant.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "ecs-task-definition-secure";
const logging = { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app" } };
const accessKey = "AKIA" + "ABCDEFGHIJKLMNOP";
const githubToken = "ghp_" + "a".repeat(36);

function program() {
    const td = (name: string, environment: { name: string; value: string }[], extra: object = {}) => new aws.ecs.TaskDefinition(name, {
        family: name, containerDefinitions: JSON.stringify([{ name: "app", image: "nginx", logConfiguration: logging, environment, ...extra }]),
    });
    td("access-key", [{ name: "REGION", value: "eu-west-1" }, { name: "KEY", value: accessKey }]);
    td("token", [{ name: "GIT", value: githubToken }]);
    td("password-name", [{ name: "DB_PASSWORD", value: "hunter2-hunter2" }]);
    td("reference", [{ name: "DB_PASSWORD_ARN", value: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db" }]);
    td("ordinary", [{ name: "LOG_LEVEL", value: "info" }], { secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db" }] });
}

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: credentials in a container's environment (${mode})`, () => {
        it("flags credentials in plain environment variables without quoting them", async () => {
            const r = await previewProgram(program, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["access-key", "password-name", "token"]);
            const m = findings(r, policy, "access-key")[0].message;
            assert.match(m, /containerDefinitions\[0\]\.environment\[1\] holds a credential \(AWS access key id\) in plain text/);
            assert.ok(!m.includes(accessKey));
            assert.match(findings(r, policy, "password-name")[0].message, /environment\[0\] is named like a credential \(password\)/);
            assert.ok(!findings(r, policy, "password-name")[0].message.includes("hunter2"));
        });
    });
}
