import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import ec2SecurityGroupNoPublicIngress from "./ec2-security-group-no-public-ingress";
import ecsTaskDefinitionSecure from "./ecs-task-definition-secure";
import vpcFlowLogsEnabled from "./vpc-flow-logs-enabled";

// Policies for network, one per file, assembled here.
export const networkPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    vpcFlowLogsEnabled,
    ec2SecurityGroupNoPublicIngress,
    ecsTaskDefinitionSecure,
];
