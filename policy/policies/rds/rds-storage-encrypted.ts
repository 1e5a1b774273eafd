import type { ClusterArgs, InstanceArgs } from "@pulumi/aws/rds";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";
import { clusterMemberReason } from "../../lib/rds-instances";

export default attributePolicy<{}, InstanceArgs & ClusterArgs>({
    name: "rds-storage-encrypted",
    description: "RDS DB instances and clusters encrypt their storage at rest (aws and aws-native providers).",
    severity: "high",
    pci: "3.5.1",
    securityHub: ["RDS.3"],
    resourceTypes: [awsTypes.rds.Instance, awsTypes.rds.Cluster, awsNativeTypes.rds.DBInstance, awsNativeTypes.rds.DBCluster],
    remediationSteps: "Set `storageEncrypted: true` on the aws.rds.Instance / aws.rds.Cluster (or aws-native rds.DBInstance / DBCluster), " +
        "optionally with `kmsKeyId` naming a customer-managed key. Encryption cannot be added to existing storage: the resource is replaced " +
        "(restore a snapshot copy made with encryption to keep the data).",
    notApplicable: clusterMemberReason,
    path: "storageEncrypted",
    absent: false,
    compliant: [true],
    message: c => `RDS ${c.type.endsWith("Cluster") ? "cluster" : "instance"} '${c.name}' does not encrypt its storage: set storageEncrypted to true.`,
    fix: true,
});
