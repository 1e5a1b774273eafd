import { PackPolicy } from "../../lib/policy";
import cloudwatchLogGroupKmsEncryption from "./cloudwatch-log-group-kms-encryption";
import cloudwatchLogGroupRetention from "./cloudwatch-log-group-retention";

// The cloudwatch policies, one per file, in the pack's order.
export const cloudwatchPolicies: PackPolicy[] = [
    cloudwatchLogGroupRetention,
    cloudwatchLogGroupKmsEncryption,
];
