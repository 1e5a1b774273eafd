import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import cloudwatchLogGroupKmsEncryption from "./cloudwatch-log-group-kms-encryption";
import cloudwatchLogGroupRetention from "./cloudwatch-log-group-retention";

// Policies for cloudwatch, one per file, assembled here.
export const cloudwatchPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    cloudwatchLogGroupRetention,
    cloudwatchLogGroupKmsEncryption,
];
