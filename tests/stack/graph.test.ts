// Resource graph of the reference stack, per component: types, names, parents and the inputs that
// make it compliant. Uses the dev stack (Pulumi.dev.yaml: s3 source, no approval) in preview mode.
import * as assert from "assert";
import { PreviewResult } from "../../preview/src";
import { account, byName, childrenOf, component, json, list, ofType, previewStack, region, statements } from "./helpers";

const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("reference stack: resource graph (dev, preview)", function () {
    let r: PreviewResult;
    before(async () => { r = await previewStack(); });

    it("every AWS resource uses the explicit provider whose default tags carry the required tags", () => {
        const provider = byName(r, "aws");
        assert.strictEqual(provider.type, "pulumi:providers:aws");
        const tags = json(provider.inputs.defaultTags).tags;
        assert.deepStrictEqual(tags, { Environment: "dev", Owner: "payments-platform", DataClassification: "pci-cardholder-data", ManagedBy: "pulumi", Project: "payments-cicd" });
        assert.strictEqual(provider.inputs.region, region);
        const custom = r.resources.filter(x => x.custom && x.type.startsWith("aws:"));
        assert.strictEqual(custom.length, 80);
        assert.deepStrictEqual(custom.filter(x => x.provider !== provider.urn).map(x => x.name), []);
        assert.ok(!r.resources.some(x => x.type === "pulumi:providers:aws" && x.name !== "aws"), "no default provider");
    });

    it("components: encryption, iam, storage, build, source, pipeline, runtime, monitoring", () => {
        const components = r.resources.filter(x => !x.custom && x.type.startsWith("payments:")).map(x => `${x.type} ${x.name}`).sort();
        assert.deepStrictEqual(components, [
            "payments:cicd:Build build", "payments:cicd:Pipeline pipeline", "payments:cicd:Source source",
            "payments:monitoring:Monitoring monitoring", "payments:runtime:Runtime runtime",
            "payments:security:Encryption encryption", "payments:security:Iam iam",
            "payments:storage:SecureBucket source-bucket", "payments:storage:SecureBucket storage-access-logs",
            "payments:storage:SecureBucket storage-artifacts", "payments:storage:Storage storage",
        ]);
    });

    describe("encryption", () => {
        it("one rotating symmetric key with an alias", () => {
            assert.deepStrictEqual(childrenOf(r, "encryption"), ["encryption-alias", "encryption-key"]);
            const key = byName(r, "encryption-key");
            assert.strictEqual(key.type, "aws:kms/key:Key");
            assert.deepStrictEqual([key.inputs.enableKeyRotation, key.inputs.rotationPeriodInDays, key.inputs.customerMasterKeySpec], [true, 365, "SYMMETRIC_DEFAULT"]);
            assert.strictEqual(byName(r, "encryption-alias").inputs.name, "alias/payments-dev-pipeline");
        });

        it("the key policy is known at preview and lets the service roles use the key only through the pipeline's services", () => {
            const doc = json(byName(r, "encryption-key").inputs.policy);
            const bySid = Object.fromEntries(statements(doc).map(s => [s.Sid, s]));
            assert.deepStrictEqual(Object.keys(bySid).sort(), ["AccountAdministersKey", "CloudWatchLogsEncryptsLogGroups", "PublishersAndLogDeliveryEncrypt", "ServiceRolesUseKeyThroughServices"]);
            assert.ok(!list(bySid.AccountAdministersKey.Action).includes("kms:*"));
            assert.deepStrictEqual(list(bySid.ServiceRolesUseKeyThroughServices.Principal.AWS).sort(),
                ["codebuild", "codepipeline", "ecs-execution"].map(s => `arn:aws:iam::${account}:role/payments-dev-${s}`));
            assert.deepStrictEqual(bySid.ServiceRolesUseKeyThroughServices.Condition.StringEquals["kms:ViaService"],
                ["s3", "codebuild", "codepipeline", "ecr", "secretsmanager", "sns", "logs"].map(s => `${s}.${region}.amazonaws.com`));
            assert.strictEqual(bySid.CloudWatchLogsEncryptsLogGroups.Principal.Service, `logs.${region}.amazonaws.com`);
            assert.ok(list(bySid.PublishersAndLogDeliveryEncrypt.Principal.Service).includes("logging.s3.amazonaws.com"));
        });

        it("the key is created after the roles its policy names", () => {
            const key = component(r, "encryption");
            const roles = ofType(r, "aws:iam/role:Role").map(x => x.urn);
            assert.deepStrictEqual(roles.filter(u => !key.dependencies.includes(u)), []);
        });
    });

    describe("iam", () => {
        it("one role per service principal, each with one inline policy", () => {
            const roles = ofType(r, "aws:iam/role:Role");
            const principals = roles.map(x => statements(json(x.inputs.assumeRolePolicy))[0].Principal.Service).sort();
            assert.deepStrictEqual(principals, ["codebuild.amazonaws.com", "codepipeline.amazonaws.com", "ecs-tasks.amazonaws.com", "events.amazonaws.com", "vpc-flow-logs.amazonaws.com"]);
            for (const role of roles) {
                assert.deepStrictEqual(statements(json(role.inputs.assumeRolePolicy))[0].Condition, { StringEquals: { "aws:SourceAccount": account } });
            }
            assert.strictEqual(ofType(r, "aws:iam/rolePolicy:RolePolicy").length, 5);
            assert.deepStrictEqual(ofType(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment"), []);
        });

        it("every policy document is known at preview; '*' only for actions that cannot be scoped", () => {
            const star: string[] = [];
            for (const p of ofType(r, "aws:iam/rolePolicy:RolePolicy")) {
                assert.notStrictEqual(p.inputs.policy, unknownString, `${p.name} policy unknown at preview`);
                for (const s of statements(json(p.inputs.policy))) {
                    if (list(s.Resource).includes("*")) star.push(...list<string>(s.Action).map(a => `${p.name} ${a}`));
                }
            }
            assert.deepStrictEqual(star.sort(), [
                "iam-codebuild-policy ecr:GetAuthorizationToken", "iam-codepipeline-policy ecs:DescribeTaskDefinition",
                "iam-ecs-execution-policy ecr:GetAuthorizationToken",
            ]);
        });

        it("the pipeline role is scoped to the exact artifact bucket, projects, service and source object", () => {
            const doc = json(byName(r, "iam-codepipeline-policy").inputs.policy);
            const bySid = Object.fromEntries(statements(doc).map(s => [s.Sid, s]));
            assert.strictEqual(bySid.ArtifactObjects.Resource, `arn:aws:s3:::payments-dev-artifacts-${account}-${region}/*`);
            assert.deepStrictEqual(bySid.RunBuilds.Resource, ["build", "test", "scan"].map(k => `arn:aws:codebuild:${region}:${account}:project/payments-dev-${k}`));
            assert.strictEqual(bySid.DeployService.Resource, `arn:aws:ecs:${region}:${account}:service/payments-dev/transaction-processor`);
            assert.strictEqual(bySid.SourceObject.Resource, `arn:aws:s3:::payments-dev-source-${account}-${region}/source.zip`);
            assert.deepStrictEqual(bySid.PassExecutionRoleToEcs.Condition, { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
            assert.strictEqual(bySid.NotifyApprovers, undefined, "no approval in dev");
            assert.strictEqual(bySid.UseSourceConnection, undefined, "no connection with an s3 source");
        });
    });

    describe("storage", () => {
        const parts = ["encryption", "lifecycle", "logging", "ownership", "policy", "public-access-block", "versioning"];

        it("artifact and access-log buckets from the separate v7 resources, no inline settings", () => {
            assert.deepStrictEqual(childrenOf(r, "storage"), ["storage-access-logs", "storage-artifacts"]);
            assert.deepStrictEqual(childrenOf(r, "storage-artifacts"), ["storage-artifacts", ...parts.map(p => `storage-artifacts-${p}`)].sort());
            // The log bucket is the logging target and does not log to itself.
            assert.deepStrictEqual(childrenOf(r, "storage-access-logs"),
                ["storage-access-logs", ...parts.filter(p => p !== "logging").map(p => `storage-access-logs-${p}`)].sort());
            for (const b of ofType(r, "aws:s3/bucket:Bucket")) {
                // tagsAll and region are what the provider's Check adds.
                const set = Object.keys(b.inputs).filter(k => k !== "tagsAll" && k !== "region").sort();
                assert.deepStrictEqual(set, ["bucket", "forceDestroy"], `${b.name} has inline settings`);
            }
            assert.strictEqual(byName(r, "storage-artifacts").inputs.bucket, `payments-dev-artifacts-${account}-${region}`);
        });

        it("configuration resources take bucket: bucket.id (linked through propertyDependencies)", () => {
            const bucket = byName(r, "storage-artifacts");
            for (const p of parts) {
                const c = byName(r, `storage-artifacts-${p}`);
                assert.deepStrictEqual(c.propertyDependencies.bucket, [bucket.urn], p);
            }
            const logging = byName(r, "storage-artifacts-logging");
            assert.deepStrictEqual(logging.propertyDependencies.targetBucket, [byName(r, "storage-access-logs").urn]);
        });

        it("versioning, SSE-KMS with the stack key, all four public access blocks, lifecycle", () => {
            const name = "storage-artifacts";
            assert.strictEqual(byName(r, `${name}-versioning`).inputs.versioningConfiguration.status, "Enabled");
            const sse = byName(r, `${name}-encryption`);
            assert.strictEqual(sse.inputs.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
            assert.deepStrictEqual(sse.propertyDependencies.rules, [byName(r, "encryption-key").urn]);
            const pab = byName(r, `${name}-public-access-block`).inputs;
            assert.deepStrictEqual([pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets], [true, true, true, true]);
            const rule = byName(r, `${name}-lifecycle`).inputs.rules[0];
            assert.deepStrictEqual(rule.noncurrentVersionTransitions, [{ noncurrentDays: 30, storageClass: "STANDARD_IA" }]);
            assert.ok(rule.expiration.days > 0 && rule.noncurrentVersionExpiration.noncurrentDays > 0);
            assert.ok(byName(r, "storage-access-logs-lifecycle").inputs.rules[0].expiration.days > 365, "access logs are kept over a year");
        });

        it("bucket policies are known at preview and deny non-TLS requests on the bucket and its objects", () => {
            for (const p of ofType(r, "aws:s3/bucketPolicy:BucketPolicy")) {
                const deny = statements(json(p.inputs.policy)).find(s => s.Sid === "DenyInsecureTransport");
                assert.deepStrictEqual([deny.Effect, deny.Principal, deny.Action, deny.Condition], ["Deny", "*", "s3:*", { Bool: { "aws:SecureTransport": "false" } }], p.name);
                assert.strictEqual(list(deny.Resource).length, 2);
                assert.ok(list<string>(deny.Resource)[1].endsWith("/*"));
            }
            const logs = statements(json(byName(r, "storage-access-logs-policy").inputs.policy)).find(s => s.Sid === "S3ServerAccessLogDelivery");
            assert.strictEqual(logs.Principal.Service, "logging.s3.amazonaws.com");
        });
    });

    describe("build", () => {
        it("ECR: scan on push, immutable tags, KMS, lifecycle policy", () => {
            const repo = byName(r, "build-repository").inputs;
            assert.deepStrictEqual([repo.name, repo.imageTagMutability, repo.imageScanningConfiguration.scanOnPush, repo.encryptionConfigurations[0].encryptionType],
                ["payments-dev/transaction-processor", "IMMUTABLE", true, "KMS"]);
            const rules = json(byName(r, "build-repository-lifecycle").inputs.policy).rules;
            assert.strictEqual(rules.length, 2);
        });

        it("three projects with committed buildspecs, KMS, 365-day encrypted logs, privileged mode only for the image build", () => {
            const fs = require("fs");
            const path = require("path");
            for (const kind of ["build", "test", "scan"]) {
                const p = byName(r, `build-${kind}`).inputs;
                assert.strictEqual(p.name, `payments-dev-${kind}`);
                assert.strictEqual(p.source.buildspec, fs.readFileSync(path.join(__dirname, "..", "..", "stack", "buildspecs", `${kind}.yml`), "utf8"));
                assert.strictEqual(p.environment.privilegedMode, kind === "build");
                assert.deepStrictEqual(p.logsConfig.cloudwatchLogs, { status: "ENABLED", groupName: `/aws/codebuild/payments-dev-${kind}` });
                assert.deepStrictEqual(byName(r, `build-${kind}`).propertyDependencies.encryptionKey, [byName(r, "encryption-key").urn]);
                const logs = byName(r, `build-${kind}-logs`).inputs;
                assert.deepStrictEqual([logs.name, logs.retentionInDays], [`/aws/codebuild/payments-dev-${kind}`, 365]);
                assert.ok(p.environment.environmentVariables.every((v: any) => v.type === "PLAINTEXT" && !/token|secret|password/i.test(v.name)));
            }
            assert.match(byName(r, "build-build").inputs.source.buildspec, /docker build/);
            assert.match(byName(r, "build-scan").inputs.source.buildspec, /npm audit --omit=dev --audit-level/);
        });
    });

    describe("source (s3) and pipeline", () => {
        it("a versioned source bucket that notifies EventBridge", () => {
            assert.deepStrictEqual(childrenOf(r, "source"), ["source-bucket", "source-bucket-events"]);
            assert.strictEqual(byName(r, "source-bucket-events").inputs.eventbridge, true);
            assert.strictEqual(byName(r, "source-bucket-versioning").inputs.versioningConfiguration.status, "Enabled");
            assert.deepStrictEqual(ofType(r, "aws:codestarconnections/connection:Connection"), []);
        });

        it("a V2 pipeline: Source (S3), Build, Test, Deploy, no approval in dev; KMS artifact store without region", () => {
            const p = byName(r, "pipeline");
            assert.strictEqual(p.type, "aws:codepipeline/pipeline:Pipeline");
            assert.strictEqual(p.inputs.pipelineType, "V2");
            assert.deepStrictEqual(p.inputs.stages.map((s: any) => s.name), ["Source", "Build", "Test", "Deploy"]);
            const source = p.inputs.stages[0].actions[0];
            assert.deepStrictEqual([source.provider, source.configuration.S3ObjectKey, source.configuration.PollForSourceChanges], ["S3", "source.zip", "false"]);
            assert.deepStrictEqual(p.inputs.stages[2].actions.map((a: any) => a.name), ["UnitTests", "SecurityScan"]);
            assert.deepStrictEqual(p.inputs.stages[3].actions[0].configuration, { ClusterName: "payments-dev", ServiceName: "transaction-processor", FileName: "imagedefinitions.json" });
            const store = p.inputs.artifactStores;
            assert.strictEqual(store.length, 1);
            assert.strictEqual(store[0].region, undefined);
            assert.strictEqual(store[0].encryptionKey.type, "KMS");
        });

        it("an EventBridge rule starts the pipeline on a new source.zip", () => {
            const pattern = json(byName(r, "pipeline-source-trigger").inputs.eventPattern);
            assert.deepStrictEqual(pattern, {
                "source": ["aws.s3"], "detail-type": ["Object Created"],
                "detail": { bucket: { name: [`payments-dev-source-${account}-${region}`] }, object: { key: ["source.zip"] } },
            });
            const target = byName(r, "pipeline-source-trigger-target");
            assert.deepStrictEqual(target.propertyDependencies.arn, [byName(r, "pipeline").urn]);
            assert.deepStrictEqual(target.propertyDependencies.roleArn, [byName(r, "iam-events").urn]);
        });
    });

    describe("runtime", () => {
        it("a private-only VPC: no internet gateway, no NAT, no public IPs", () => {
            for (const t of ["aws:ec2/internetGateway:InternetGateway", "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip", "aws:ec2/route:Route"]) {
                assert.deepStrictEqual(ofType(r, t), [], t);
            }
            const subnets = ofType(r, "aws:ec2/subnet:Subnet");
            assert.deepStrictEqual(subnets.map(s => [s.inputs.cidrBlock, s.inputs.mapPublicIpOnLaunch, s.inputs.availabilityZone]),
                [["10.20.0.0/18", false, "eu-west-1a"], ["10.20.64.0/18", false, "eu-west-1b"]]);
            assert.strictEqual(byName(r, "runtime-private-routes").inputs.routes, undefined);
        });

        it("VPC endpoints for ECR, S3, logs, KMS, Secrets Manager and STS", () => {
            const services = ofType(r, "aws:ec2/vpcEndpoint:VpcEndpoint").map(e => `${e.inputs.serviceName} ${e.inputs.vpcEndpointType}`).sort();
            assert.deepStrictEqual(services, ["ecr.api", "ecr.dkr", "kms", "logs", "s3", "secretsmanager", "sts"]
                .map(s => `com.amazonaws.${region}.${s} ${s === "s3" ? "Gateway" : "Interface"}`));
        });

        it("flow logs to an encrypted 365-day log group", () => {
            const flow = byName(r, "runtime-flow-log");
            assert.deepStrictEqual([flow.inputs.trafficType, flow.inputs.logDestinationType], ["ALL", "cloud-watch-logs"]);
            assert.deepStrictEqual(flow.propertyDependencies.vpcId, [byName(r, "runtime-vpc").urn]);
            const group = byName(r, "runtime-flow-logs");
            assert.strictEqual(group.inputs.retentionInDays, 365);
            assert.deepStrictEqual(group.propertyDependencies.kmsKeyId, [byName(r, "encryption-key").urn]);
        });

        it("security groups admit traffic from inside the VPC only", () => {
            const ingress = ofType(r, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
            assert.deepStrictEqual(ingress.map(i => [i.name, i.inputs.cidrIpv4, i.inputs.fromPort]),
                [["runtime-endpoints-https-in", "10.20.0.0/16", 443], ["runtime-service-app-in", "10.20.0.0/16", 8080]]);
            for (const sg of ofType(r, "aws:ec2/securityGroup:SecurityGroup")) {
                assert.strictEqual(sg.inputs.ingress, undefined, `${sg.name} has no inline rules`);
            }
        });

        it("ECS Fargate: awslogs, not privileged, read-only root file system, private networking", () => {
            const task = byName(r, "runtime-task").inputs;
            assert.deepStrictEqual(task.requiresCompatibilities, ["FARGATE"]);
            const [c] = json(task.containerDefinitions);
            assert.deepStrictEqual([c.name, c.privileged, c.readonlyRootFilesystem, c.logConfiguration.logDriver, c.logConfiguration.options["awslogs-group"]],
                ["transaction-processor", false, true, "awslogs", "/ecs/payments-dev/transaction-processor"]);
            assert.strictEqual(c.image, `${account}.dkr.ecr.${region}.amazonaws.com/payments-dev/transaction-processor:initial`);
            const svc = byName(r, "runtime-service");
            assert.deepStrictEqual([svc.inputs.launchType, svc.inputs.networkConfiguration.assignPublicIp, svc.inputs.desiredCount], ["FARGATE", false, 1]);
            assert.deepStrictEqual(svc.options.ignoreChanges, ["taskDefinition"]);
        });
    });

    describe("monitoring", () => {
        it("a KMS topic, a pipeline-failure rule to it, and a failed-build alarm per project", () => {
            assert.deepStrictEqual(childrenOf(r, "monitoring"), [
                "monitoring-build-failed", "monitoring-pipeline-failed", "monitoring-pipeline-failed-target", "monitoring-scan-failed",
                "monitoring-test-failed", "monitoring-topic", "monitoring-topic-policy",
            ]);
            const topic = byName(r, "monitoring-topic");
            assert.deepStrictEqual(topic.propertyDependencies.kmsMasterKeyId, [byName(r, "encryption-key").urn]);
            const pattern = json(byName(r, "monitoring-pipeline-failed").inputs.eventPattern);
            assert.deepStrictEqual(pattern.detail, { pipeline: ["payments-dev-pipeline"], state: ["FAILED"] });
            assert.deepStrictEqual(byName(r, "monitoring-pipeline-failed-target").propertyDependencies.arn, [topic.urn]);
            const alarm = byName(r, "monitoring-build-failed").inputs;
            assert.deepStrictEqual([alarm.namespace, alarm.metricName, alarm.dimensions.ProjectName], ["AWS/CodeBuild", "FailedBuilds", "payments-dev-build"]);
        });
    });
});
