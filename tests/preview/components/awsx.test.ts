// The awsx component models: the children each registers (type, name, parent), their key
// properties, and that odd or unknown inputs do not throw. Expected values are worked out from
// awsx's source (the commit in preview/src/capture/components/awsx/common.ts), not from the models.
import * as assert from "assert";
import * as path from "path";
import { componentModel, modelledComponentTypes } from "../../../preview/src/capture/components";
import { sdkInputs, types } from "../../../preview/src/capture/components/awsx/common";
import { ChildGoal, Expansion, childKey, isChildRef, unknownInput } from "../../../preview/src/capture/components/model";
import { SchemaIndex } from "../../../preview/src/capture/schema";

const U = unknownInput;
const region = "eu-west-1";
const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

function expand(type: string, name: string, inputs: Record<string, unknown> = {}): Expansion {
    const model = componentModel(type);
    assert.ok(model, `no model for ${type}`);
    return model.expand({ name, inputs, region, account: "123456789012", availabilityZones: zones });
}

/** [type, name, parent as "type::name" (or "component")] of every child, in order. */
function tree(e: Expansion): [string, string, string][] {
    const byKey = new Map(e.children.map(c => [childKey(c), c] as const));
    return e.children.map(c => {
        const p = c.parent === undefined ? undefined : byKey.get(c.parent);
        return [c.type, c.name, p ? `${p.type}::${p.name}` : c.parent === undefined ? "component" : `missing ${c.parent}`];
    });
}

function child(e: Expansion, type: string, name: string): ChildGoal {
    const c = e.children.find(x => x.type === type && x.name === name);
    assert.ok(c, `no ${type} ${name} among ${tree(e).map(t => `${t[0]} ${t[1]}`).join(", ")}`);
    return c;
}

function props(e: Expansion, type: string, name: string): Record<string, unknown> {
    return child(e, type, name).properties;
}

/** A child reference as "type::name.output", to compare references by what they point at. */
function refTo(e: Expansion, v: unknown): string {
    assert.ok(isChildRef(v), `not a child reference: ${String(v)}`);
    const target = e.children.find(c => childKey(c) === v.__childRef);
    assert.ok(target, `reference to no child: ${v.__childRef}`);
    return `${target.type}::${target.name}.${v.output}`;
}

/** Keys are unique, and parents, references and dependsOn name earlier children. */
function assertWellFormed(e: Expansion): void {
    const seen = new Set<string>();
    const urns = new Set<string>();
    for (const c of e.children) {
        const check = (k: string, what: string) => assert.ok(seen.has(k), `${c.type} ${c.name}: ${what} ${k} is not an earlier child`);
        if (c.parent !== undefined) check(c.parent, "parent");
        for (const d of c.dependsOn ?? []) check(d, "dependsOn");
        const visit = (v: unknown): void => {
            if (isChildRef(v)) check(v.__childRef, "reference");
            else if (Array.isArray(v)) v.forEach(visit);
            else if (v && typeof v === "object") Object.values(v).forEach(visit);
        };
        visit(c.properties);
        assert.ok(!seen.has(childKey(c)), `duplicate key ${childKey(c)}`);
        seen.add(childKey(c));
        // Same type, name and parent would be the same URN.
        const urn = `${c.parent ?? ""}|${c.type}|${c.name}`;
        assert.ok(!urns.has(urn), `duplicate URN ${urn}`);
        urns.add(urn);
    }
}

const subnet = types.subnet, routeTable = types.routeTable, assoc = types.routeTableAssociation, route = types.route;
const vpcT = types.vpc, igw = types.internetGateway, eip = types.eip, nat = types.natGateway;

describe("awsx component models", () => {
    it("are registered for the awsx components programs use most", () => {
        const awsx = ["awsx:ec2:Vpc", "awsx:ecr:Repository", "awsx:ecs:FargateService", "awsx:ecs:FargateTaskDefinition", "awsx:lb:ApplicationLoadBalancer"];
        assert.deepStrictEqual(modelledComponentTypes().filter(t => t.startsWith("awsx:")), awsx);
        for (const t of awsx) {
            assert.match(componentModel(t)!.source, /^awsx 3\.8\.0-16-ge60adf3 .*@ e60adf3$/);
        }
    });

    it("use the declared inputs of the installed @pulumi/aws classes", () => {
        const schemas = new SchemaIndex(path.resolve(__dirname, "..", "..", ".."));
        const byType: Record<keyof typeof sdkInputs, string> = {
            vpc: types.vpc, ecrRepository: types.ecrRepository, logGroup: types.logGroup, role: types.role,
            taskDefinition: types.taskDefinition, service: types.service, securityGroup: types.securityGroup,
            loadBalancer: types.loadBalancer, targetGroup: types.targetGroup, listener: types.listener, vpcEndpoint: types.vpcEndpoint,
        };
        for (const [k, type] of Object.entries(byType)) {
            assert.deepStrictEqual([...sdkInputs[k as keyof typeof sdkInputs]].sort(), [...schemas.get(type).inputs].sort(), type);
        }
        for (const type of Object.values(types)) {
            assert.ok(schemas.get(type).inputs.size > 0, `${type} is not a type of the installed @pulumi/aws`);
        }
    });

    describe("awsx:ec2:Vpc", () => {
        const perAz = (n: number, nat: boolean): [string, string, string][] => [
            [subnet, `vpc-public-${n}`, `${vpcT}::vpc`],
            [routeTable, `vpc-public-${n}`, `${subnet}::vpc-public-${n}`],
            [assoc, `vpc-public-${n}`, `${routeTable}::vpc-public-${n}`],
            ...(nat ? [[eip, `vpc-${n}`, `${subnet}::vpc-public-${n}`], [types.natGateway, `vpc-${n}`, `${subnet}::vpc-public-${n}`]] as [string, string, string][] : []),
            [route, `vpc-public-${n}`, `${routeTable}::vpc-public-${n}`],
            [subnet, `vpc-private-${n}`, `${vpcT}::vpc`],
            [routeTable, `vpc-private-${n}`, `${subnet}::vpc-private-${n}`],
            [assoc, `vpc-private-${n}`, `${routeTable}::vpc-private-${n}`],
            [route, `vpc-private-${n}`, `${routeTable}::vpc-private-${n}`],
        ];

        it("by default: a /16, public and private subnets in 3 AZs, a NAT gateway per AZ, no flow log", () => {
            const e = expand("awsx:ec2:Vpc", "vpc");
            assertWellFormed(e);
            assert.deepStrictEqual(tree(e), [
                [vpcT, "vpc", "component"],
                [igw, "vpc", `${vpcT}::vpc`],
                ...perAz(1, true), ...perAz(2, true), ...perAz(3, true),
            ]);
            assert.deepStrictEqual(props(e, vpcT, "vpc"), { cidrBlock: "10.0.0.0/16", tags: { Name: "vpc" } });
            const cidrs = e.children.filter(c => c.type === subnet).map(c => [c.name, c.properties.availabilityZone, c.properties.cidrBlock, c.properties.mapPublicIpOnLaunch]);
            assert.deepStrictEqual(cidrs, [
                ["vpc-public-1", "eu-west-1a", "10.0.32.0/20", true], ["vpc-private-1", "eu-west-1a", "10.0.0.0/19", false],
                ["vpc-public-2", "eu-west-1b", "10.0.96.0/20", true], ["vpc-private-2", "eu-west-1b", "10.0.64.0/19", false],
                ["vpc-public-3", "eu-west-1c", "10.0.160.0/20", true], ["vpc-private-3", "eu-west-1c", "10.0.128.0/19", false],
            ]);
            const pub = props(e, subnet, "vpc-public-1");
            assert.deepStrictEqual(pub.tags, { Name: "vpc-public-1", SubnetType: "Public" });
            assert.strictEqual(refTo(e, pub.vpcId), `${vpcT}::vpc.id`);
            assert.deepStrictEqual(child(e, subnet, "vpc-public-1").dependsOn?.length, 1);
            // Routes: public to the internet gateway, private to its AZ's NAT gateway.
            const r1 = props(e, route, "vpc-public-1");
            assert.strictEqual(r1.destinationCidrBlock, "0.0.0.0/0");
            assert.strictEqual(refTo(e, r1.gatewayId), `${igw}::vpc.id`);
            assert.strictEqual(refTo(e, r1.routeTableId), `${routeTable}::vpc-public-1.id`);
            assert.strictEqual(refTo(e, props(e, route, "vpc-private-2").natGatewayId), `${nat}::vpc-2.id`);
            assert.strictEqual(refTo(e, props(e, route, "vpc-private-3").routeTableId), `${routeTable}::vpc-private-3.id`);
            const a1 = props(e, assoc, "vpc-private-1");
            assert.strictEqual(refTo(e, a1.subnetId), `${subnet}::vpc-private-1.id`);
            assert.strictEqual(refTo(e, a1.routeTableId), `${routeTable}::vpc-private-1.id`);
            assert.strictEqual(refTo(e, props(e, nat, "vpc-1").allocationId), `${eip}::vpc-1.allocationId`);
            assert.strictEqual(refTo(e, props(e, nat, "vpc-1").subnetId), `${subnet}::vpc-public-1.id`);
            assert.deepStrictEqual(props(e, eip, "vpc-1"), { tags: { Name: "vpc-1" } });
            assert.ok(!e.children.some(c => c.type === "aws:ec2/flowLog:FlowLog"), "awsx creates no flow log");

            const outs = e.outputs((c, p) => `${c}.${p}`);
            assert.deepStrictEqual(Object.keys(outs).sort(), ["isolatedSubnetIds", "privateSubnetIds", "publicSubnetIds", "vpcId"]);
            assert.strictEqual(outs.vpcId, `${vpcT}::vpc.id`);
            assert.deepStrictEqual(outs.publicSubnetIds, [1, 2, 3].map(i => `${subnet}::vpc-public-${i}.id`));
            assert.deepStrictEqual(outs.privateSubnetIds, [1, 2, 3].map(i => `${subnet}::vpc-private-${i}.id`));
            assert.deepStrictEqual(outs.isolatedSubnetIds, []);
        });

        it("with 2 AZs, its own CIDR block, a single NAT gateway, DNS hostnames and tags", () => {
            const e = expand("awsx:ec2:Vpc", "vpc", {
                numberOfAvailabilityZones: 2, cidrBlock: "10.1.0.0/16", natGateways: { strategy: "Single" },
                enableDnsHostnames: true, tags: { team: "pay" },
            });
            assertWellFormed(e);
            assert.deepStrictEqual(tree(e), [
                [vpcT, "vpc", "component"], [igw, "vpc", `${vpcT}::vpc`], ...perAz(1, true), ...perAz(2, false),
            ]);
            assert.deepStrictEqual(props(e, vpcT, "vpc"), { cidrBlock: "10.1.0.0/16", enableDnsHostnames: true, tags: { Name: "vpc", team: "pay" } });
            assert.deepStrictEqual(e.children.filter(c => c.type === subnet).map(c => c.properties.cidrBlock),
                ["10.1.64.0/19", "10.1.0.0/18", "10.1.192.0/19", "10.1.128.0/18"]);
            assert.deepStrictEqual(props(e, subnet, "vpc-private-2").tags, { Name: "vpc-private-2", team: "pay", SubnetType: "Private" });
            assert.deepStrictEqual(props(e, eip, "vpc-1").tags, { team: "pay", Name: "vpc-1" });
            for (const n of [1, 2]) {
                assert.strictEqual(refTo(e, props(e, route, `vpc-private-${n}`).natGatewayId), `${nat}::vpc-1.id`);
            }
        });

        it("with natGateways None: no EIPs, no NAT gateways, no routes for private subnets", () => {
            const e = expand("awsx:ec2:Vpc", "vpc", { natGateways: { strategy: "None" } });
            assertWellFormed(e);
            assert.ok(!e.children.some(c => c.type === eip || c.type === nat));
            assert.deepStrictEqual(e.children.filter(c => c.type === route).map(c => c.name), ["vpc-public-1", "vpc-public-2", "vpc-public-3"]);
        });

        it("with subnetSpecs and the Legacy strategy (the default)", () => {
            const e = expand("awsx:ec2:Vpc", "vpc", { subnetSpecs: [{ type: "Private", cidrMask: 21 }, { type: "Public", cidrMask: 24 }] });
            assertWellFormed(e);
            assert.deepStrictEqual(e.children.filter(c => c.type === subnet).map(c => [c.name, c.properties.cidrBlock]), [
                ["vpc-public-1", "10.0.8.0/24"], ["vpc-private-1", "10.0.0.0/21"],
                ["vpc-public-2", "10.0.72.0/24"], ["vpc-private-2", "10.0.64.0/21"],
                ["vpc-public-3", "10.0.136.0/24"], ["vpc-private-3", "10.0.128.0/21"],
            ]);
        });

        it("with the Auto strategy: subnets packed in spec order, isolated subnets without routes", () => {
            const e = expand("awsx:ec2:Vpc", "v", {
                subnetStrategy: "Auto", natGateways: { strategy: "Single" },
                subnetSpecs: [{ type: "Public", cidrMask: 24 }, { type: "Private", cidrMask: 22 }, { type: "Isolated", name: "db", cidrMask: 26, tags: { tier: "db" } }],
            });
            assertWellFormed(e);
            assert.deepStrictEqual(e.children.filter(c => c.type === subnet).map(c => [c.name, c.properties.cidrBlock]), [
                ["v-public-1", "10.0.0.0/24"], ["v-private-1", "10.0.4.0/22"], ["v-db-1", "10.0.8.0/26"],
                ["v-public-2", "10.0.64.0/24"], ["v-private-2", "10.0.68.0/22"], ["v-db-2", "10.0.72.0/26"],
                ["v-public-3", "10.0.128.0/24"], ["v-private-3", "10.0.132.0/22"], ["v-db-3", "10.0.136.0/26"],
            ]);
            assert.deepStrictEqual(props(e, subnet, "v-db-2").tags, { Name: "v-db-2", tier: "db", SubnetType: "Isolated" });
            assert.deepStrictEqual(props(e, routeTable, "v-db-2").tags, { Name: "v-db-2", SubnetType: "Isolated" });
            assert.ok(!e.children.some(c => c.type === route && c.name.startsWith("v-db-")));
            assert.deepStrictEqual(e.outputs((c, p) => `${c}.${p}`).isolatedSubnetIds, [1, 2, 3].map(i => `${subnet}::v-db-${i}.id`));
        });

        it("with AutoMerge: the default private subnets kept beside a public override", () => {
            const e = expand("awsx:ec2:Vpc", "m", {
                availabilityZoneNames: ["us-east-1a", "us-east-1b"], natGateways: { strategy: "None" },
                subnetStrategy: "AutoMerge", subnetSpecs: [{ type: "Public", cidrMask: 20 }],
            });
            assert.deepStrictEqual(e.children.filter(c => c.type === subnet).map(c => [c.name, c.properties.availabilityZone, c.properties.cidrBlock]), [
                ["m-public-1", "us-east-1a", "10.0.64.0/20"], ["m-private-1", "us-east-1a", "10.0.0.0/18"],
                ["m-public-2", "us-east-1b", "10.0.192.0/20"], ["m-private-2", "us-east-1b", "10.0.128.0/18"],
            ]);
        });

        it("with explicit cidrBlocks per AZ", () => {
            const e = expand("awsx:ec2:Vpc", "x", {
                subnetStrategy: "Auto", numberOfAvailabilityZones: 2, natGateways: { strategy: "None" },
                subnetSpecs: [{ type: "Public", cidrBlocks: ["10.0.0.0/18", "10.0.64.0/19"] }, { type: "Isolated", cidrBlocks: ["10.0.96.0/19", "10.0.128.0/20"] }],
            });
            assert.deepStrictEqual(e.children.filter(c => c.type === subnet).map(c => [c.name, c.properties.cidrBlock]), [
                ["x-public-1", "10.0.0.0/18"], ["x-isolated-1", "10.0.96.0/19"], ["x-public-2", "10.0.64.0/19"], ["x-isolated-2", "10.0.128.0/20"],
            ]);
        });

        it("names resources by AZ index whatever the Name tag strategy", () => {
            const e = expand("awsx:ec2:Vpc", "vpc", { subnetNameTagStrategy: "AvailabilityZone", numberOfAvailabilityZones: 1 });
            assert.deepStrictEqual(props(e, subnet, "vpc-public-1").tags, { Name: "vpc-public-1a", SubnetType: "Public" });
            assert.deepStrictEqual(props(e, routeTable, "vpc-private-1").tags, { Name: "vpc-private-1a", SubnetType: "Private" });
        });

        it("with given EIP allocation ids: NAT gateways use them, no EIPs", () => {
            const e = expand("awsx:ec2:Vpc", "vpc", { numberOfAvailabilityZones: 2, natGateways: { strategy: "OnePerAz", elasticIpAllocationIds: ["eipalloc-1", "eipalloc-2"] } });
            assert.ok(!e.children.some(c => c.type === eip));
            assert.deepStrictEqual(e.children.filter(c => c.type === nat).map(c => [c.name, c.properties.allocationId]), [["vpc-1", "eipalloc-1"], ["vpc-2", "eipalloc-2"]]);
        });

        it("with VPC endpoints: Legacy passes the spec through, Auto adds DNS, subnets and a security group", () => {
            const legacy = expand("awsx:ec2:Vpc", "e", { vpcEndpointSpecs: [{ serviceName: "com.amazonaws.us-west-2.s3" }] });
            assertWellFormed(legacy);
            assert.deepStrictEqual(tree(legacy).slice(-1), [[types.vpcEndpoint, "com.amazonaws.us-west-2.s3", `${vpcT}::e`]]);
            const ep = props(legacy, types.vpcEndpoint, "com.amazonaws.us-west-2.s3");
            assert.deepStrictEqual({ ...ep, vpcId: refTo(legacy, ep.vpcId) }, { serviceName: "com.amazonaws.us-west-2.s3", tags: { Name: "e" }, vpcId: `${vpcT}::e.id` });

            const auto = expand("awsx:ec2:Vpc", "e", {
                vpcEndpointStrategy: "Auto", numberOfAvailabilityZones: 2,
                vpcEndpointSpecs: [{ serviceName: "com.amazonaws.eu-west-1.ecr.api", vpcEndpointType: "Interface" }, { serviceName: "com.amazonaws.eu-west-1.s3" }],
            });
            assertWellFormed(auto);
            assert.deepStrictEqual(tree(auto).slice(-4), [
                [types.securityGroup, "com.amazonaws.eu-west-1.ecr.api-sg", `${vpcT}::e`],
                [types.securityGroupRule, "com.amazonaws.eu-west-1.ecr.api-ingress", `${vpcT}::e`],
                [types.vpcEndpoint, "com.amazonaws.eu-west-1.ecr.api", `${vpcT}::e`],
                [types.vpcEndpoint, "com.amazonaws.eu-west-1.s3", `${vpcT}::e`],
            ]);
            assert.deepStrictEqual(props(auto, vpcT, "e"), { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: "e" } });
            const iface = props(auto, types.vpcEndpoint, "com.amazonaws.eu-west-1.ecr.api");
            assert.strictEqual(iface.privateDnsEnabled, true);
            assert.deepStrictEqual((iface.subnetIds as unknown[]).map(v => refTo(auto, v)), [`${subnet}::e-private-1.id`, `${subnet}::e-private-2.id`]);
            const rule = props(auto, types.securityGroupRule, "com.amazonaws.eu-west-1.ecr.api-ingress");
            assert.deepStrictEqual([rule.type, rule.protocol, rule.fromPort, rule.toPort, refTo(auto, (rule.cidrBlocks as unknown[])[0])], ["ingress", "tcp", 443, 443, `${vpcT}::e.cidrBlock`]);
            const gw = props(auto, types.vpcEndpoint, "com.amazonaws.eu-west-1.s3");
            assert.strictEqual((gw.routeTableIds as unknown[]).length, 4);
        });

        it("does not throw on unknown or odd inputs, and leaves what depends on them unknown", () => {
            const all = ["cidrBlock", "numberOfAvailabilityZones", "subnetSpecs", "subnetStrategy", "natGateways", "tags", "enableDnsHostnames",
                "availabilityZoneNames", "vpcEndpointSpecs", "region", "assignGeneratedIpv6CidrBlock", "ipv4IpamPoolId"];
            const e = expand("awsx:ec2:Vpc", "u", Object.fromEntries(all.map(k => [k, U])));
            assertWellFormed(e);
            assert.strictEqual(props(e, vpcT, "u").cidrBlock, U);
            assert.strictEqual(props(e, vpcT, "u").tags, U);
            assert.ok(e.children.filter(c => c.type === subnet).every(c => c.properties.cidrBlock === U && c.properties.tags === U));

            const wider = expand("awsx:ec2:Vpc", "w", { numberOfAvailabilityZones: 4, subnetSpecs: [{ type: "Public" }, { type: 7 }, "x"], natGateways: { strategy: "bogus" } });
            assertWellFormed(wider);
            assert.deepStrictEqual(wider.children.filter(c => c.type === subnet).map(c => [c.name, c.properties.availabilityZone, c.properties.cidrBlock]), [
                ["w-public-1", "eu-west-1a", "10.0.0.0/20"], ["w-public-2", "eu-west-1b", "10.0.64.0/20"],
                ["w-public-3", "eu-west-1c", "10.0.128.0/20"], ["w-public-4", U, "10.0.192.0/20"],
            ]);
            for (const inputs of [{ cidrBlock: "not a cidr" }, { cidrBlock: "10.0.0.0/30", numberOfAvailabilityZones: 3 }, { subnetSpecs: [{ type: "Private", cidrMask: 40 }] },
                { subnetStrategy: "Exact", subnetSpecs: [{ type: "Public", cidrBlocks: ["10.0.0.0/17"] }] }, { ipv4IpamPoolId: "ipam-1", subnetStrategy: "Auto" },
                { natGateways: { strategy: "OnePerAz", elasticIpAllocationIds: U } }, { availabilityZoneNames: [U, "eu-west-1b"] }, { tags: { a: U } }]) {
                assertWellFormed(expand("awsx:ec2:Vpc", "o", inputs));
            }
            assert.strictEqual(props(expand("awsx:ec2:Vpc", "o", { cidrBlock: "not a cidr" }), subnet, "o-private-1").cidrBlock, U);
        });
    });

    describe("awsx:ecr:Repository", () => {
        const repo = types.ecrRepository, policy = types.ecrLifecyclePolicy;

        it("by default: a repository with no scanning, tag mutability or encryption settings, and a lifecycle policy", () => {
            const e = expand("awsx:ecr:Repository", "MyRepo");
            assertWellFormed(e);
            assert.deepStrictEqual(tree(e), [[repo, "myrepo", "component"], [policy, "myrepo", "component"]]);
            assert.deepStrictEqual(props(e, repo, "myrepo"), {});
            const p = props(e, policy, "myrepo");
            assert.strictEqual(refTo(e, p.repository), `${repo}::myrepo.name`);
            assert.deepStrictEqual(p.policy, {
                rules: [{ rulePriority: 1, description: "remove untagged images", selection: { tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: 1 }, action: { type: "expire" } }],
            });
            assert.strictEqual(e.outputs((c, p) => `${c}.${p}`).url, `${repo}::myrepo.repositoryUrl`);
        });

        it("passes the repository settings through, and builds the lifecycle rules with 'any' last", () => {
            const e = expand("awsx:ecr:Repository", "r", {
                imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE", forceDelete: true,
                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:1:key/k" }], region: "eu-central-1", tags: { a: "b" },
                lifecyclePolicy: { rules: [{ tagStatus: "any", maximumNumberOfImages: 50 }, { tagStatus: "tagged", tagPrefixList: ["v"], maximumAgeLimit: 30, description: "old" }] },
            });
            assert.deepStrictEqual(props(e, repo, "r"), {
                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:1:key/k" }], forceDelete: true,
                imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE", region: "eu-central-1", tags: { a: "b" },
            });
            const p = props(e, policy, "r");
            assert.strictEqual(p.region, "eu-central-1");
            assert.deepStrictEqual(p.policy, {
                rules: [
                    { rulePriority: 1, description: "old", selection: { tagStatus: "tagged", tagPrefixList: ["v"], countType: "sinceImagePushed", countNumber: 30, countUnit: "days" }, action: { type: "expire" } },
                    { rulePriority: 2, selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 50 }, action: { type: "expire" } },
                ],
            });
        });

        it("skips the lifecycle policy when asked, and does not throw on unknown inputs", () => {
            assert.deepStrictEqual(tree(expand("awsx:ecr:Repository", "r", { lifecyclePolicy: { skip: true } })), [[repo, "r", "component"]]);
            const e = expand("awsx:ecr:Repository", "r", { imageTagMutability: U, lifecyclePolicy: U });
            assert.strictEqual(props(e, repo, "r").imageTagMutability, U);
            assert.strictEqual(props(e, policy, "r").policy, U);
            assert.strictEqual(props(expand("awsx:ecr:Repository", "r", { lifecyclePolicy: { rules: [{ tagStatus: "tagged" }] } }), policy, "r").policy, U);
        });
    });

    describe("awsx:ecs:FargateTaskDefinition", () => {
        const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" }, Effect: "Allow", Sid: "" }] });

        it("by default: a log group without retention, task and execution roles, the execution policy, a FARGATE task definition", () => {
            const e = expand("awsx:ecs:FargateTaskDefinition", "td", { container: { name: "app", image: "nginx", cpu: 512, memory: 128, essential: true } });
            assertWellFormed(e);
            assert.deepStrictEqual(tree(e), [
                [types.logGroup, "td", "component"],
                [types.role, "td-task", "component"],
                [types.role, "td-execution", "component"],
                [types.rolePolicyAttachment, "td-execution-9a42f520", "component"],
                [types.taskDefinition, "td", "component"],
            ]);
            assert.deepStrictEqual(props(e, types.logGroup, "td"), {}, "no retentionInDays, no kmsKeyId");
            assert.deepStrictEqual(props(e, types.role, "td-task"), { assumeRolePolicy: trust });
            const att = props(e, types.rolePolicyAttachment, "td-execution-9a42f520");
            assert.strictEqual(att.policyArn, "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
            assert.strictEqual(refTo(e, att.role), `${types.role}::td-execution.name`);
            const td = props(e, types.taskDefinition, "td");
            assert.deepStrictEqual([td.cpu, td.memory, td.requiresCompatibilities, td.networkMode], ["512", "1024", ["FARGATE"], "awsvpc"]);
            assert.strictEqual(refTo(e, td.taskRoleArn), `${types.role}::td-task.arn`);
            assert.strictEqual(refTo(e, td.executionRoleArn), `${types.role}::td-execution.arn`);
            // The awslogs options name the log group, which the provider names: not known to the model.
            assert.strictEqual(td.containerDefinitions, U);
            assert.strictEqual(td.family, U);
            assert.deepStrictEqual(e.outputs(() => undefined), { loadBalancers: [] });
        });

        it("renders the container definitions when the log group's name is known", () => {
            const e = expand("awsx:ecs:FargateTaskDefinition", "td", {
                logGroup: { args: { name: "app-logs", retentionInDays: 30, kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k" } }, family: "fam", cpu: "1024", memory: "2048",
                containers: {
                    web: { image: "nginx", memory: 512, portMappings: [{ containerPort: 80 }], environment: [{ value: "1", name: "A" }] },
                    agent: { image: "x", privileged: true, logConfiguration: { logDriver: "splunk" } },
                },
            });
            assert.deepStrictEqual(props(e, types.logGroup, "td"), { name: "app-logs", retentionInDays: 30, kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k" });
            const td = props(e, types.taskDefinition, "td");
            assert.deepStrictEqual([td.cpu, td.memory, td.family], ["1024", "2048", "fam"]);
            assert.strictEqual(td.containerDefinitions, JSON.stringify([
                { image: "x", logConfiguration: { logDriver: "splunk" }, privileged: true, name: "agent" },
                {
                    environment: [{ name: "A", value: "1" }], image: "nginx", memory: 512, portMappings: [{ containerPort: 80, hostPort: 80 }], name: "web",
                    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "app-logs", "awslogs-region": region, "awslogs-stream-prefix": "web" } },
                },
            ]));
        });

        it("honours skip, existing log groups, role ARNs and extra role policies", () => {
            const e = expand("awsx:ecs:FargateTaskDefinition", "t", {
                container: { image: "nginx", memory: 1024 },
                logGroup: { existing: { arn: "arn:aws:logs:us-east-1:123456789012:log-group:shared" } },
                taskRole: { args: { policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"], description: "d" } },
                executionRole: { roleArn: "arn:aws:iam::123456789012:role/exec" },
            });
            assertWellFormed(e);
            assert.deepStrictEqual(tree(e), [
                [types.role, "t-task", "component"],
                [types.rolePolicyAttachment, "t-task-12982bae", "component"],
                [types.taskDefinition, "t", "component"],
            ]);
            assert.deepStrictEqual(props(e, types.role, "t-task"), { description: "d", assumeRolePolicy: trust });
            const td = props(e, types.taskDefinition, "t");
            assert.strictEqual(td.executionRoleArn, "arn:aws:iam::123456789012:role/exec");
            assert.deepStrictEqual([td.cpu, td.memory], ["256", "1024"]);
            assert.deepStrictEqual(JSON.parse(td.containerDefinitions as string), [{
                image: "nginx", memory: 1024, name: "container",
                logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "shared", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "container" } },
            }]);

            const skipped = expand("awsx:ecs:FargateTaskDefinition", "s", { container: { image: "nginx" }, logGroup: { skip: true }, taskRole: { skip: true }, executionRole: { skip: true } });
            assert.deepStrictEqual(tree(skipped), [[types.taskDefinition, "s", "component"]]);
            const std = props(skipped, types.taskDefinition, "s");
            assert.ok(!("taskRoleArn" in std) && !("executionRoleArn" in std));
            assert.strictEqual(std.containerDefinitions, JSON.stringify([{ image: "nginx", name: "container" }]), "no log configuration without a log group");
        });

        it("leaves load balancers and container definitions unknown for target groups, and does not throw on unknown inputs", () => {
            const e = expand("awsx:ecs:FargateTaskDefinition", "t", { container: { image: "nginx", portMappings: [{ containerPort: 80, targetGroup: "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/tg/1" }] }, logGroup: { skip: true } });
            assert.strictEqual(props(e, types.taskDefinition, "t").containerDefinitions, U);
            assert.strictEqual(e.outputs(() => undefined).loadBalancers, U);
            for (const inputs of [
                {}, { container: U }, { containers: U }, { container: { image: U, cpu: U } }, { container: { image: "x" }, containers: { a: { image: "y" } } },
                { container: { image: "x" }, logGroup: U }, { container: { image: "x" }, logGroup: { args: U } }, { container: { image: "x" }, taskRole: { args: U } },
                { container: { image: "x" }, taskRole: { args: { policyArns: [U, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] } } },
                { container: { image: "x", cpu: 99999 } }, { container: { image: "x" }, logGroup: { existing: { arn: "nonsense" } } },
            ]) {
                const x = expand("awsx:ecs:FargateTaskDefinition", "t", inputs);
                assertWellFormed(x);
                assert.ok(x.children.some(c => c.type === types.taskDefinition));
            }
            const unknownArgs = expand("awsx:ecs:FargateService", "s", { taskDefinitionArgs: U });
            assertWellFormed(unknownArgs);
            assert.strictEqual(props(unknownArgs, types.taskDefinition, "s").containerDefinitions, U);
        });
    });

    describe("awsx:ecs:FargateService", () => {
        const tdc = "awsx:ecs:FargateTaskDefinition";

        it("with taskDefinitionArgs and no network configuration: a task definition component, an open security group, the service", () => {
            const e = expand("awsx:ecs:FargateService", "svc", {
                cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/c", assignPublicIp: true,
                taskDefinitionArgs: { container: { name: "app", image: "nginx", cpu: 512, memory: 128, essential: true, portMappings: [{ containerPort: 80 }] } },
            });
            assertWellFormed(e);
            assert.deepStrictEqual(tree(e), [
                [tdc, "svc", "component"],
                [types.logGroup, "svc", `${tdc}::svc`],
                [types.role, "svc-task", `${tdc}::svc`],
                [types.role, "svc-execution", `${tdc}::svc`],
                [types.rolePolicyAttachment, "svc-execution-9a42f520", `${tdc}::svc`],
                [types.taskDefinition, "svc", `${tdc}::svc`],
                [types.securityGroup, "svc-sg", "component"],
                [types.service, "svc", "component"],
            ]);
            assert.strictEqual(child(e, tdc, "svc").component, true);
            assert.deepStrictEqual(props(e, tdc, "svc"), {});
            const sg = props(e, types.securityGroup, "svc-sg");
            assert.deepStrictEqual(sg.ingress, [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }]);
            assert.deepStrictEqual(sg.egress, [{ fromPort: 0, toPort: 65535, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }]);
            assert.strictEqual(sg.vpcId, U, "the default VPC, looked up");
            const s = props(e, types.service, "svc");
            assert.deepStrictEqual([s.cluster, s.desiredCount, s.launchType, s.waitForSteadyState, s.loadBalancers], ["arn:aws:ecs:eu-west-1:123456789012:cluster/c", 1, "FARGATE", true, []]);
            assert.strictEqual(refTo(e, s.taskDefinition), `${types.taskDefinition}::svc.arn`);
            const net = s.networkConfiguration as Record<string, unknown>;
            assert.deepStrictEqual([net.assignPublicIp, net.subnets], [true, U]);
            assert.deepStrictEqual((net.securityGroups as unknown[]).map(v => refTo(e, v)), [`${types.securityGroup}::svc-sg.id`]);
        });

        it("with a task definition ARN and a network configuration: only the service", () => {
            const networkConfiguration = { subnets: ["subnet-1"], securityGroups: ["sg-1"], assignPublicIp: false };
            const e = expand("awsx:ecs:FargateService", "svc", {
                taskDefinition: "arn:aws:ecs:eu-west-1:1:task-definition/t:1", networkConfiguration, desiredCount: 3,
                continueBeforeSteadyState: true, capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
                loadBalancers: [{ containerName: "app", containerPort: 80, targetGroupArn: "arn:tg" }],
            });
            assert.deepStrictEqual(tree(e), [[types.service, "svc", "component"]]);
            assert.deepStrictEqual(props(e, types.service, "svc"), {
                capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }], desiredCount: 3, networkConfiguration,
                loadBalancers: [{ containerName: "app", containerPort: 80, targetGroupArn: "arn:tg" }],
                waitForSteadyState: false, taskDefinition: "arn:aws:ecs:eu-west-1:1:task-definition/t:1",
            });
        });

        it("does not throw on unknown inputs", () => {
            for (const inputs of [{}, { taskDefinition: U }, { networkConfiguration: U, continueBeforeSteadyState: U, capacityProviderStrategies: U },
                { taskDefinitionArgs: { containers: U } }, { taskDefinition: "arn", taskDefinitionArgs: { container: { image: "x" } } }]) {
                assertWellFormed(expand("awsx:ecs:FargateService", "svc", inputs));
            }
            assert.strictEqual(props(expand("awsx:ecs:FargateService", "svc", {}), types.service, "svc").taskDefinition, U);
            assert.ok(!("launchType" in props(expand("awsx:ecs:FargateService", "svc", { taskDefinition: "a", capacityProviderStrategies: U }), types.service, "svc")));
        });
    });

    describe("awsx:lb:ApplicationLoadBalancer", () => {
        const sgT = types.securityGroup, lbT = types.loadBalancer, tgT = types.targetGroup, lT = types.listener;

        it("by default: a security group open to all traffic, the load balancer, an HTTP:80 ip target group and listener", () => {
            const e = expand("awsx:lb:ApplicationLoadBalancer", "web");
            assertWellFormed(e);
            assert.deepStrictEqual(tree(e), [[sgT, "web", "component"], [lbT, "web", "component"], [tgT, "web", "component"], [lT, "web-0", "component"]]);
            const sg = props(e, sgT, "web");
            assert.deepStrictEqual(sg.ingress, [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }]);
            const lb = props(e, lbT, "web");
            assert.strictEqual(lb.loadBalancerType, "application");
            assert.strictEqual(lb.subnets, U, "the default VPC's public subnets, looked up");
            assert.deepStrictEqual((lb.securityGroups as unknown[]).map(v => refTo(e, v)), [`${sgT}::web.id`]);
            assert.deepStrictEqual(props(e, tgT, "web"), { port: 80, protocol: "HTTP", targetType: "ip", vpcId: U });
            const l = props(e, lT, "web-0");
            assert.deepStrictEqual([l.port, l.protocol], [80, "HTTP"]);
            assert.strictEqual(refTo(e, l.loadBalancerArn), `${lbT}::web.arn`);
            const [action] = l.defaultActions as Record<string, unknown>[];
            assert.deepStrictEqual([action.type, refTo(e, action.targetGroupArn)], ["forward", `${tgT}::web.arn`]);
        });

        it("takes the port and protocol from the listener, and creates one listener per entry of listeners", () => {
            const https = expand("awsx:lb:ApplicationLoadBalancer", "web", { listener: { port: 443, certificateArn: "arn:cert" }, subnetIds: ["subnet-1", "subnet-2"] });
            assert.deepStrictEqual(props(https, lbT, "web").subnets, ["subnet-1", "subnet-2"]);
            assert.deepStrictEqual([props(https, tgT, "web").port, props(https, tgT, "web").protocol], [443, "HTTPS"]);
            const l = props(https, lT, "web-0");
            assert.deepStrictEqual([l.port, l.protocol, l.certificateArn], [443, "HTTPS", "arn:cert"]);

            const two = expand("awsx:lb:ApplicationLoadBalancer", "web", { listeners: [{ port: 80 }, { protocol: "HTTPS", certificateArn: "arn:cert" }], defaultTargetGroup: { port: 8080, healthCheck: { path: "/h" } } });
            assertWellFormed(two);
            assert.deepStrictEqual(tree(two).map(t => t[1]), ["web", "web", "web", "web-0", "web-1"]);
            assert.deepStrictEqual([props(two, lT, "web-0").port, props(two, lT, "web-0").protocol], [80, "HTTP"]);
            assert.deepStrictEqual([props(two, lT, "web-1").port, props(two, lT, "web-1").protocol], [443, "HTTPS"]);
            assert.deepStrictEqual(props(two, tgT, "web"), { healthCheck: { path: "/h" }, port: 8080, protocol: "HTTP", targetType: "ip", vpcId: U });
        });

        it("creates no security group when given one, or told to skip it", () => {
            const given = expand("awsx:lb:ApplicationLoadBalancer", "web", { securityGroups: ["sg-1"], internal: true, accessLogs: { bucket: "logs", enabled: true } });
            assert.deepStrictEqual(tree(given).map(t => t[0]), [lbT, tgT, lT]);
            assert.deepStrictEqual(props(given, lbT, "web"), { accessLogs: { bucket: "logs", enabled: true }, internal: true, loadBalancerType: "application", securityGroups: ["sg-1"], subnets: U });
            assert.deepStrictEqual(tree(expand("awsx:lb:ApplicationLoadBalancer", "web", { defaultSecurityGroup: { skip: true } })).map(t => t[0]), [lbT, tgT, lT]);
            assert.deepStrictEqual(props(expand("awsx:lb:ApplicationLoadBalancer", "web", { defaultSecurityGroup: { securityGroupId: "sg-2" } }), lbT, "web").securityGroups, ["sg-2"]);
            const custom = expand("awsx:lb:ApplicationLoadBalancer", "web", { defaultSecurityGroup: { args: { description: "Managed by Pulumi", ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["10.0.0.0/8"] }] } } });
            assert.deepStrictEqual(props(custom, sgT, "web"), { description: "Managed by Pulumi", ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["10.0.0.0/8"] }] });
        });

        it("does not throw on unknown inputs", () => {
            for (const inputs of [{ listener: U }, { listeners: U }, { listener: { port: U } }, { defaultSecurityGroup: U }, { defaultSecurityGroup: { args: U } },
                { defaultTargetGroup: U }, { subnets: U, securityGroups: U }, { listeners: [] }, { listeners: [{ port: 80 }] }]) {
                assertWellFormed(expand("awsx:lb:ApplicationLoadBalancer", "web", inputs));
            }
            const p = props(expand("awsx:lb:ApplicationLoadBalancer", "web", { listener: { port: U } }), lT, "web-0");
            assert.deepStrictEqual([p.port, p.protocol], [U, U]);
        });
    });
});
