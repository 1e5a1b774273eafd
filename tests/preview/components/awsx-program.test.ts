// A program using the real @pulumi/awsx SDK (its components register with `remote: true`), previewed
// offline: the children the awsx models register appear with the URNs the engine would give them,
// and the pack judges them.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import { flagged, previewProgram } from "../../helpers/preview";
import { PreviewResult, wire } from "../../../preview/src";

const stack = "urn:pulumi:dev::test::";

describe("a program with awsx components, previewed offline", function () {
    this.timeout(120_000);
    let result: PreviewResult;

    before(async () => {
        result = await previewProgram(() => {
            const vpc = new awsx.ec2.Vpc("vpc", { numberOfAvailabilityZones: 2, natGateways: { strategy: "Single" } });
            const repo = new awsx.ecr.Repository("Repo", { forceDelete: true });
            const lb = new awsx.lb.ApplicationLoadBalancer("lb", {});
            const cluster = new aws.ecs.Cluster("cluster", {});
            new awsx.ecs.FargateService("svc", {
                cluster: cluster.arn,
                networkConfiguration: { subnets: vpc.privateSubnetIds, securityGroups: [] },
                taskDefinitionArgs: {
                    container: { name: "app", image: "nginx:1.27", cpu: 256, memory: 512, essential: true, portMappings: [{ containerPort: 80 }] },
                },
            });
            return { vpcId: vpc.vpcId, privateSubnetIds: vpc.privateSubnetIds, url: repo.url };
        });
    });

    function resource(type: string, name: string) {
        const r = result.resources.find(x => x.type === type && x.name === name);
        assert.ok(r, `no ${type} ${name}`);
        return r;
    }

    it("registers the VPC's children with the engine's URNs and parents", () => {
        const under = (chain: string, name: string) => `${stack}${chain}::${name}`;
        const vpc = "awsx:ec2:Vpc$aws:ec2/vpc:Vpc";
        const sub = `${vpc}$aws:ec2/subnet:Subnet`;
        const rt = `${sub}$aws:ec2/routeTable:RouteTable`;
        const perAz = (n: number, nat: boolean) => [
            under(sub, `vpc-public-${n}`), under(rt, `vpc-public-${n}`), under(`${rt}$aws:ec2/routeTableAssociation:RouteTableAssociation`, `vpc-public-${n}`),
            ...(nat ? [under(`${sub}$aws:ec2/eip:Eip`, "vpc-1"), under(`${sub}$aws:ec2/natGateway:NatGateway`, "vpc-1")] : []),
            under(`${rt}$aws:ec2/route:Route`, `vpc-public-${n}`),
            under(sub, `vpc-private-${n}`), under(rt, `vpc-private-${n}`), under(`${rt}$aws:ec2/routeTableAssociation:RouteTableAssociation`, `vpc-private-${n}`),
            under(`${rt}$aws:ec2/route:Route`, `vpc-private-${n}`),
        ];
        const urns = result.resources.map(r => r.urn).filter(u => u.includes("::awsx:ec2:Vpc"));
        assert.deepStrictEqual(urns, [
            under("awsx:ec2:Vpc", "vpc"), under(vpc, "vpc"), under(`${vpc}$aws:ec2/internetGateway:InternetGateway`, "vpc"),
            ...perAz(1, true), ...perAz(2, false),
        ]);
        const table = resource("aws:ec2/routeTable:RouteTable", "vpc-private-2");
        assert.strictEqual(table.parent, under(sub, "vpc-private-2"));
        const assoc = resource("aws:ec2/routeTableAssociation:RouteTableAssociation", "vpc-private-2");
        assert.strictEqual(assoc.parent, table.urn);
        assert.deepStrictEqual(assoc.propertyDependencies.subnetId, [under(sub, "vpc-private-2")]);
        assert.deepStrictEqual(assoc.propertyDependencies.routeTableId, [table.urn]);
        const privateRoute = resource("aws:ec2/route:Route", "vpc-private-2");
        assert.deepStrictEqual(privateRoute.propertyDependencies.natGatewayId, [under(`${sub}$aws:ec2/natGateway:NatGateway`, "vpc-1")]);
        const subnet = resource("aws:ec2/subnet:Subnet", "vpc-private-2");
        assert.strictEqual(subnet.inputs.cidrBlock, "10.0.128.0/18");
        assert.strictEqual(subnet.inputs.availabilityZone, "eu-west-1b");
        assert.ok(resource("awsx:ec2:Vpc", "vpc").modelled?.includes("awsx/ec2/vpc.ts"));
    });

    it("registers the other components' children under them", () => {
        const byComponent = (type: string) => result.resources.filter(r => r.urn.includes(`::${type}$`)).map(r => r.urn.slice(stack.length));
        assert.deepStrictEqual(byComponent("awsx:ecr:Repository"), [
            "awsx:ecr:Repository$aws:ecr/repository:Repository::repo",
            "awsx:ecr:Repository$aws:ecr/lifecyclePolicy:LifecyclePolicy::repo",
        ]);
        assert.deepStrictEqual(byComponent("awsx:lb:ApplicationLoadBalancer"), [
            "awsx:lb:ApplicationLoadBalancer$aws:ec2/securityGroup:SecurityGroup::lb",
            "awsx:lb:ApplicationLoadBalancer$aws:lb/loadBalancer:LoadBalancer::lb",
            "awsx:lb:ApplicationLoadBalancer$aws:lb/targetGroup:TargetGroup::lb",
            "awsx:lb:ApplicationLoadBalancer$aws:lb/listener:Listener::lb-0",
        ]);
        const td = "awsx:ecs:FargateService$awsx:ecs:FargateTaskDefinition";
        assert.deepStrictEqual(byComponent("awsx:ecs:FargateService"), [
            `${td}::svc`,
            `${td}$aws:cloudwatch/logGroup:LogGroup::svc`,
            `${td}$aws:iam/role:Role::svc-task`,
            `${td}$aws:iam/role:Role::svc-execution`,
            `${td}$aws:iam/rolePolicyAttachment:RolePolicyAttachment::svc-execution-9a42f520`,
            `${td}$aws:ecs/taskDefinition:TaskDefinition::svc`,
            "awsx:ecs:FargateService$aws:ecs/service:Service::svc",
        ]);
        const service = resource("aws:ecs/service:Service", "svc");
        assert.strictEqual(service.inputs.launchType, "FARGATE");
        assert.deepStrictEqual(service.propertyDependencies.taskDefinition, [`${stack}${td}$aws:ecs/taskDefinition:TaskDefinition::svc`]);
        // The subnets came from the VPC component's outputs: unknown during a preview.
        assert.ok(wire.containsUnknown((service.inputs.networkConfiguration as any).subnets));
    });

    it("lets the pack judge the children as it would under the engine", () => {
        assert.deepStrictEqual(flagged(result, "vpc-flow-logs-enabled"), ["vpc"], "awsx creates no flow log");
        assert.deepStrictEqual(flagged(result, "ec2-security-group-no-public-ingress"), ["lb"]);
        assert.deepStrictEqual(flagged(result, "ecr-repository-scan-on-push"), ["repo"]);
        assert.deepStrictEqual(flagged(result, "ecr-repository-immutable-tags"), ["repo"]);
        assert.ok(flagged(result, "cloudwatch-log-group-kms-encryption").includes("svc"));
        assert.deepStrictEqual(flagged(result, "cloudwatch-log-group-retention"), [], "no retention set: never expires");
    });
});
