import type { ProjectArgs } from "@pulumi/aws/codebuild";
import { awsTypes } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";
import { PropertyPath } from "../../lib/property-paths";
import { isPlainObject, isUnknown } from "../../lib/unknowns";

/** "ENABLED" / "DISABLED" with the service default when the block or field is absent, or the path of an unknown. */
function statusOf(block: unknown, path: PropertyPath, defaultStatus: "ENABLED" | "DISABLED"): "ENABLED" | "DISABLED" | { unknownAt: PropertyPath } {
    if (isUnknown(block)) return { unknownAt: path };
    if (!isPlainObject(block)) return defaultStatus;
    const s = block.status;
    if (isUnknown(s)) return { unknownAt: [...path, "status"] };
    if (typeof s !== "string" || s === "") return defaultStatus;
    return s.toUpperCase() === "DISABLED" ? "DISABLED" : "ENABLED";
}

export default resourcePolicy<{}, ProjectArgs>({
    name: "codebuild-project-logging",
    description: "CodeBuild projects keep build logs: CloudWatch Logs (on by default) or S3 logs enabled, and S3 logs are not written unencrypted.",
    severity: "medium",
    pci: "10.2.1",
    securityHub: ["CodeBuild.3", "CodeBuild.4"],
    resourceTypes: [awsTypes.codebuild.Project],
    remediationSteps: "Leave `logsConfig.cloudwatchLogs.status` at \"ENABLED\" (the default) with a groupName whose log group keeps logs for a year, " +
        "or enable `logsConfig.s3Logs` with `encryptionDisabled: false`.",
    validate: c => {
        const logs = c.props.logsConfig;
        if (isUnknown(logs)) {
            c.undecided(["logsConfig"]);
            return;
        }
        const cwBlock = isPlainObject(logs) ? logs.cloudwatchLogs : undefined;
        const s3Block = isPlainObject(logs) ? logs.s3Logs : undefined;
        // CodeBuild sends build logs to CloudWatch unless told not to; S3 logs are off unless enabled.
        const cw = statusOf(cwBlock, ["logsConfig", "cloudwatchLogs"], "ENABLED");
        const s3 = statusOf(s3Block, ["logsConfig", "s3Logs"], "DISABLED");
        if (s3 === "ENABLED" && isPlainObject(s3Block)) {
            if (isUnknown(s3Block.encryptionDisabled)) {
                c.undecided(["logsConfig", "s3Logs", "encryptionDisabled"]);
                return;
            }
            if (s3Block.encryptionDisabled === true) {
                c.report(`CodeBuild project '${c.name}' writes S3 build logs unencrypted: set logsConfig.s3Logs.encryptionDisabled to false.`);
            }
        }
        if (cw === "ENABLED" || s3 === "ENABLED") return;
        if (typeof cw === "object" || typeof s3 === "object") {
            c.undecided(typeof cw === "object" ? cw.unknownAt : (s3 as { unknownAt: PropertyPath }).unknownAt);
            return;
        }
        c.report(`CodeBuild project '${c.name}' keeps no build logs: set logsConfig.cloudwatchLogs.status to "ENABLED" ` +
            "(or enable logsConfig.s3Logs with encryption).");
    },
});
