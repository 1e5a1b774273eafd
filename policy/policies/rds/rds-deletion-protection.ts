import type { ClusterArgs, InstanceArgs } from "@pulumi/aws/rds";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";
import { clusterMemberReason } from "../../lib/rds-instances";

export default attributePolicy<{}, InstanceArgs & ClusterArgs>({
    name: "rds-deletion-protection",
    description: "RDS DB instances and clusters have deletion protection enabled, so the cardholder data store cannot be deleted by one call.",
    severity: "medium",
    pci: "12.10.1",
    securityHub: ["RDS.7", "RDS.8"],
    resourceTypes: [awsTypes.rds.Instance, awsTypes.rds.Cluster, awsNativeTypes.rds.DBInstance, awsNativeTypes.rds.DBCluster],
    remediationSteps: "Set `deletionProtection: true` on the aws.rds.Instance / aws.rds.Cluster (or aws-native rds.DBInstance / DBCluster); " +
        "turn it off in a deliberate change before the resource is to be deleted.",
    notApplicable: clusterMemberReason,
    path: "deletionProtection",
    absent: false,
    compliant: [true],
    message: c => `RDS ${c.type.endsWith("Cluster") ? "cluster" : "instance"} '${c.name}' can be deleted without a prior change: set deletionProtection to true.`,
    fix: true,
});
