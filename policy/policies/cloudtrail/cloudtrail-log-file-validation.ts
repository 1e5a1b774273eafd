import type { TrailArgs } from "@pulumi/aws/cloudtrail";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";

export default attributePolicy<{}, TrailArgs>({
    name: "cloudtrail-log-file-validation",
    description: "CloudTrail trails write digest files so that changes to delivered log files can be detected.",
    severity: "medium",
    pci: "10.3.2, 10.3.4",
    securityHub: ["CloudTrail.4"],
    resourceTypes: [awsTypes.cloudtrail.Trail, awsNativeTypes.cloudtrail.Trail],
    remediationSteps: "Set `enableLogFileValidation: true` on the aws.cloudtrail.Trail (or aws-native cloudtrail.Trail).",
    path: "enableLogFileValidation",
    absent: false,
    compliant: [true],
    message: c => `CloudTrail trail '${c.name}' does not validate its log files: set enableLogFileValidation to true.`,
    fix: true,
});
