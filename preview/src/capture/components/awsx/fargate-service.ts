// awsx:ecs:FargateService: what awsx/ecs/fargateService.ts registers (line numbers of that file at the
// commit in ./common.ts).
//
// Children, in order, parented to the service component:
//   awsx:ecs:FargateTaskDefinition (a component)  ${name}      (49-55) when taskDefinitionArgs are given, with the
//                                                  children of ./fargate-task-definition.ts inside it (log group
//                                                  ${name}, roles ${name}-task and ${name}-execution, task definition ${name})
//   aws:ec2/securityGroup:SecurityGroup            ${name}-sg   (96-128) when no networkConfiguration is given: all
//                                                  traffic in from 0.0.0.0/0 and ::/0, in the default VPC
//   aws:ecs/service:Service                        ${name}      (73-90): launch type FARGATE, desiredCount 1, waits for
//                                                  steady state unless continueBeforeSteadyState
import { ChildGoal, ComponentModel, Expansion, ModelContext, ref, unknownInput } from "../model";
import { awsxSource, keyOf, openSecurityGroupRules, pick, sdkInputs, types } from "./common";
import { taskDefinitionChildren } from "./fargate-task-definition";

export const fargateServiceModel: ComponentModel = {
    type: "awsx:ecs:FargateService",
    source: awsxSource("ecs/fargateService.ts", "ecs/fargateTaskDefinition.ts", "ecs/containers.ts", "role.ts", "cloudwatch/logGroup.ts"),
    expand: expandService,
};

const taskDefinitionComponentType = "awsx:ecs:FargateTaskDefinition";

function expandService(c: ModelContext): Expansion {
    const a = c.inputs;
    const name = c.name;
    const children: ChildGoal[] = [];

    // 47-58: taskDefinitionArgs build a task definition (awsx refuses both it and taskDefinition: the args win here).
    let taskDefinition: unknown = a.taskDefinition;
    let loadBalancers: unknown;
    if (a.taskDefinitionArgs !== undefined && a.taskDefinitionArgs !== null) {
        const componentKey = keyOf(taskDefinitionComponentType, name);
        // The plugin's @pulumi/pulumi (3.200.0) registers its own components with no inputs.
        children.push({ type: taskDefinitionComponentType, name, key: componentKey, component: true, properties: {} });
        const td = taskDefinitionChildren(name, a.taskDefinitionArgs, componentKey, c);
        children.push(...td.children);
        taskDefinition = ref(td.taskDefinitionKey, "arn");
        loadBalancers = td.loadBalancers;
    }
    if (taskDefinition === undefined || taskDefinition === null) {
        taskDefinition = unknownInput; // awsx requires one of them
    }

    // 68-71: no launch type when capacity provider strategies decide.
    const launchType = truthy(a.capacityProviderStrategies) || truthy(a.useClusterDefaultCapacityProviderStrategy) ? undefined : "FARGATE";

    let networkConfiguration: unknown = a.networkConfiguration;
    if (networkConfiguration === undefined || networkConfiguration === null) {
        // 96-145 getDefaultNetworkConfiguration: the default VPC's subnets (a lookup offline answers nothing
        // for), public ones if assignPublicIp, and a security group open to the world.
        const sgName = `${name}-sg`;
        const sgKey = keyOf(types.securityGroup, sgName);
        children.push({
            type: types.securityGroup, name: sgName, key: sgKey,
            properties: { vpcId: unknownInput, ...openSecurityGroupRules() },
        });
        networkConfiguration = {
            subnets: unknownInput,
            assignPublicIp: a.assignPublicIp !== undefined && a.assignPublicIp !== null ? a.assignPublicIp : false,
            securityGroups: [ref(sgKey, "id")],
        };
    }

    const continueBefore = a.continueBeforeSteadyState;
    const waitForSteadyState = continueBefore === unknownInput ? unknownInput
        : !(continueBefore !== undefined && continueBefore !== null ? continueBefore : false);

    const serviceKey = keyOf(types.service, name);
    const properties: Record<string, unknown> = {
        ...pick({ desiredCount: 1, ...a }, sdkInputs.service),
        networkConfiguration,
        cluster: a.cluster,
        launchType,
        loadBalancers: a.loadBalancers !== undefined && a.loadBalancers !== null ? a.loadBalancers : loadBalancers,
        waitForSteadyState,
        taskDefinition,
    };
    children.push({
        type: types.service, name, key: serviceKey,
        properties: Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined)),
    });
    return { children, outputs: () => ({}) };
}

/** JavaScript truthiness of an input as awsx sees it (an unknown input is an Output object: truthy). */
function truthy(v: unknown): boolean {
    return v === unknownInput || !!v;
}
