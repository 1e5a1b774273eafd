import type { InstanceArgs } from "@pulumi/aws/rds";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";

export default attributePolicy<{}, InstanceArgs>({
    name: "rds-not-publicly-accessible",
    description: "RDS DB instances are not publicly accessible (aws: publiclyAccessible unset or false; aws-native: publiclyAccessible set to false, since AWS's default can be public).",
    severity: "critical",
    pci: "1.3.1, 1.4.4",
    securityHub: ["RDS.2"],
    resourceTypes: [awsTypes.rds.Instance, awsNativeTypes.rds.DBInstance],
    remediationSteps: "Set `publiclyAccessible: false` on the aws.rds.Instance (the aws provider's default) or aws-native rds.DBInstance " +
        "(AWS's default there depends on whether the VPC has an internet gateway, so set it explicitly), and reach the database from inside the VPC.",
    path: "publiclyAccessible",
    // The aws provider sends false when unset; CloudFormation leaves it to AWS, which makes the instance
    // public in a VPC with an internet gateway: unset is not provably private there.
    absent: undefined,
    compliant: (value, c) => value === false || (value === undefined && c.type === awsTypes.rds.Instance),
    message: (c, v) => v.unset
        ? `RDS instance '${c.name}' leaves publiclyAccessible to AWS's default, which is public in a VPC with an internet gateway: set publiclyAccessible to false.`
        : `RDS instance '${c.name}' is publicly accessible: set publiclyAccessible to false.`,
    fix: false,
});
