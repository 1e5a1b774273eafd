import { PackPolicy } from "../../lib/policy";
import ebsEncryptionByDefaultEnabled from "./ebs-encryption-by-default-enabled";
import ebsVolumeEncrypted from "./ebs-volume-encrypted";
import ec2ImdsV2Required from "./ec2-imdsv2-required";
import ec2SecurityGroupNoPublicIngress from "./ec2-security-group-no-public-ingress";
import vpcFlowLogsEnabled from "./vpc-flow-logs-enabled";

// The ec2 policies, one per file, in the pack's order.
export const ec2Policies: PackPolicy[] = [
    vpcFlowLogsEnabled,
    ec2SecurityGroupNoPublicIngress,
    ebsVolumeEncrypted,
    ebsEncryptionByDefaultEnabled,
    ec2ImdsV2Required,
];
