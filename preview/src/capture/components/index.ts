import { applicationLoadBalancerModel } from "./awsx/application-load-balancer";
import { ecrRepositoryModel } from "./awsx/ecr-repository";
import { fargateServiceModel } from "./awsx/fargate-service";
import { fargateTaskDefinitionModel } from "./awsx/fargate-task-definition";
import { vpcModel } from "./awsx/vpc";
import { ComponentModel } from "./model";

/** The component models the offline preview knows, by type token. */
const models: ComponentModel[] = [
    vpcModel,
    ecrRepositoryModel,
    fargateServiceModel,
    fargateTaskDefinitionModel,
    applicationLoadBalancerModel,
];

const byType = new Map(models.map(m => [m.type, m] as const));

export function componentModel(type: string): ComponentModel | undefined {
    return byType.get(type);
}

export function modelledComponentTypes(): string[] {
    return [...byType.keys()].sort();
}
