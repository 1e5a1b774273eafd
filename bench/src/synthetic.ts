// A synthetic stack shaped like real CI/CD pipelines, as the engine sends it to a policy pack:
// every resource's inputs (Remediate/Analyze) and outputs, parent, dependencies and
// propertyDependencies (AnalyzeStack). One "unit" is one service's pipeline (~40 resources): a KMS key,
// an artifact bucket and an access-log bucket with their configuration resources, log groups, ECR,
// three CodeBuild projects, CodeBuild/CodePipeline roles with realistic policy documents, the pipeline,
// an SNS topic, a security group, an EventBridge trigger, and a VPC with its flow log.
// Deterministic: the same size gives the same stack. A quarter of the units use the AWS provider v6
// type tokens for S3 (BucketV2, BucketVersioningV2...), one in ten carries findings (what a real
// organisation's stacks look like), and one in twenty is new in this preview (its ARNs and ids unknown).
import { CapturedResource, emptyOptions, makeUrn } from "../../preview/src/model";
import { WireProperties, unknownString } from "../../preview/src/wire";

export const project = "bench";
export const stack = "dev";
const account = "123456789012";
const region = "eu-west-1";
const stackType = "pulumi:pulumi:Stack";
const stackUrn = makeUrn(stack, project, stackType, `${project}-${stack}`);
const providerUrn = makeUrn(stack, project, "pulumi:providers:aws", "default_7_48_0");

function resource(r: Partial<CapturedResource> & Pick<CapturedResource, "urn" | "type" | "name" | "inputs">): CapturedResource {
    return {
        custom: true,
        dependencies: [],
        propertyDependencies: {},
        outputs: { ...r.inputs },
        options: { ...emptyOptions(), parent: r.parent },
        ...r,
    };
}

function doc(statements: object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

function tags(service: string, extra: Record<string, string> = {}): Record<string, string> {
    return { Service: service, Component: "cicd", ...extra };
}

/** Builds `count` resources (exactly): the Stack, the default provider, then whole units (the last one cut). */
export function syntheticStack(count: number): CapturedResource[] {
    const out: CapturedResource[] = [
        resource({ urn: stackUrn, type: stackType, name: `${project}-${stack}`, custom: false, inputs: {} }),
        resource({
            urn: providerUrn, type: "pulumi:providers:aws", name: "default_7_48_0", id: "provider-id",
            inputs: {
                region, version: "7.48.0", skipCredentialsValidation: "false",
                defaultTags: { tags: { Environment: stack, Owner: "platform-team", DataClassification: "confidential", CostCenter: "cc-4711" } },
            },
        }),
    ];
    for (let i = 0; out.length < count; i++) {
        out.push(...unit(i));
    }
    return out.slice(0, count);
}

function unit(i: number): CapturedResource[] {
    const svc = `svc${String(i).padStart(5, "0")}`;
    const v6 = i % 4 === 3;
    const bad = i % 10 === 7;
    const isNew = i % 20 === 11;
    const compType = "payments:cicd:ServicePipeline";
    const compUrn = makeUrn(stack, project, compType, svc);
    const res: CapturedResource[] = [];
    const byName = new Map<string, CapturedResource>();
    const known = (v: string) => isNew ? unknownString : v;

    const add = (type: string, name: string, inputs: WireProperties, o: {
        id?: string; arn?: string; extraOutputs?: WireProperties; deps?: Record<string, string[]>; dependsOn?: string[];
    } = {}) => {
        const urn = makeUrn(stack, project, `${compType}$${type}`, `${svc}-${name}`);
        const propertyDependencies: Record<string, string[]> = {};
        const dependencies = new Set<string>(o.dependsOn?.map(n => byName.get(n)!.urn) ?? []);
        for (const [prop, names] of Object.entries(o.deps ?? {})) {
            propertyDependencies[prop] = names.map(n => byName.get(n)!.urn);
            propertyDependencies[prop].forEach(u => dependencies.add(u));
        }
        const id = o.id ?? `${svc}-${name}`;
        const outputs: WireProperties = { ...inputs, id: known(id), ...(o.arn ? { arn: known(o.arn) } : {}), ...(o.extraOutputs ?? {}) };
        if (inputs.tags) outputs.tagsAll = { Environment: stack, Owner: "platform-team", DataClassification: "confidential", CostCenter: "cc-4711", ...inputs.tags };
        const r = resource({
            urn, type, name: `${svc}-${name}`, id: isNew ? undefined : id, parent: compUrn, provider: providerUrn,
            inputs, outputs, dependencies: [...dependencies], propertyDependencies,
        });
        res.push(r);
        byName.set(name, r);
        return r;
    };

    res.push(resource({ urn: compUrn, type: compType, name: svc, custom: false, parent: stackUrn, inputs: {} }));

    const keyId = `${i.toString(16).padStart(8, "0")}-1a2b-4c3d-8e9f-0123456789ab`;
    const keyArn = `arn:aws:kms:${region}:${account}:key/${keyId}`;
    add("aws:kms/key:Key", "key", {
        description: `Encrypts ${svc}'s artifacts, logs, images and notifications`,
        enableKeyRotation: !bad, rotationPeriodInDays: 365, deletionWindowInDays: 30, isEnabled: true, keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT", multiRegion: false, bypassPolicyLockoutSafetyCheck: false,
        policy: doc([
            { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "ServicesUseKey", Effect: "Allow",
                Principal: { Service: ["codebuild.amazonaws.com", "codepipeline.amazonaws.com", "sns.amazonaws.com", "ecr.amazonaws.com"] },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": account } },
            },
            {
                Sid: "LogsUseKey", Effect: "Allow", Principal: { Service: `logs.${region}.amazonaws.com` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"], Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${account}:log-group:/aws/*/${svc}*` } },
            },
        ]),
        tags: tags(svc),
    }, { id: keyId, arn: keyArn, extraOutputs: { keyId } });
    add("aws:kms/alias:Alias", "key-alias", { name: `alias/${svc}-cicd`, targetKeyId: known(keyId) }, {
        arn: `arn:aws:kms:${region}:${account}:alias/${svc}-cicd`, deps: { targetKeyId: ["key"] },
    });

    const s3 = (t: string) => v6 ? `aws:s3/${t}V2:${t[0].toUpperCase()}${t.slice(1)}V2` : `aws:s3/${t}:${t[0].toUpperCase()}${t.slice(1)}`;
    const bucketType = v6 ? "aws:s3/bucketV2:BucketV2" : "aws:s3/bucket:Bucket";
    const secureBucket = (kind: "logs" | "artifacts") => {
        const name = `${svc}-${kind}-${account}-${region}`;
        const arn = `arn:aws:s3:::${name}`;
        const b = kind;
        add(bucketType, b, { bucket: name, forceDestroy: false, objectLockEnabled: false, tags: tags(svc, { Purpose: kind }) }, {
            id: name, arn, extraOutputs: { bucketDomainName: `${name}.s3.amazonaws.com`, region, hostedZoneId: "Z1BKCTXD74EZPE" },
        });
        const bucket = known(name);
        add("aws:s3/bucketOwnershipControls:BucketOwnershipControls", `${b}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, { deps: { bucket: [b] } });
        add("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${b}-public-access-block`, {
            bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: !(bad && kind === "logs"),
        }, { deps: { bucket: [b] } });
        add(s3("bucketVersioning"), `${b}-versioning`, { bucket, versioningConfiguration: { status: bad ? "Suspended" : "Enabled" } }, { deps: { bucket: [b] } });
        add(s3("bucketServerSideEncryptionConfiguration"), `${b}-encryption`, {
            bucket,
            rules: [{ applyServerSideEncryptionByDefault: bad && kind === "artifacts" ? { sseAlgorithm: "AES256" } : { sseAlgorithm: "aws:kms", kmsMasterKeyId: known(keyArn) }, bucketKeyEnabled: true }],
        }, { deps: { bucket: [b], rules: ["key"] } });
        add("aws:s3/bucketPolicy:BucketPolicy", `${b}-policy`, {
            bucket,
            policy: doc([
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": bad ? "true" : "false" } } },
                ...(kind === "logs" ? [{
                    Sid: "S3ServerAccessLogDelivery", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject",
                    Resource: `${arn}/s3-access-logs/*`,
                    Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": `arn:aws:s3:::${svc}-*-${account}-${region}` } },
                }] : []),
            ]),
        }, { deps: { bucket: [b] }, dependsOn: [`${b}-public-access-block`] });
        if (kind === "artifacts") {
            add(s3("bucketLogging"), `${b}-logging`, {
                bucket, targetBucket: known(`${svc}-logs-${account}-${region}`), targetPrefix: "s3-access-logs/artifacts/",
                targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
            }, { deps: { bucket: [b], targetBucket: ["logs"] } });
        }
        add(s3("bucketLifecycleConfiguration"), `${b}-lifecycle`, {
            bucket,
            rules: [{
                id: "retention", status: "Enabled", filter: { prefix: "" },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                noncurrentVersionTransitions: [{ noncurrentDays: 30, storageClass: "STANDARD_IA" }],
                noncurrentVersionExpiration: { noncurrentDays: 90 },
                expiration: { days: kind === "logs" ? 400 : 180 },
            }],
        }, { deps: { bucket: [b] }, dependsOn: [`${b}-versioning`] });
        return { name, arn };
    };
    const logs = secureBucket("logs");
    const artifacts = secureBucket("artifacts");

    const kinds = ["build", "test", "scan"];
    for (const k of kinds) {
        const name = `/aws/codebuild/${svc}-${k}`;
        add("aws:cloudwatch/logGroup:LogGroup", `${k}-logs`, {
            name, retentionInDays: bad ? 30 : 365, kmsKeyId: bad ? undefined : known(keyArn), logGroupClass: "STANDARD", skipDestroy: false, tags: tags(svc),
        }, { id: name, arn: `arn:aws:logs:${region}:${account}:log-group:${name}`, deps: bad ? {} : { kmsKeyId: ["key"] } });
    }

    const repoName = `${svc}/service`;
    const repoArn = `arn:aws:ecr:${region}:${account}:repository/${repoName}`;
    const repoUrl = `${account}.dkr.ecr.${region}.amazonaws.com/${repoName}`;
    add("aws:ecr/repository:Repository", "repository", {
        name: repoName, imageTagMutability: bad ? "MUTABLE" : "IMMUTABLE", imageScanningConfiguration: { scanOnPush: !bad },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: known(keyArn) }], forceDelete: false, tags: tags(svc),
    }, { id: repoName, arn: repoArn, extraOutputs: { repositoryUrl: repoUrl, registryId: account }, deps: { encryptionConfigurations: ["key"] } });
    add("aws:ecr/lifecyclePolicy:LifecyclePolicy", "repository-lifecycle", {
        repository: known(repoName),
        policy: JSON.stringify({
            rules: [
                { rulePriority: 1, description: "Expire untagged images after 14 days", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 }, action: { type: "expire" } },
                { rulePriority: 2, description: "Keep the 100 most recent images", selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 100 }, action: { type: "expire" } },
            ],
        }),
    }, { deps: { repository: ["repository"] } });

    const roleArn = (s: string) => `arn:aws:iam::${account}:role/${svc}-${s}`;
    const trust = (service: string) => doc([{
        Sid: "AssumedByService", Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
    }]);
    const role = (s: string, service: string, statements: object[]) => {
        add("aws:iam/role:Role", `${s}-role`, {
            name: `${svc}-${s}`, description: `${s} service role of ${svc}`, assumeRolePolicy: trust(service), maxSessionDuration: 3600,
            forceDetachPolicies: false, path: "/", tags: tags(svc),
        }, { id: `${svc}-${s}`, arn: roleArn(s), extraOutputs: { uniqueId: `AROA${i.toString(36).toUpperCase().padStart(17, "X")}` } });
        add("aws:iam/rolePolicy:RolePolicy", `${s}-role-policy`, { name: "least-privilege", role: known(`${svc}-${s}`), policy: doc(statements) }, {
            id: `${svc}-${s}:least-privilege`, deps: { role: [`${s}-role`] },
        });
    };
    const projectArn = (k: string) => `arn:aws:codebuild:${region}:${account}:project/${svc}-${k}`;
    const logStreams = (g: string) => `arn:aws:logs:${region}:${account}:log-group:${g}:log-stream:*`;
    role("codebuild", "codebuild.amazonaws.com", [
        { Sid: "WriteBuildLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: kinds.map(k => logStreams(`/aws/codebuild/${svc}-${k}`)) },
        { Sid: "ArtifactObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"], Resource: `${artifacts.arn}/*` },
        { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:GetBucketLocation"], Resource: artifacts.arn },
        { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
        {
            Sid: "PushAndScanServiceImage", Effect: "Allow", Resource: repoArn,
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                "ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages", "ecr:DescribeImageScanFindings"],
        },
        {
            Sid: "TestReports", Effect: "Allow", Resource: `arn:aws:codebuild:${region}:${account}:report-group/${svc}-*`,
            Action: ["codebuild:CreateReportGroup", "codebuild:CreateReport", "codebuild:UpdateReport", "codebuild:BatchPutTestCases", "codebuild:BatchPutCodeCoverages"],
        },
        { Sid: "UseKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"], Resource: keyArn },
        ...(bad ? [{ Sid: "Debug", Effect: "Allow", Action: "*", Resource: "*" }] : []),
    ]);
    for (const k of kinds) {
        const logGroup = `/aws/codebuild/${svc}-${k}`;
        add("aws:codebuild/project:Project", `${k}-project`, {
            name: `${svc}-${k}`, description: `${k} stage of ${svc}`, serviceRole: known(roleArn("codebuild")),
            ...(bad ? {} : { encryptionKey: known(keyArn) }),
            buildTimeout: 30, queuedTimeout: 60, badgeEnabled: false, projectVisibility: "PRIVATE",
            artifacts: { type: "CODEPIPELINE" },
            source: { type: "CODEPIPELINE", buildspec: `version: 0.2\nphases:\n  build:\n    commands:\n      - make ${k}\n      - ./scripts/${k}.sh --service ${svc}\n` },
            environment: {
                type: "LINUX_CONTAINER", computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
                imagePullCredentialsType: "CODEBUILD", privilegedMode: k === "build",
                environmentVariables: [
                    { name: "IMAGE_REPO_URI", type: "PLAINTEXT", value: repoUrl },
                    { name: "CONTAINER_NAME", type: "PLAINTEXT", value: "app" },
                    { name: "FAIL_ON_SEVERITY", type: "PLAINTEXT", value: "CRITICAL" },
                    ...(bad ? [{ name: "DB_PASSWORD", type: "PLAINTEXT", value: "hunter2-correct-horse" }] : []),
                ],
            },
            logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logGroup }, s3Logs: { status: "DISABLED", encryptionDisabled: false } },
            tags: tags(svc),
        }, {
            id: projectArn(k), arn: projectArn(k), extraOutputs: { badgeUrl: "" },
            deps: { serviceRole: ["codebuild-role"], ...(bad ? {} : { encryptionKey: ["key"] }) }, dependsOn: [`${k}-logs`, "codebuild-role-policy"],
        });
    }
    const pipelineName = `${svc}-pipeline`;
    const pipelineArn = `arn:aws:codepipeline:${region}:${account}:${pipelineName}`;
    const topicArn = `arn:aws:sns:${region}:${account}:${svc}-approvals`;
    role("codepipeline", "codepipeline.amazonaws.com", [
        { Sid: "ArtifactObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"], Resource: `${artifacts.arn}/*` },
        { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketVersioning", "s3:GetBucketLocation"], Resource: artifacts.arn },
        { Sid: "RunBuilds", Effect: "Allow", Action: ["codebuild:StartBuild", "codebuild:BatchGetBuilds"], Resource: kinds.map(projectArn) },
        { Sid: "DeployService", Effect: "Allow", Action: ["ecs:DescribeServices", "ecs:UpdateService"], Resource: `arn:aws:ecs:${region}:${account}:service/${svc}-cluster/${svc}` },
        { Sid: "RegisterTaskDefinitions", Effect: "Allow", Action: ["ecs:RegisterTaskDefinition"], Resource: `arn:aws:ecs:${region}:${account}:task-definition/${svc}:*` },
        { Sid: "ReadTaskDefinitions", Effect: "Allow", Action: ["ecs:DescribeTaskDefinition"], Resource: "*" },
        {
            Sid: "PassExecutionRoleToEcs", Effect: "Allow", Action: ["iam:PassRole"], Resource: roleArn("ecs-execution"),
            Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
        },
        { Sid: "NotifyApprovers", Effect: "Allow", Action: ["sns:Publish"], Resource: topicArn },
        { Sid: "UseKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: keyArn },
    ]);
    add("aws:sns/topic:Topic", "approvals", {
        name: `${svc}-approvals`, displayName: `${svc} release approvals`, ...(bad ? {} : { kmsMasterKeyId: known(keyArn) }), fifoTopic: false, tags: tags(svc),
    }, { id: topicArn, arn: topicArn, extraOutputs: { owner: account }, deps: bad ? {} : { kmsMasterKeyId: ["key"] } });
    add("aws:sns/topicPolicy:TopicPolicy", "approvals-policy", {
        arn: known(topicArn),
        policy: doc([{ Sid: "PipelinePublishes", Effect: "Allow", Principal: { AWS: roleArn("codepipeline") }, Action: "sns:Publish", Resource: topicArn }]),
    }, { id: topicArn, deps: { arn: ["approvals"] } });
    add("aws:codepipeline/pipeline:Pipeline", "pipeline", {
        name: pipelineName, pipelineType: "V2", executionMode: "QUEUED", roleArn: known(roleArn("codepipeline")),
        artifactStores: [{ location: known(artifacts.name), type: "S3", encryptionKey: { id: known(keyArn), type: "KMS" } }],
        stages: [
            {
                name: "Source", actions: [{
                    name: "Source", category: "Source", owner: "AWS", provider: "S3", version: "1", outputArtifacts: ["source"],
                    configuration: { S3Bucket: known(artifacts.name), S3ObjectKey: "source/source.zip", PollForSourceChanges: "false" },
                }],
            },
            { name: "Build", actions: [{ name: "BuildImage", category: "Build", owner: "AWS", provider: "CodeBuild", version: "1", runOrder: 1, inputArtifacts: ["source"], outputArtifacts: ["image"], configuration: { ProjectName: `${svc}-build` } }] },
            {
                name: "Test", actions: [
                    { name: "UnitTests", category: "Build", owner: "AWS", provider: "CodeBuild", version: "1", runOrder: 1, inputArtifacts: ["source"], configuration: { ProjectName: `${svc}-test` } },
                    { name: "SecurityScan", category: "Build", owner: "AWS", provider: "CodeBuild", version: "1", runOrder: 1, inputArtifacts: ["source", "image"], configuration: { ProjectName: `${svc}-scan`, PrimarySource: "source" } },
                ],
            },
            {
                name: "Approval", actions: [{
                    name: "ReleaseApproval", category: "Approval", owner: "AWS", provider: "Manual", version: "1",
                    configuration: { NotificationArn: known(topicArn), CustomData: `Approve the release of ${svc}.` },
                }],
            },
            {
                name: "Deploy", actions: [{
                    name: "DeployToEcs", category: "Deploy", owner: "AWS", provider: "ECS", version: "1", inputArtifacts: ["image"],
                    configuration: { ClusterName: `${svc}-cluster`, ServiceName: svc, FileName: "imagedefinitions.json" },
                }],
            },
        ],
        tags: tags(svc),
    }, { id: pipelineName, arn: pipelineArn, deps: { roleArn: ["codepipeline-role"], artifactStores: ["artifacts", "key"], stages: ["artifacts", "approvals"] }, dependsOn: ["codepipeline-role-policy"] });
    add("aws:cloudwatch/eventRule:EventRule", "source-trigger", {
        name: `${pipelineName}-source-uploaded`, description: `Starts ${pipelineName} when source.zip is written`, state: "ENABLED", forceDestroy: false,
        eventPattern: JSON.stringify({ "source": ["aws.s3"], "detail-type": ["Object Created"], "detail": { bucket: { name: [artifacts.name] }, object: { key: ["source/source.zip"] } } }),
        tags: tags(svc),
    }, { id: `${pipelineName}-source-uploaded`, arn: `arn:aws:events:${region}:${account}:rule/${pipelineName}-source-uploaded`, deps: { eventPattern: ["artifacts"] } });
    add("aws:cloudwatch/eventTarget:EventTarget", "source-trigger-target", {
        rule: known(`${pipelineName}-source-uploaded`), arn: known(pipelineArn), roleArn: known(roleArn("codepipeline")), forceDestroy: false,
    }, { deps: { rule: ["source-trigger"], arn: ["pipeline"], roleArn: ["codepipeline-role"] } });

    const vpcId = `vpc-${i.toString(16).padStart(17, "0")}`;
    add("aws:ec2/vpc:Vpc", "vpc", {
        cidrBlock: `10.${(i >> 8) & 255}.${i & 255}.0/24`, enableDnsHostnames: true, enableDnsSupport: true, instanceTenancy: "default", tags: tags(svc, { Name: `${svc}-vpc` }),
    }, { id: vpcId, arn: `arn:aws:ec2:${region}:${account}:vpc/${vpcId}`, extraOutputs: { defaultSecurityGroupId: `sg-d${i}`, mainRouteTableId: `rtb-${i}` } });
    const flowGroup = `/vpc/${svc}/flow-logs`;
    add("aws:cloudwatch/logGroup:LogGroup", "flow-logs", { name: flowGroup, retentionInDays: 400, kmsKeyId: known(keyArn), logGroupClass: "STANDARD", skipDestroy: false, tags: tags(svc) }, {
        id: flowGroup, arn: `arn:aws:logs:${region}:${account}:log-group:${flowGroup}`, deps: { kmsKeyId: ["key"] },
    });
    role("flow-logs", "vpc-flow-logs.amazonaws.com", [
        { Sid: "ListFlowLogStreams", Effect: "Allow", Action: ["logs:DescribeLogStreams"], Resource: `arn:aws:logs:${region}:${account}:log-group:${flowGroup}` },
        { Sid: "WriteFlowLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: logStreams(flowGroup) },
    ]);
    if (!bad) {
        add("aws:ec2/flowLog:FlowLog", "flow-log", {
            vpcId: known(vpcId), trafficType: "ALL", logDestinationType: "cloud-watch-logs",
            logDestination: known(`arn:aws:logs:${region}:${account}:log-group:${flowGroup}`), iamRoleArn: known(roleArn("flow-logs")),
            maxAggregationInterval: 60, tags: tags(svc),
        }, { id: `fl-${i}`, deps: { vpcId: ["vpc"], logDestination: ["flow-logs"], iamRoleArn: ["flow-logs-role"] } });
    }
    const sgId = `sg-${i.toString(16).padStart(17, "0")}`;
    add("aws:ec2/securityGroup:SecurityGroup", "build-sg", {
        name: `${svc}-build`, description: `CodeBuild of ${svc}: egress to HTTPS only`, vpcId: known(vpcId), revokeRulesOnDelete: false,
        egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS to AWS APIs and registries", self: false }],
        ingress: [], tags: tags(svc),
    }, { id: sgId, arn: `arn:aws:ec2:${region}:${account}:security-group/${sgId}`, deps: { vpcId: ["vpc"] } });
    add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "build-sg-ingress", {
        securityGroupId: known(sgId), ipProtocol: "tcp", fromPort: bad ? 22 : 8080, toPort: bad ? 22 : 8080,
        ...(bad ? { cidrIpv4: "0.0.0.0/0" } : { referencedSecurityGroupId: known(sgId) }), description: "Build agents", tags: tags(svc),
    }, { id: `sgr-${i}`, arn: `arn:aws:ec2:${region}:${account}:security-group-rule/sgr-${i}`, deps: { securityGroupId: ["build-sg"] } });

    // Struct.fromJavaScript cannot encode undefined: drop such keys as the engine does.
    for (const r of res) for (const o of [r.inputs, r.outputs]) for (const [k, v] of Object.entries(o)) if (v === undefined) delete o[k];
    return res;
}
