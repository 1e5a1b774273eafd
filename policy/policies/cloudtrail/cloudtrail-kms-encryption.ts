import type { TrailArgs } from "@pulumi/aws/cloudtrail";
import { kmsKeyPolicy } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";

export default kmsKeyPolicy<{}, TrailArgs>({
    name: "cloudtrail-kms-encryption",
    description: "CloudTrail trails encrypt their log files with a KMS key (SSE-KMS) rather than S3-managed keys.",
    severity: "medium",
    pci: "10.3.2",
    securityHub: ["CloudTrail.2"],
    resourceTypes: [awsTypes.cloudtrail.Trail, awsNativeTypes.cloudtrail.Trail],
    remediationSteps: "Set `kmsKeyId` on the aws.cloudtrail.Trail (or aws-native cloudtrail.Trail) to a KMS key whose key policy lets cloudtrail.amazonaws.com encrypt with it.",
    what: "CloudTrail trail",
    key: "kmsKeyId",
    // CloudTrail has no AWS-managed key: any KMS key set is one of the account's.
    customerManaged: false,
});
