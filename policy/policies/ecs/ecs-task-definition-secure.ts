import type { TaskDefinitionArgs } from "@pulumi/aws/ecs";
import { awsTypes } from "../../lib/aws-types";
import { credentialFormatIn, credentialName, isAwsAccessKeyId, isCredentialReference } from "../../lib/credential-detection";
import { resourcePolicy } from "../../lib/policy";
import { asList, isPlainObject, isUnknown } from "../../lib/unknowns";

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

/**
 * A field of a decoded JSON object as the provider's Go decoder (encoding/json) reads it into its struct:
 * the exact key if present, else any key that matches case-insensitively (`Privileged`, `LOGCONFIGURATION`).
 */
function field(obj: unknown, key: string): unknown {
    if (!isPlainObject(obj)) return undefined;
    if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
    const lower = key.toLowerCase();
    const k = Object.keys(obj).find(x => x.toLowerCase() === lower);
    return k === undefined ? undefined : obj[k];
}

/** Capabilities that amount to privileged mode (Docker accepts them with or without the CAP_ prefix). */
const privilegedCapabilities = new Set(["ALL", "SYS_ADMIN"]);

/** Host paths whose mount hands the container the Docker daemon (its socket, or a directory holding it). */
const dockerSocketPaths = new Set(["/var/run/docker.sock", "/run/docker.sock", "/var/run", "/run", "/var", "/"]);

function normalisedPath(p: string): string {
    const s = p.trim().replace(/\/+/g, "/").replace(/\/$/, "");
    return s === "" ? "/" : s;
}

export default resourcePolicy<{}, TaskDefinitionArgs>({
    name: "ecs-task-definition-secure",
    description: "ECS task definitions send every container's logs to a log driver into a log group the stack manages (no awslogs-create-group), run no container " +
        "privileged (nor with the ALL or SYS_ADMIN capability, nor with the Docker socket mounted), and put no credential in a container's plain environment.",
    severity: "high",
    pci: "10.2.1, 7.2.1, 8.3.2",
    resourceTypes: [awsTypes.ecs.TaskDefinition],
    remediationSteps: "In the aws.ecs.TaskDefinition's `containerDefinitions`, give every container a `logConfiguration` (e.g. `{ logDriver: \"awslogs\", options: {...} }`) " +
        "whose log group is an aws.cloudwatch.LogGroup of the stack (not `awslogs-create-group`), remove `privileged: true` and the ALL/SYS_ADMIN capabilities " +
        "(grant only the Linux capabilities the container needs), mount no host volume holding /var/run/docker.sock, and move credentials from `environment` to `secrets`.",
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
        // Task volumes backed by a host path that exposes the Docker daemon.
        const dockerVolumes = new Set<string>();
        const volumes = c.props.volumes;
        if (isUnknown(volumes)) c.undecided(["volumes"]);
        asList(volumes).forEach((v, i) => {
            if (!isPlainObject(v)) return;
            if (isUnknown(v.hostPath)) c.undecided(["volumes", i, "hostPath"]);
            else if (typeof v.hostPath === "string" && typeof v.name === "string" && dockerSocketPaths.has(normalisedPath(v.hostPath))) dockerVolumes.add(v.name);
        });
        parsed.containers.forEach((container, i) => {
            const name = field(container, "name");
            const label = typeof name === "string" ? `container '${name}'` : `container ${i}`;
            if (!isPlainObject(container)) return;
            const at = `containerDefinitions[${i}]`;
            const logConfig = field(container, "logConfiguration");
            const driver = field(logConfig, "logDriver");
            if (typeof driver !== "string" || driver === "") {
                c.report(`ECS task definition '${c.name}': ${label} sends its logs nowhere: set ${at}.logConfiguration with a logDriver (e.g. awslogs).`);
            } else {
                const createGroup = field(field(logConfig, "options"), "awslogs-create-group");
                if (typeof createGroup === "string" && createGroup.trim().toLowerCase() === "true") {
                    c.report(`ECS task definition '${c.name}': ${label} lets the ECS agent create its log group (awslogs-create-group), which then never expires, ` +
                        `is not encrypted with a customer-managed key and escapes the stack's log group controls: create an aws.cloudwatch.LogGroup and remove ${at}.logConfiguration.options.awslogs-create-group.`);
                }
            }
            if (field(container, "privileged") === true) {
                c.report(`ECS task definition '${c.name}': ${label} runs privileged: remove ${at}.privileged (or set it to false).`);
            }
            const added = field(field(field(container, "linuxParameters"), "capabilities"), "add");
            const broad = asList(added).find(cap => typeof cap === "string" && privilegedCapabilities.has(cap.trim().toUpperCase().replace(/^CAP_/, "")));
            if (typeof broad === "string") {
                const cap = broad.trim().toUpperCase().replace(/^CAP_/, "");
                c.report(`ECS task definition '${c.name}': ${label} adds the ${cap} capability, as good as privileged: remove it from ${at}.linuxParameters.capabilities.add.`);
            }
            const mounted = asList(field(container, "mountPoints")).map(m => field(m, "sourceVolume")).find(v => typeof v === "string" && dockerVolumes.has(v));
            if (mounted !== undefined) {
                c.report(`ECS task definition '${c.name}': ${label} mounts a host volume holding the Docker socket (/var/run/docker.sock), which controls the host: remove the mount from ${at}.mountPoints.`);
            }
            asList(field(container, "environment")).forEach((e, j) => {
                const envName = field(e, "name");
                const value = field(e, "value");
                if (typeof value !== "string" || value === "" || isCredentialReference(value)) return;
                const format = credentialFormatIn(value) ?? (isAwsAccessKeyId(value) ? "AWS access key id" : undefined);
                const word = format ? undefined : credentialName(envName);
                if (format || word) {
                    const why = format ? `holds a credential (${format})` : `is named like a credential (${word})`;
                    c.report(`ECS task definition '${c.name}': ${label}'s environment variable ${at}.environment[${j}] ${why} in plain text: ` +
                        "move it to the container's `secrets` (valueFrom a Secrets Manager secret or SSM SecureString parameter).");
                }
            });
        });
    },
});
