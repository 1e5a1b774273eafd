// Programs written the way teams write them, through the offline preview with the pack: components that
// nest resources, resources created inside apply, explicit providers with default tags,
// aws.iam.getPolicyDocument outputs, pulumi.jsonStringify policies, and awsx-classic-shaped components.
// Each checks that nothing crashes and exactly which resources the policies under test flag.
//
// @pulumi/awsx classic (0.x) is not installed: its last release (0.40.1) has a peer dependency on
// @pulumi/aws ^5, which conflicts with the @pulumi/aws 7 used here. `AwsxClassicVpc` and
// `AwsxClassicFargateTask` below mimic the resources and shapes awsx classic registers (a component of
// type `awsx:x:ec2:Vpc` with a VPC, public/private subnets, internet gateway and route tables; a Fargate
// task definition whose container definitions are built in an apply, with its own LogGroup, which awsx
// classic creates with `retentionInDays: 1`).
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PreviewResult } from "../../preview/src";
import { flagged, previewProgram, undecided } from "../helpers/preview";
import { crashGuard } from "./support/pack";

const tags = { Environment: "dev", Owner: "platform", DataClassification: "internal" };

/** Nothing crashed: no policy fell back to its crash guard, every mandatory finding is decided. */
function assertSound(r: PreviewResult): void {
    const crashed = r.diagnostics.filter(d => crashGuard.test(d.message)).map(d => `${d.policyName} on ${d.resourceName}`);
    assert.deepStrictEqual(crashed, [], "policies that threw on a real-world shape");
    assert.deepStrictEqual(r.diagnostics.filter(d => d.undecidable && d.enforcementLevel === "mandatory"), []);
}

class SecureBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    constructor(name: string, args: { key: aws.kms.Key; logBucket?: aws.s3.Bucket; versioning?: boolean }, opts?: pulumi.ComponentResourceOptions) {
        super("acme:storage:SecureBucket", name, {}, opts);
        const o = { parent: this };
        this.bucket = new aws.s3.Bucket(name, { tags }, o);
        if (args.versioning !== false) {
            new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } }, o);
        }
        new aws.s3.BucketPublicAccessBlock(`${name}-pab`, { bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, o);
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
            bucket: this.bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.key.arn } }],
        }, o);
        new aws.s3.BucketPolicy(`${name}-tls`, {
            bucket: this.bucket.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [this.bucket.arn, pulumi.interpolate`${this.bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
            }),
        }, o);
        if (args.logBucket) {
            new aws.s3.BucketLogging(`${name}-logging`, { bucket: this.bucket.id, targetBucket: args.logBucket.id, targetPrefix: `${name}/` }, o);
        }
        this.registerOutputs({ bucketName: this.bucket.bucket });
    }
}

/** What awsx classic's `new awsx.ec2.Vpc(name, {})` registers (without flow logs, like awsx classic). */
class AwsxClassicVpc extends pulumi.ComponentResource {
    readonly vpc: aws.ec2.Vpc;
    constructor(name: string, args: { tags?: Record<string, string> }, opts?: pulumi.ComponentResourceOptions) {
        super("awsx:x:ec2:Vpc", name, {}, opts);
        const o = { parent: this };
        this.vpc = new aws.ec2.Vpc(name, { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags: { ...args.tags, Name: name } }, o);
        const igw = new aws.ec2.InternetGateway(name, { vpcId: this.vpc.id, tags: args.tags }, o);
        ["a", "b"].forEach((az, i) => {
            for (const kind of ["public", "private"]) {
                const subnet = new aws.ec2.Subnet(`${name}-${kind}-${i}`, {
                    vpcId: this.vpc.id, cidrBlock: `10.0.${kind === "public" ? i : 100 + i}.0/24`, availabilityZone: `eu-west-1${az}`,
                    mapPublicIpOnLaunch: kind === "public", tags: args.tags,
                }, o);
                const rt = new aws.ec2.RouteTable(`${name}-${kind}-${i}`, { vpcId: this.vpc.id, tags: args.tags }, o);
                if (kind === "public") new aws.ec2.Route(`${name}-${kind}-${i}-ig`, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, o);
                new aws.ec2.RouteTableAssociation(`${name}-${kind}-${i}`, { subnetId: subnet.id, routeTableId: rt.id }, o);
            }
        });
        this.registerOutputs({ vpcId: this.vpc.id });
    }
}

/** What awsx classic's `new awsx.ecs.FargateTaskDefinition(name, {container})` registers. */
class AwsxClassicFargateTask extends pulumi.ComponentResource {
    constructor(name: string, args: { image: string; logRetentionDays?: number; privileged?: boolean }, opts?: pulumi.ComponentResourceOptions) {
        super("awsx:x:ecs:FargateTaskDefinition", name, {}, opts);
        const o = { parent: this };
        const logGroup = new aws.cloudwatch.LogGroup(name, { retentionInDays: args.logRetentionDays ?? 1, tags }, o);
        const region = pulumi.output(aws.getRegion({}, o)).name;
        // awsx classic computes the container definitions in an apply over the log group and region.
        const containerDefinitions = pulumi.all([logGroup.name, region]).apply(([group, r]) => JSON.stringify([{
            name: "container", image: args.image, essential: true, memory: 512, privileged: args.privileged,
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": group, "awslogs-region": r, "awslogs-stream-prefix": "container" } },
        }]));
        new aws.ecs.TaskDefinition(name, {
            family: name, cpu: "256", memory: "512", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], containerDefinitions, tags,
        }, o);
        this.registerOutputs({});
    }
}

describe("robustness: real-world program shapes", function () {
    this.timeout(300_000);

    describe("components nesting resources (with a parent chain) and awsx-classic-shaped components", () => {
        let r: PreviewResult;
        before(async () => {
            r = await previewProgram(() => {
                const key = new aws.kms.Key("cmk", { enableKeyRotation: true, tags });
                const logs = new SecureBucket("access-logs", { key });
                new SecureBucket("artifacts", { key, logBucket: logs.bucket });
                new SecureBucket("unversioned", { key, logBucket: logs.bucket, versioning: false });
                const network = new AwsxClassicVpc("app", { tags });
                new aws.ec2.FlowLog("app-flow", { vpcId: network.vpc.id, trafficType: "ALL", logDestinationType: "s3", logDestination: logs.bucket.arn, tags });
                new AwsxClassicVpc("unlogged", { tags });
                new AwsxClassicFargateTask("web", { image: "nginx:1.27", logRetentionDays: 365 });
                new AwsxClassicFargateTask("default-retention", { image: "nginx:1.27" });
                new AwsxClassicFargateTask("privileged", { image: "docker:dind", logRetentionDays: 365, privileged: true });
            });
        });

        it("does not crash and decides every mandatory finding", () => assertSound(r));

        it("follows buckets into components: only the unversioned component bucket is flagged", () => {
            assert.deepStrictEqual(flagged(r, "s3-bucket-versioning-enabled"), ["unversioned"]);
            for (const p of ["s3-bucket-kms-encryption", "s3-bucket-public-access-block", "s3-bucket-ssl-requests-only"]) {
                assert.deepStrictEqual(flagged(r, p), [], p);
            }
            // The log bucket receives the others' access logs: exempt, not flagged.
            assert.deepStrictEqual(flagged(r, "s3-bucket-access-logging"), []);
        });

        it("flags the awsx-classic VPC without a flow log, not the one with", () => {
            assert.deepStrictEqual(flagged(r, "vpc-flow-logs-enabled"), ["unlogged"]);
        });

        it("flags awsx classic's default 1-day log retention and the privileged container", () => {
            assert.deepStrictEqual(flagged(r, "cloudwatch-log-group-retention"), ["default-retention"]);
            assert.deepStrictEqual(flagged(r, "ecs-task-definition-secure"), ["privileged"]);
        });

        it("has every resource tagged through the component arguments", () => {
            assert.deepStrictEqual(flagged(r, "required-tags"), []);
        });
    });

    describe("resources created inside apply, and explicit providers with default tags", () => {
        let r: PreviewResult;
        before(async () => {
            r = await previewProgram(() => {
                const tagged = new aws.Provider("tagged", { region: "eu-west-1", defaultTags: { tags } });
                const untagged = new aws.Provider("untagged", { region: "eu-west-1" });
                const prodTagged = new aws.Provider("prod-tagged", { region: "eu-west-1", defaultTags: { tags: { ...tags, Environment: "prod" } } });
                // Known at preview (config), so the apply runs during preview and the groups are registered.
                const retention = new pulumi.Config().getNumber("retention") ?? 365;
                pulumi.output(["build", "deploy"]).apply(names => names.forEach(n =>
                    new aws.cloudwatch.LogGroup(`in-apply-${n}`, { retentionInDays: retention, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k" }, { provider: tagged })));
                pulumi.output(7).apply(days => new aws.cloudwatch.LogGroup("in-apply-short", { retentionInDays: days, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k" }, { provider: tagged }));
                new aws.sns.Topic("via-default-tags", { kmsMasterKeyId: "alias/pipeline" }, { provider: tagged });
                new aws.sns.Topic("no-tags-anywhere", { kmsMasterKeyId: "alias/pipeline" }, { provider: untagged });
                new aws.sns.Topic("prod-tag-on-dev-stack", { kmsMasterKeyId: "alias/pipeline" }, { provider: prodTagged });
                // A component passing its provider down to children (the `providers` option).
                class Team extends pulumi.ComponentResource {
                    constructor(name: string, opts: pulumi.ComponentResourceOptions) {
                        super("acme:org:Team", name, {}, opts);
                        new aws.sns.Topic(`${name}-alerts`, { kmsMasterKeyId: "alias/pipeline" }, { parent: this });
                    }
                }
                new Team("payments", { providers: [tagged] });
            });
        });

        it("does not crash and decides every mandatory finding", () => assertSound(r));

        it("sees resources created inside an apply and judges them", () => {
            assert.ok(r.resources.some(x => x.name === "in-apply-build") && r.resources.some(x => x.name === "in-apply-deploy"));
            assert.deepStrictEqual(flagged(r, "cloudwatch-log-group-retention"), ["in-apply-short"]);
        });

        it("counts the provider's defaultTags, including through a component's providers, and checks Environment", () => {
            assert.deepStrictEqual(flagged(r, "required-tags"), ["no-tags-anywhere", "prod-tag-on-dev-stack"]);
        });
    });

    describe("IAM from aws.iam.getPolicyDocument and pulumi.jsonStringify", () => {
        let r: PreviewResult;
        before(async () => {
            r = await previewProgram(() => {
                const assume = aws.iam.getPolicyDocumentOutput({
                    statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["codebuild.amazonaws.com"] }] }],
                });
                const role = new aws.iam.Role("build", { assumeRolePolicy: assume.json, tags });
                const openTrust = aws.iam.getPolicyDocumentOutput({
                    statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "AWS", identifiers: ["*"] }] }],
                });
                new aws.iam.Role("open-trust", { assumeRolePolicy: openTrust.json, tags });
                const scoped = aws.iam.getPolicyDocumentOutput({
                    statements: [
                        { actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
                        { actions: ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchCheckLayerAvailability"], resources: ["arn:aws:ecr:eu-west-1:123456789012:repository/app"] },
                    ],
                });
                new aws.iam.RolePolicy("ecr-push", { role: role.id, policy: scoped.json });
                const wide = aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ["s3:*"], resources: ["*"] }] });
                new aws.iam.RolePolicy("s3-everything", { role: role.id, policy: wide.json });
                // jsonStringify with known values: decided at preview.
                new aws.iam.RolePolicy("json-known", {
                    role: role.id,
                    policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: pulumi.output("arn:aws:s3:::artifacts/*") }] }),
                });
                // jsonStringify over a new bucket's ARN: the whole document is unknown at preview.
                const bucket = new aws.s3.Bucket("artifacts", { tags });
                new aws.iam.RolePolicy("json-unknown", {
                    role: role.id,
                    policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: bucket.arn }] }),
                });
            });
        });

        it("does not crash and decides every mandatory finding", () => assertSound(r));

        it("reads getPolicyDocument JSON: the wide grant is flagged, ecr:GetAuthorizationToken on * passes", () => {
            assert.deepStrictEqual(flagged(r, "iam-no-wildcard-resource"), ["s3-everything"]);
            assert.deepStrictEqual(flagged(r, "iam-no-wildcard-action"), ["s3-everything"]);
            assert.deepStrictEqual(flagged(r, "iam-role-trust-scoped"), ["open-trust"]);
        });

        it("leaves a jsonStringify document over an unknown ARN undecided, never mandatory", () => {
            assert.ok(undecided(r, "iam-no-wildcard-action").includes("json-unknown"));
            assert.ok(!flagged(r, "iam-no-wildcard-action", "mandatory").includes("json-unknown"));
            assert.ok(!flagged(r, "iam-no-wildcard-resource", "mandatory").includes("json-unknown"));
        });
    });
});
