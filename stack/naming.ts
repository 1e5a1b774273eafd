// Deterministic physical names and ARNs, derived from the config prefix, the account, the region and
// the partition. IAM and bucket policies are written from these (not from resource outputs), so the
// policy documents are known during `pulumi preview` and the policy pack can judge them there.
import * as pulumi from "@pulumi/pulumi";

export interface Identity {
    accountId: pulumi.Input<string>;
    region: string;
    partition: pulumi.Input<string>;
}

export const containerName = "transaction-processor";
export const containerPort = 8080;
export const sourceObjectKey = "source.zip";

export class Naming {
    readonly accountId: pulumi.Output<string>;
    readonly partition: pulumi.Output<string>;

    constructor(readonly prefix: string, readonly identity: Identity) {
        this.accountId = pulumi.output(identity.accountId);
        this.partition = pulumi.output(identity.partition);
    }

    get region(): string { return this.identity.region; }

    // Physical names.
    bucketName(purpose: "artifacts" | "logs" | "source"): pulumi.Output<string> {
        return pulumi.interpolate`${this.prefix}-${purpose}-${this.accountId}-${this.region}`;
    }
    roleName(service: RoleService): string { return `${this.prefix}-${service}`; }
    get keyAlias(): string { return `alias/${this.prefix}-pipeline`; }
    get pipelineName(): string { return `${this.prefix}-pipeline`; }
    projectName(kind: BuildKind): string { return `${this.prefix}-${kind}`; }
    codeBuildLogGroup(kind: BuildKind): string { return `/aws/codebuild/${this.projectName(kind)}`; }
    get appLogGroup(): string { return `/ecs/${this.prefix}/${containerName}`; }
    get flowLogGroup(): string { return `/aws/vpc/flow-logs/${this.prefix}`; }
    get repositoryName(): string { return `${this.prefix}/${containerName}`; }
    get clusterName(): string { return this.prefix; }
    get serviceName(): string { return containerName; }
    get taskFamily(): string { return `${this.prefix}-${containerName}`; }
    get topicName(): string { return `${this.prefix}-pipeline-events`; }
    get connectionName(): string { return `${this.prefix}-source`; }

    // ARNs.
    arn(service: string, resource: string, scope: { region?: boolean; account?: boolean } = {}): pulumi.Output<string> {
        const region = scope.region === false ? "" : this.region;
        const account = scope.account === false ? pulumi.output("") : this.accountId;
        return pulumi.interpolate`arn:${this.partition}:${service}:${region}:${account}:${resource}`;
    }
    bucketArn(purpose: "artifacts" | "logs" | "source"): pulumi.Output<string> {
        return pulumi.interpolate`arn:${this.partition}:s3:::${this.bucketName(purpose)}`;
    }
    bucketObjectsArn(purpose: "artifacts" | "logs" | "source", key = "*"): pulumi.Output<string> {
        return pulumi.interpolate`${this.bucketArn(purpose)}/${key}`;
    }
    roleArn(service: RoleService): pulumi.Output<string> {
        return this.arn("iam", `role/${this.roleName(service)}`, { region: false });
    }
    get accountRootArn(): pulumi.Output<string> {
        return this.arn("iam", "root", { region: false });
    }
    get pipelineArn(): pulumi.Output<string> { return this.arn("codepipeline", this.pipelineName); }
    projectArn(kind: BuildKind): pulumi.Output<string> { return this.arn("codebuild", `project/${this.projectName(kind)}`); }
    get reportGroupsArn(): pulumi.Output<string> { return this.arn("codebuild", `report-group/${this.prefix}-*`); }
    logGroupArn(name: string): pulumi.Output<string> { return this.arn("logs", `log-group:${name}`); }
    logStreamsArn(name: string): pulumi.Output<string> { return this.arn("logs", `log-group:${name}:log-stream:*`); }
    get repositoryArn(): pulumi.Output<string> { return this.arn("ecr", `repository/${this.repositoryName}`); }
    get repositoryUrl(): pulumi.Output<string> {
        return pulumi.interpolate`${this.accountId}.dkr.ecr.${this.region}.amazonaws.com/${this.repositoryName}`;
    }
    get serviceArn(): pulumi.Output<string> { return this.arn("ecs", `service/${this.clusterName}/${this.serviceName}`); }
    get taskDefinitionsArn(): pulumi.Output<string> { return this.arn("ecs", `task-definition/${this.taskFamily}:*`); }
    get topicArn(): pulumi.Output<string> { return this.arn("sns", this.topicName); }
    get keyAliasArn(): pulumi.Output<string> { return this.arn("kms", this.keyAlias); }
    servicePrincipal(service: string): string { return `${service}.amazonaws.com`; }
    get pipelineConsoleUrl(): string {
        return `https://${this.region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${this.pipelineName}/view?region=${this.region}`;
    }
}

export type RoleService = "codepipeline" | "codebuild" | "events" | "ecs-execution" | "flow-logs";
export type BuildKind = "build" | "test" | "scan";
export const buildKinds: BuildKind[] = ["build", "test", "scan"];
