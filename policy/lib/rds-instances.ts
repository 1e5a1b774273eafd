// RDS instances that belong to an Aurora (or Multi-AZ) DB cluster take their storage encryption, deletion
// protection and backups from the cluster: the cluster's policies judge those, not the instance's.
import { awsNativeTypes, awsTypes } from "./aws-types";
import { ResourceCheck } from "./policy";
import { isUnknown } from "./unknowns";

/**
 * Why the instance's own setting does not apply (it is a member of a DB cluster), from known values; an
 * unknown cluster identifier or engine is recorded as undecided. Nothing for clusters and any other resource.
 */
export function clusterMemberReason(c: ResourceCheck<any, any>): string | undefined {
    if (c.type !== awsTypes.rds.Instance && c.type !== awsNativeTypes.rds.DBInstance) return undefined;
    const props = c.props as Record<string, unknown>;
    if (c.type === awsNativeTypes.rds.DBInstance) {
        const cluster = props.dbClusterIdentifier;
        if (isUnknown(cluster)) { c.undecided(["dbClusterIdentifier"]); return undefined; }
        if (typeof cluster === "string" && cluster !== "") return "the instance is a member of a DB cluster, which holds this setting (judged on the cluster)";
    }
    const engine = props.engine;
    if (isUnknown(engine)) { c.undecided(["engine"]); return undefined; }
    if (typeof engine === "string" && engine.startsWith("aurora")) return "Aurora instances take this setting from their DB cluster (judged on the cluster)";
    return undefined;
}
