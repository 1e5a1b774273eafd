import type { TrailArgs } from "@pulumi/aws/cloudtrail";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";

export default attributePolicy<{}, TrailArgs>({
    name: "cloudtrail-multi-region",
    description: "CloudTrail trails record events in every region (isMultiRegionTrail). Security Hub's CloudTrail.1 also wants management read and write events, which this does not check.",
    severity: "high",
    pci: "10.2.1",
    securityHub: ["CloudTrail.1"],
    resourceTypes: [awsTypes.cloudtrail.Trail, awsNativeTypes.cloudtrail.Trail],
    remediationSteps: "Set `isMultiRegionTrail: true` on the aws.cloudtrail.Trail (or aws-native cloudtrail.Trail).",
    path: "isMultiRegionTrail",
    absent: false,
    compliant: [true],
    message: c => `CloudTrail trail '${c.name}' records only its own region: set isMultiRegionTrail to true.`,
    fix: true,
});
