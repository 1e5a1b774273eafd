import type { TaskDefinitionArgs } from "@pulumi/aws/ecs";
import { awsTypes } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";
import { at, isPlainObject, isUnknown } from "../../lib/unknowns";

/** The container definitions as a list, from the JSON string (or, defensively, an already parsed value). */
function parseContainers(v: unknown): { containers: unknown[] } | { error: string } {
    let parsed: unknown = v;
    if (typeof v === "string") {
        try {
            parsed = JSON.parse(v);
        } catch {
            return { error: "is not valid JSON" };
        }
    }
    if (Array.isArray(parsed)) return { containers: parsed };
    return { error: "is not a JSON array of container definitions" };
}

export default resourcePolicy<{}, TaskDefinitionArgs>({
    name: "ecs-task-definition-secure",
    description: "ECS task definitions send every container's logs to a log driver and run no container in privileged mode.",
    severity: "high",
    pci: "10.2.1, 7.2.1",
    resourceTypes: [awsTypes.ecs.TaskDefinition],
    remediationSteps: "In the aws.ecs.TaskDefinition's `containerDefinitions`, give every container a `logConfiguration` (e.g. `{ logDriver: \"awslogs\", options: {...} }`) " +
        "and remove `privileged: true` (grant only the Linux capabilities the container needs).",
    validate: c => {
        const defs = c.props.containerDefinitions;
        if (isUnknown(defs)) {
            // Typically built with pulumi.jsonStringify around an image URI or log group name that is not known yet.
            c.undecided(["containerDefinitions"]);
            return;
        }
        if (defs === undefined || defs === null) return;
        const parsed = parseContainers(defs);
        if ("error" in parsed) {
            c.report(`ECS task definition '${c.name}': containerDefinitions ${parsed.error}, so its containers' logging and privileges cannot be checked: fix containerDefinitions.`);
            return;
        }
        parsed.containers.forEach((container, i) => {
            const label = typeof at(container, "name") === "string" ? `container '${at(container, "name")}'` : `container ${i}`;
            if (!isPlainObject(container)) return;
            const logConfig = container.logConfiguration;
            if (!isPlainObject(logConfig) || typeof logConfig.logDriver !== "string" || logConfig.logDriver === "") {
                c.report(`ECS task definition '${c.name}': ${label} sends its logs nowhere: set containerDefinitions[${i}].logConfiguration with a logDriver (e.g. awslogs).`);
            }
            if (container.privileged === true) {
                c.report(`ECS task definition '${c.name}': ${label} runs privileged: remove containerDefinitions[${i}].privileged (or set it to false).`);
            }
        });
    },
});
