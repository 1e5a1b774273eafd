// Evasion: privileged mode by other means: `linuxParameters.capabilities.add` with ALL or SYS_ADMIN (also
// spelt CAP_SYS_ADMIN or in lower case), and a host volume holding the Docker socket (/var/run/docker.sock,
// /run/docker.sock, or /var/run itself) mounted into a container. Correct verdict: each is a mandatory finding
// in both modes; a narrow capability (NET_BIND_SERVICE), and a docker.sock volume that no container mounts,
// are compliant.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "ecs-task-definition-secure";
const logging = { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app" } };
const withCaps = (add: string[]) => [{ name: "app", image: "nginx", logConfiguration: logging, linuxParameters: { capabilities: { add } } }];
const mounting = [{ name: "agent", image: "datadog/agent", logConfiguration: logging, mountPoints: [{ sourceVolume: "docker", containerPath: "/var/run/docker.sock" }] }];

function program() {
    const td = (name: string, containers: unknown, volumes?: aws.types.input.ecs.TaskDefinitionVolume[]) =>
        new aws.ecs.TaskDefinition(name, { family: name, containerDefinitions: JSON.stringify(containers), volumes });
    td("cap-all", withCaps(["ALL"]));
    td("cap-sys-admin", withCaps(["NET_ADMIN", "sys_admin"]));
    td("cap-prefixed", withCaps(["CAP_SYS_ADMIN"]));
    td("cap-narrow", withCaps(["NET_BIND_SERVICE"]));
    td("docker-sock", mounting, [{ name: "docker", hostPath: "/var/run/docker.sock" }]);
    td("run-dir", mounting, [{ name: "docker", hostPath: "/var/run/" }]);
    td("unmounted-sock", [{ name: "app", image: "nginx", logConfiguration: logging }], [{ name: "docker", hostPath: "/var/run/docker.sock" }]);
    td("data-volume", mounting, [{ name: "docker", hostPath: "/srv/data" }]);
}

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: privileged in all but name (${mode})`, () => {
        it("flags ALL/SYS_ADMIN capabilities and a mounted Docker socket", async () => {
            const r = await previewProgram(program, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["cap-all", "cap-prefixed", "cap-sys-admin", "docker-sock", "run-dir"]);
            assert.match(findings(r, policy, "cap-sys-admin")[0].message, /adds the SYS_ADMIN capability.*containerDefinitions\[0\]\.linuxParameters\.capabilities\.add/);
            assert.match(findings(r, policy, "docker-sock")[0].message, /container 'agent' mounts a host volume holding the Docker socket/);
        });
    });
}
