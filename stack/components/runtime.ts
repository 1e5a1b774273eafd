// Where the service runs: a VPC with private subnets only (no internet gateway, no NAT), VPC endpoints
// for ECR, S3, CloudWatch Logs, KMS, Secrets Manager and STS, flow logs to an encrypted 365-day log
// group, security groups with no public ingress, and an ECS Fargate cluster, task definition and service.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Naming, containerName, containerPort } from "../naming";

export interface RuntimeArgs {
    naming: Naming;
    vpcCidr: string;
    /** Private subnets, one per availability zone (2 or 3). */
    zones?: number;
    kmsKeyArn: pulumi.Input<string>;
    executionRoleArn: pulumi.Input<string>;
    flowLogsRoleArn: pulumi.Input<string>;
    desiredCount: number;
    logRetentionDays?: number;
}

/** Interface endpoints the Fargate tasks need to pull images, write logs and read secrets privately. */
export const interfaceEndpoints = ["ecr.api", "ecr.dkr", "logs", "kms", "secretsmanager", "sts"] as const;

/** The `index`-th subnet of `cidr` with `newBits` more prefix bits (IPv4). */
export function subnetCidr(cidr: string, newBits: number, index: number): string {
    const [addr, bitsText] = cidr.split("/");
    const bits = Number(bitsText) + newBits;
    const base = addr.split(".").reduce((a, o) => (a * 256) + Number(o), 0);
    const start = base + index * 2 ** (32 - bits);
    const octets = [24, 16, 8, 0].map(s => Math.floor(start / 2 ** s) % 256);
    return `${octets.join(".")}/${bits}`;
}

export class Runtime extends pulumi.ComponentResource {
    readonly vpc: aws.ec2.Vpc;
    readonly subnets: aws.ec2.Subnet[];
    readonly routeTable: aws.ec2.RouteTable;
    readonly endpoints: aws.ec2.VpcEndpoint[];
    readonly flowLogGroup: aws.cloudwatch.LogGroup;
    readonly flowLog: aws.ec2.FlowLog;
    readonly endpointSecurityGroup: aws.ec2.SecurityGroup;
    readonly serviceSecurityGroup: aws.ec2.SecurityGroup;
    readonly appLogGroup: aws.cloudwatch.LogGroup;
    readonly cluster: aws.ecs.Cluster;
    readonly taskDefinition: aws.ecs.TaskDefinition;
    readonly service: aws.ecs.Service;

    constructor(name: string, args: RuntimeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payments:runtime:Runtime", name, {}, opts);
        const n = args.naming;
        const parent = { parent: this };
        const zones = args.zones ?? 2;
        const retention = args.logRetentionDays ?? 365;

        this.vpc = new aws.ec2.Vpc(`${name}-vpc`, {
            cidrBlock: args.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true,
            tags: { Name: `${n.prefix}-private` },
        }, parent);
        // The default security group allows all traffic between its members: strip its rules.
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: this.vpc.id, tags: { Name: `${n.prefix}-default-unused` } }, parent);

        const azs = aws.getAvailabilityZonesOutput({ state: "available" }, parent);
        this.routeTable = new aws.ec2.RouteTable(`${name}-private-routes`, {
            vpcId: this.vpc.id, tags: { Name: `${n.prefix}-private` },
        }, parent);
        this.subnets = [];
        for (let i = 0; i < zones; i++) {
            const subnet = new aws.ec2.Subnet(`${name}-private-${i + 1}`, {
                vpcId: this.vpc.id,
                cidrBlock: subnetCidr(args.vpcCidr, 2, i),
                availabilityZone: azs.names.apply(z => z[i % z.length]),
                mapPublicIpOnLaunch: false,
                tags: { Name: `${n.prefix}-private-${i + 1}` },
            }, parent);
            new aws.ec2.RouteTableAssociation(`${name}-private-${i + 1}-routes`, { subnetId: subnet.id, routeTableId: this.routeTable.id }, parent);
            this.subnets.push(subnet);
        }

        this.flowLogGroup = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, {
            name: n.flowLogGroup, retentionInDays: retention, kmsKeyId: args.kmsKeyArn,
        }, parent);
        this.flowLog = new aws.ec2.FlowLog(`${name}-flow-log`, {
            vpcId: this.vpc.id,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: this.flowLogGroup.arn,
            iamRoleArn: args.flowLogsRoleArn,
            maxAggregationInterval: 60,
        }, parent);

        this.endpointSecurityGroup = new aws.ec2.SecurityGroup(`${name}-endpoints-sg`, {
            vpcId: this.vpc.id, description: "HTTPS from inside the VPC to the interface endpoints",
        }, parent);
        new aws.vpc.SecurityGroupIngressRule(`${name}-endpoints-https-in`, {
            securityGroupId: this.endpointSecurityGroup.id, description: "HTTPS from the VPC",
            ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: args.vpcCidr,
        }, parent);

        this.serviceSecurityGroup = new aws.ec2.SecurityGroup(`${name}-service-sg`, {
            vpcId: this.vpc.id, description: `${containerName} tasks: reachable from inside the VPC only`,
        }, parent);
        new aws.vpc.SecurityGroupIngressRule(`${name}-service-app-in`, {
            securityGroupId: this.serviceSecurityGroup.id, description: "Service port from the VPC",
            ipProtocol: "tcp", fromPort: containerPort, toPort: containerPort, cidrIpv4: args.vpcCidr,
        }, parent);
        new aws.vpc.SecurityGroupEgressRule(`${name}-service-endpoints-out`, {
            securityGroupId: this.serviceSecurityGroup.id, description: "HTTPS to the interface endpoints",
            ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: this.endpointSecurityGroup.id,
        }, parent);

        this.endpoints = [];
        const s3 = new aws.ec2.VpcEndpoint(`${name}-s3-endpoint`, {
            vpcId: this.vpc.id, serviceName: `com.amazonaws.${n.region}.s3`, vpcEndpointType: "Gateway",
            routeTableIds: [this.routeTable.id], tags: { Name: `${n.prefix}-s3` },
        }, parent);
        this.endpoints.push(s3);
        new aws.vpc.SecurityGroupEgressRule(`${name}-service-s3-out`, {
            securityGroupId: this.serviceSecurityGroup.id, description: "HTTPS to S3 (image layers) through the gateway endpoint",
            ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: s3.prefixListId,
        }, parent);
        for (const svc of interfaceEndpoints) {
            this.endpoints.push(new aws.ec2.VpcEndpoint(`${name}-${svc.replace(".", "-")}-endpoint`, {
                vpcId: this.vpc.id, serviceName: `com.amazonaws.${n.region}.${svc}`, vpcEndpointType: "Interface",
                privateDnsEnabled: true, subnetIds: this.subnets.map(s => s.id),
                securityGroupIds: [this.endpointSecurityGroup.id], tags: { Name: `${n.prefix}-${svc}` },
            }, parent));
        }

        this.appLogGroup = new aws.cloudwatch.LogGroup(`${name}-app-logs`, {
            name: n.appLogGroup, retentionInDays: retention, kmsKeyId: args.kmsKeyArn,
        }, parent);
        this.cluster = new aws.ecs.Cluster(`${name}-cluster`, {
            name: n.clusterName,
            settings: [{ name: "containerInsights", value: "enabled" }],
        }, parent);
        this.taskDefinition = new aws.ecs.TaskDefinition(`${name}-task`, {
            family: n.taskFamily,
            requiresCompatibilities: ["FARGATE"],
            networkMode: "awsvpc",
            cpu: "512",
            memory: "1024",
            executionRoleArn: args.executionRoleArn,
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
            volumes: [{ name: "tmp" }],
            containerDefinitions: pulumi.jsonStringify([{
                name: containerName,
                // The pipeline deploys each build's immutable tag; this first tag exists once the
                // pipeline has run (until then ECS reports that it cannot pull the image).
                image: pulumi.interpolate`${n.repositoryUrl}:initial`,
                essential: true,
                privileged: false,
                readonlyRootFilesystem: true,
                mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
                linuxParameters: { capabilities: { drop: ["ALL"] }, initProcessEnabled: true },
                portMappings: [{ containerPort, protocol: "tcp" }],
                logConfiguration: {
                    logDriver: "awslogs",
                    options: { "awslogs-group": n.appLogGroup, "awslogs-region": n.region, "awslogs-stream-prefix": containerName },
                },
            }]),
        }, { parent: this, dependsOn: [this.appLogGroup] });
        this.service = new aws.ecs.Service(`${name}-service`, {
            name: n.serviceName,
            cluster: this.cluster.arn,
            taskDefinition: this.taskDefinition.arn,
            desiredCount: args.desiredCount,
            launchType: "FARGATE",
            platformVersion: "LATEST",
            deploymentController: { type: "ECS" },
            deploymentCircuitBreaker: { enable: true, rollback: true },
            networkConfiguration: {
                subnets: this.subnets.map(s => s.id),
                securityGroups: [this.serviceSecurityGroup.id],
                assignPublicIp: false,
            },
            enableEcsManagedTags: true,
            propagateTags: "SERVICE",
            waitForSteadyState: false,
        }, {
            parent: this,
            dependsOn: this.endpoints,
            // The pipeline deploys new task definition revisions; `pulumi up` must not roll them back.
            ignoreChanges: ["taskDefinition"],
        });
        this.registerOutputs({ vpcId: this.vpc.id, clusterName: this.cluster.name });
    }
}
