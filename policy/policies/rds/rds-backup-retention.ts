import type { ClusterArgs, InstanceArgs } from "@pulumi/aws/rds";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";
import { clusterMemberReason } from "../../lib/rds-instances";

interface Config { minimumDays: number }

export default attributePolicy<Config, InstanceArgs & ClusterArgs>({
    name: "rds-backup-retention",
    description: "RDS DB instances and clusters keep automated backups for at least the configured number of days (7 by default).",
    severity: "medium",
    pci: "12.10.1",
    securityHub: ["RDS.11"],
    resourceTypes: [awsTypes.rds.Instance, awsTypes.rds.Cluster, awsNativeTypes.rds.DBInstance, awsNativeTypes.rds.DBCluster],
    remediationSteps: "Set `backupRetentionPeriod` on the aws.rds.Instance / aws.rds.Cluster (or aws-native rds.DBInstance / DBCluster) " +
        "to the configured minimum (7 days by default) or more; 0 turns automated backups off.",
    config: {
        properties: {
            minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 7, description: "Fewest days of automated backups allowed." },
        },
    },
    notApplicable: clusterMemberReason,
    path: "backupRetentionPeriod",
    // AWS (and both providers) keep one day of backups when unset.
    absent: 1,
    compliant: (days, c) => typeof days === "number" && days >= c.config.minimumDays,
    echo: v => (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 35 ? String(v) : undefined),
    message: (c, v) => `RDS ${c.type.endsWith("Cluster") ? "cluster" : "instance"} '${c.name}' keeps ${v.unset ? "the default 1 day of" : v.shown ? `${v.shown} days of` : "too few days of"} automated backups: set backupRetentionPeriod to ${c.config.minimumDays} or more.`,
    fix: c => ({ backupRetentionPeriod: c.config.minimumDays }),
});
