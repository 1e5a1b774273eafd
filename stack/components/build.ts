// The service's ECR repository and the three CodeBuild projects (build, unit tests, security scan),
// each with its own KMS-encrypted 365-day log group. Buildspecs are files in stack/buildspecs/.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import { BuildKind, Naming, buildKinds, containerName } from "../naming";

export interface BuildArgs {
    naming: Naming;
    kmsKeyArn: pulumi.Input<string>;
    serviceRoleArn: pulumi.Input<string>;
    /** Days CloudWatch keeps build logs (PCI DSS 10.5.1: at least 365). */
    logRetentionDays?: number;
    /** Folder of the buildspec files (default: stack/buildspecs). */
    buildspecDir?: string;
}

export const buildspecsDir = path.join(__dirname, "..", "buildspecs");

/** What each project does, its buildspec, and whether docker (privileged mode) is needed. */
export const projects: Record<BuildKind, { description: string; buildspec: string; privileged: boolean }> = {
    build: { description: "Builds the service image and pushes it to ECR", buildspec: "build.yml", privileged: true },
    test: { description: "Runs the service's unit tests", buildspec: "test.yml", privileged: false },
    scan: { description: "Fails on critical findings in dependencies and in the pushed image", buildspec: "scan.yml", privileged: false },
};

/** Reads a committed buildspec; a missing file stops the program before any resource is created. */
export function readBuildspec(file: string, dir = buildspecsDir): string {
    const p = path.join(dir, file);
    if (!fs.existsSync(p)) {
        throw new Error(`Buildspec ${p} is missing: the stack ships build.yml, test.yml and scan.yml in stack/buildspecs.`);
    }
    return fs.readFileSync(p, "utf8");
}

export class Build extends pulumi.ComponentResource {
    readonly repository: aws.ecr.Repository;
    readonly lifecyclePolicy: aws.ecr.LifecyclePolicy;
    readonly logGroups: Record<BuildKind, aws.cloudwatch.LogGroup>;
    readonly projects: Record<BuildKind, aws.codebuild.Project>;

    constructor(name: string, args: BuildArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payments:cicd:Build", name, {}, opts);
        const n = args.naming;
        const buildspecs = Object.fromEntries(buildKinds.map(k => [k, readBuildspec(projects[k].buildspec, args.buildspecDir)])) as Record<BuildKind, string>;

        this.repository = new aws.ecr.Repository(`${name}-repository`, {
            name: n.repositoryName,
            imageTagMutability: "IMMUTABLE",
            imageScanningConfiguration: { scanOnPush: true },
            encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.kmsKeyArn }],
            forceDelete: false,
        }, { parent: this });
        this.lifecyclePolicy = new aws.ecr.LifecyclePolicy(`${name}-repository-lifecycle`, {
            repository: this.repository.name,
            policy: JSON.stringify({
                rules: [
                    {
                        rulePriority: 1, description: "Expire untagged images after 14 days",
                        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 },
                        action: { type: "expire" },
                    },
                    {
                        rulePriority: 2, description: "Keep the 100 most recent images",
                        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 100 },
                        action: { type: "expire" },
                    },
                ],
            }),
        }, { parent: this });

        const logGroups = {} as Record<BuildKind, aws.cloudwatch.LogGroup>;
        const built = {} as Record<BuildKind, aws.codebuild.Project>;
        for (const kind of buildKinds) {
            const p = projects[kind];
            logGroups[kind] = new aws.cloudwatch.LogGroup(`${name}-${kind}-logs`, {
                name: n.codeBuildLogGroup(kind),
                retentionInDays: args.logRetentionDays ?? 365,
                kmsKeyId: args.kmsKeyArn,
            }, { parent: this });
            built[kind] = new aws.codebuild.Project(`${name}-${kind}`, {
                name: n.projectName(kind),
                description: p.description,
                serviceRole: args.serviceRoleArn,
                encryptionKey: args.kmsKeyArn,
                buildTimeout: 30,
                queuedTimeout: 60,
                artifacts: { type: "CODEPIPELINE" },
                source: { type: "CODEPIPELINE", buildspec: buildspecs[kind] },
                environment: {
                    type: "LINUX_CONTAINER",
                    computeType: "BUILD_GENERAL1_SMALL",
                    image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
                    imagePullCredentialsType: "CODEBUILD",
                    // Only the image build runs docker, which needs privileged mode.
                    privilegedMode: p.privileged,
                    environmentVariables: [
                        { name: "IMAGE_REPO_URI", type: "PLAINTEXT", value: n.repositoryUrl },
                        { name: "CONTAINER_NAME", type: "PLAINTEXT", value: containerName },
                        { name: "FAIL_ON_SEVERITY", type: "PLAINTEXT", value: "CRITICAL" },
                    ],
                },
                logsConfig: {
                    cloudwatchLogs: { status: "ENABLED", groupName: n.codeBuildLogGroup(kind) },
                    s3Logs: { status: "DISABLED" },
                },
            }, { parent: this, dependsOn: [logGroups[kind]] });
        }
        this.logGroups = logGroups;
        this.projects = built;
        this.registerOutputs({ repositoryUrl: this.repository.repositoryUrl });
    }
}
