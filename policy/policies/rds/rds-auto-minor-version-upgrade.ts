import type { InstanceArgs } from "@pulumi/aws/rds";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";

export default attributePolicy<{}, InstanceArgs>({
    name: "rds-auto-minor-version-upgrade",
    description: "RDS DB instances take minor engine version upgrades (security patches) automatically.",
    severity: "medium",
    pci: "6.3.3",
    securityHub: ["RDS.13"],
    resourceTypes: [awsTypes.rds.Instance, awsNativeTypes.rds.DBInstance],
    remediationSteps: "Leave `autoMinorVersionUpgrade` unset (AWS's default is true) or set it to true on the aws.rds.Instance / aws-native rds.DBInstance.",
    path: "autoMinorVersionUpgrade",
    absent: true,
    compliant: [true],
    message: c => `RDS instance '${c.name}' does not take minor version upgrades automatically: set autoMinorVersionUpgrade to true.`,
    fix: true,
});
