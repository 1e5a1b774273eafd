import { resourcePolicy } from "../../lib/policy";
import { deferUnknown, isPlainObject, isUnknown } from "../../lib/unknowns";

const projectType = "aws:codebuild/project:Project";

/** "ENABLED" / "DISABLED" / unknown, with the service default when the block or field is absent. */
function statusOf(block: unknown, defaultStatus: "ENABLED" | "DISABLED"): "ENABLED" | "DISABLED" | "unknown" {
    if (isUnknown(block)) return "unknown";
    if (!isPlainObject(block)) return defaultStatus;
    const s = block.status;
    if (isUnknown(s)) return "unknown";
    if (typeof s !== "string" || s === "") return defaultStatus;
    return s.toUpperCase() === "DISABLED" ? "DISABLED" : "ENABLED";
}

export default resourcePolicy({
    name: "codebuild-project-logging",
    description: "CodeBuild projects keep build logs: CloudWatch Logs (on by default) or S3 logs enabled, and S3 logs are not written unencrypted.",
    severity: "medium",
    pci: "10.2.1",
    resourceTypes: [projectType],
    remediationSteps: "Leave `logsConfig.cloudwatchLogs.status` at \"ENABLED\" (the default) with a groupName whose log group keeps logs for a year, " +
        "or enable `logsConfig.s3Logs` with `encryptionDisabled: false`.",
    validate: c => {
        const logs = c.props.logsConfig;
        if (isUnknown(logs)) {
            deferUnknown(c.proxied, ["logsConfig"]);
            return;
        }
        const cwBlock = isPlainObject(logs) ? logs.cloudwatchLogs : undefined;
        const s3Block = isPlainObject(logs) ? logs.s3Logs : undefined;
        // CodeBuild sends build logs to CloudWatch unless told not to; S3 logs are off unless enabled.
        const cw = statusOf(cwBlock, "ENABLED");
        const s3 = statusOf(s3Block, "DISABLED");
        if (s3 === "ENABLED" && isPlainObject(s3Block)) {
            if (isUnknown(s3Block.encryptionDisabled)) {
                deferUnknown(c.proxied, ["logsConfig", "s3Logs", "encryptionDisabled"]);
                return;
            }
            if (s3Block.encryptionDisabled === true) {
                c.report(`CodeBuild project '${c.name}' writes S3 build logs unencrypted: set logsConfig.s3Logs.encryptionDisabled to false.`);
            }
        }
        if (cw === "ENABLED" || s3 === "ENABLED") return;
        if (cw === "unknown" || s3 === "unknown") {
            const path = cw === "unknown"
                ? (isUnknown(cwBlock) ? ["logsConfig", "cloudwatchLogs"] : ["logsConfig", "cloudwatchLogs", "status"])
                : (isUnknown(s3Block) ? ["logsConfig", "s3Logs"] : ["logsConfig", "s3Logs", "status"]);
            deferUnknown(c.proxied, path);
            return;
        }
        c.report(`CodeBuild project '${c.name}' keeps no build logs: set logsConfig.cloudwatchLogs.status to "ENABLED" ` +
            "(or enable logsConfig.s3Logs with encryption).");
    },
});
