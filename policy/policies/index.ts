// Assembles every policy of the pack. Each folder is a service (named as the provider's module of the
// policy's resource types) or `cross-service`, with one policy per file and an index; the order here is
// the pack's interface order (the README table, the engine's policy list).
import { cloudtrailPolicies } from "./cloudtrail";
import { cloudwatchPolicies } from "./cloudwatch";
import { codebuildPolicies } from "./codebuild";
import { codepipelinePolicies } from "./codepipeline";
import { noPlaintextCredentials, requiredTags } from "./cross-service";
import { ec2Policies } from "./ec2";
import { dynamodbPolicies } from "./dynamodb";
import { ecrPolicies } from "./ecr";
import { ecsPolicies } from "./ecs";
import { eventbridgePolicies } from "./eventbridge";
import { iamPolicies } from "./iam";
import { kmsPolicies } from "./kms";
import { rdsPolicies } from "./rds";
import { s3Policies } from "./s3";
import { secretsmanagerPolicies } from "./secretsmanager";
import { snsPolicies } from "./sns";

export const policies = [
    ...kmsPolicies,
    ...s3Policies,
    ...cloudwatchPolicies,
    ...iamPolicies,
    ...codepipelinePolicies,
    noPlaintextCredentials,
    ...eventbridgePolicies,
    ...codebuildPolicies,
    ...ecrPolicies,
    ...snsPolicies,
    ...secretsmanagerPolicies,
    ...ec2Policies,
    ...ecsPolicies,
    ...rdsPolicies,
    ...dynamodbPolicies,
    ...cloudtrailPolicies,
    requiredTags,
];
