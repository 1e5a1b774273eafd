// Assembles every policy of the pack. Each service folder holds one policy per file and an index.
import { cloudwatchPolicies } from "./cloudwatch";
import { codebuildPolicies } from "./codebuild";
import { codepipelinePolicies } from "./codepipeline";
import { ecrPolicies } from "./ecr";
import { iamPolicies } from "./iam";
import { kmsPolicies } from "./kms";
import { networkPolicies } from "./network";
import { s3Policies } from "./s3";
import { secretsmanagerPolicies } from "./secretsmanager";
import { snsPolicies } from "./sns";
import { tagsPolicies } from "./tags";

export const policies = [
    ...kmsPolicies,
    ...s3Policies,
    ...cloudwatchPolicies,
    ...iamPolicies,
    ...codepipelinePolicies,
    ...codebuildPolicies,
    ...ecrPolicies,
    ...snsPolicies,
    ...secretsmanagerPolicies,
    ...networkPolicies,
    ...tagsPolicies,
];
