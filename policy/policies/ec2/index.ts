import { PackPolicy } from "../../lib/policy";
import ec2SecurityGroupNoPublicIngress from "./ec2-security-group-no-public-ingress";
import vpcFlowLogsEnabled from "./vpc-flow-logs-enabled";

// The ec2 policies, one per file, in the pack's order.
export const ec2Policies: PackPolicy[] = [
    vpcFlowLogsEnabled,
    ec2SecurityGroupNoPublicIngress,
];
