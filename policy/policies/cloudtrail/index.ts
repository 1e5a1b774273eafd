import { PackPolicy } from "../../lib/policy";
import cloudtrailCloudwatchLogs from "./cloudtrail-cloudwatch-logs";
import cloudtrailKmsEncryption from "./cloudtrail-kms-encryption";
import cloudtrailLogFileValidation from "./cloudtrail-log-file-validation";
import cloudtrailMultiRegion from "./cloudtrail-multi-region";

// The cloudtrail policies, one per file, in the pack's order.
export const cloudtrailPolicies: PackPolicy[] = [
    cloudtrailMultiRegion,
    cloudtrailLogFileValidation,
    cloudtrailKmsEncryption,
    cloudtrailCloudwatchLogs,
];
