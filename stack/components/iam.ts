// One IAM role per service principal, each with one inline least-privilege policy scoped to the exact
// ARNs the service touches. Every ARN comes from naming.ts, so the documents are known at preview.
// KMS use is granted in the key policy (encryption.ts), not here.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming, RoleService, buildKinds, sourceObjectKey } from "../naming";
import { Statement, policyDocument, serviceTrustPolicy } from "./policy-document";

export interface IamArgs {
    naming: Naming;
    sourceProvider: "codestar" | "s3";
    /** codestar only: the configured connection ARN, or undefined when the stack creates the connection. */
    connectionArn?: string;
    approvalRequired: boolean;
}

const principals: Record<RoleService, string> = {
    "codepipeline": "codepipeline.amazonaws.com",
    "codebuild": "codebuild.amazonaws.com",
    "events": "events.amazonaws.com",
    "ecs-execution": "ecs-tasks.amazonaws.com",
    "flow-logs": "vpc-flow-logs.amazonaws.com",
};

const roleDescriptions: Record<RoleService, string> = {
    "codepipeline": "Runs the payments pipeline: artifacts, builds, approval notifications, ECS deploys",
    "codebuild": "Builds, tests and scans the payments service; pushes its image to ECR",
    "events": "Lets EventBridge start the pipeline when a new source.zip lands in the source bucket",
    "ecs-execution": "Pulls the service image from ECR and writes its logs",
    "flow-logs": "Delivers VPC flow logs to their CloudWatch log group",
};

export class Iam extends pulumi.ComponentResource {
    readonly roles: Partial<Record<RoleService, aws.iam.Role>> = {};
    readonly policies: Partial<Record<RoleService, aws.iam.RolePolicy>> = {};
    /** The services that have a role in this stack (the key policy lets them use the key). */
    readonly services: RoleService[];

    constructor(name: string, args: IamArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payments:security:Iam", name, {}, opts);
        const n = args.naming;
        const statements = this.statements(args);
        this.services = (Object.keys(statements) as RoleService[]);
        for (const service of this.services) {
            const role = new aws.iam.Role(`${name}-${service}`, {
                name: n.roleName(service),
                description: roleDescriptions[service],
                assumeRolePolicy: serviceTrustPolicy(principals[service], n.accountId),
                maxSessionDuration: 3600,
            }, { parent: this });
            this.roles[service] = role;
            this.policies[service] = new aws.iam.RolePolicy(`${name}-${service}-policy`, {
                name: "least-privilege",
                role: role.id,
                policy: policyDocument(statements[service]!),
            }, { parent: this });
        }
        this.registerOutputs({});
    }

    role(service: RoleService): aws.iam.Role {
        const r = this.roles[service];
        if (!r) throw new Error(`No ${service} role in this stack.`);
        return r;
    }

    /** Everything that has to exist before a service can use its role (the role and its policy). */
    ready(service: RoleService): pulumi.Resource[] {
        return [this.role(service), this.policies[service]!];
    }

    private statements(args: IamArgs): Partial<Record<RoleService, Statement[]>> {
        const n = args.naming;
        const out: Partial<Record<RoleService, Statement[]>> = {};

        const pipeline: Statement[] = [
            { Sid: "ArtifactObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"], Resource: n.bucketObjectsArn("artifacts") },
            { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketVersioning", "s3:GetBucketLocation"], Resource: n.bucketArn("artifacts") },
            { Sid: "RunBuilds", Effect: "Allow", Action: ["codebuild:StartBuild", "codebuild:BatchGetBuilds"], Resource: buildKinds.map(k => n.projectArn(k)) },
            { Sid: "DeployService", Effect: "Allow", Action: ["ecs:DescribeServices", "ecs:UpdateService"], Resource: n.serviceArn },
            { Sid: "RegisterTaskDefinitions", Effect: "Allow", Action: ["ecs:RegisterTaskDefinition"], Resource: n.taskDefinitionsArn },
            {
                Sid: "TagTaskDefinitionsOnRegister", Effect: "Allow", Action: ["ecs:TagResource"], Resource: n.taskDefinitionsArn,
                Condition: { StringEquals: { "ecs:CreateAction": "RegisterTaskDefinition" } },
            },
            // DescribeTaskDefinition has no resource-level permissions: AWS only accepts "*".
            { Sid: "ReadTaskDefinitions", Effect: "Allow", Action: ["ecs:DescribeTaskDefinition"], Resource: "*" },
            {
                Sid: "PassExecutionRoleToEcs", Effect: "Allow", Action: ["iam:PassRole"], Resource: n.roleArn("ecs-execution"),
                Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
            },
        ];
        if (args.approvalRequired) {
            pipeline.push({ Sid: "NotifyApprovers", Effect: "Allow", Action: ["sns:Publish"], Resource: n.topicArn });
        }
        if (args.sourceProvider === "s3") {
            pipeline.push(
                { Sid: "SourceObject", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: n.bucketObjectsArn("source", sourceObjectKey) },
                { Sid: "SourceBucket", Effect: "Allow", Action: ["s3:GetBucketVersioning", "s3:GetBucketLocation"], Resource: n.bucketArn("source") },
            );
        } else if (args.connectionArn) {
            const service = args.connectionArn.split(":")[2];
            pipeline.push({ Sid: "UseSourceConnection", Effect: "Allow", Action: [`${service}:UseConnection`], Resource: args.connectionArn });
        }
        // A connection the stack creates has a random id, known only after `pulumi up`: the Source
        // component grants UseConnection on its exact ARN in a separate policy (see source.ts).
        out["codepipeline"] = pipeline;

        const logGroups = buildKinds.map(k => n.codeBuildLogGroup(k));
        out["codebuild"] = [
            // CreateLogStream and PutLogEvents authorise against the log-stream ARN.
            { Sid: "WriteBuildLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: logGroups.map(g => n.logStreamsArn(g)) },
            { Sid: "ArtifactObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"], Resource: n.bucketObjectsArn("artifacts") },
            { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:GetBucketLocation"], Resource: n.bucketArn("artifacts") },
            // GetAuthorizationToken has no resource-level permissions: AWS only accepts "*".
            { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
            {
                Sid: "PushAndScanServiceImage", Effect: "Allow", Resource: n.repositoryArn,
                Action: [
                    "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                    "ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages", "ecr:DescribeImageScanFindings",
                ],
            },
            {
                Sid: "TestReports", Effect: "Allow", Resource: n.reportGroupsArn,
                Action: ["codebuild:CreateReportGroup", "codebuild:CreateReport", "codebuild:UpdateReport", "codebuild:BatchPutTestCases", "codebuild:BatchPutCodeCoverages"],
            },
        ];

        if (args.sourceProvider === "s3") {
            out["events"] = [
                { Sid: "StartPipeline", Effect: "Allow", Action: ["codepipeline:StartPipelineExecution"], Resource: n.pipelineArn },
            ];
        }

        out["ecs-execution"] = [
            { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
            { Sid: "PullServiceImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: n.repositoryArn },
            { Sid: "WriteServiceLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: n.logStreamsArn(n.appLogGroup) },
        ];

        out["flow-logs"] = [
            { Sid: "ListFlowLogStreams", Effect: "Allow", Action: ["logs:DescribeLogStreams"], Resource: n.logGroupArn(n.flowLogGroup) },
            { Sid: "WriteFlowLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: n.logStreamsArn(n.flowLogGroup) },
        ];
        return out;
    }
}
