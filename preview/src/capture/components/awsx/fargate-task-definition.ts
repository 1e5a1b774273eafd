// awsx:ecs:FargateTaskDefinition: what awsx/ecs/fargateTaskDefinition.ts registers (line numbers of
// that file at the commit in ./common.ts unless another file is named). FargateService builds the
// same children inside a FargateTaskDefinition component of its own (see ./fargate-service.ts).
//
// Children, in order, all parented to the task definition component:
//   aws:cloudwatch/logGroup:LogGroup                  ${name}               (61; cloudwatch/logGroup.ts:27-90) unless
//                                                                            logGroup.skip or logGroup.existing. awsx gives it
//                                                                            no settings: no retentionInDays (never expires), no KMS key.
//   aws:iam/role:Role                                 ${name}-task          (64-72; role.ts:64-102) unless taskRole.skip/roleArn;
//                                                                            trust ecs-tasks.amazonaws.com, no managed policies
//   aws:iam/rolePolicyAttachment:RolePolicyAttachment ${name}-task-<sha1>   one per taskRole.args.policyArns (none by default)
//   aws:iam/role:Role                                 ${name}-execution     (73-81) unless executionRole.skip/roleArn
//   aws:iam/rolePolicyAttachment:RolePolicyAttachment ${name}-execution-9a42f520  AmazonECSTaskExecutionRolePolicy (role.ts:29-34)
//   aws:ecs/taskDefinition:TaskDefinition             ${name}               (89-99, 122-167): FARGATE, awsvpc, the roles' ARNs
import { ChildGoal, ComponentModel, Expansion, ModelContext, ref, unknownInput } from "../model";
import {
    Unknown, awsxSource, containsUnknown, given, isRecord, keyOf, knownNumber, knownString, list, pick, record, sdkInputs, sha1hash, types,
} from "./common";

export const fargateTaskDefinitionModel: ComponentModel = {
    type: "awsx:ecs:FargateTaskDefinition",
    source: awsxSource("ecs/fargateTaskDefinition.ts", "ecs/containers.ts", "ecs/fargateMemoryAndCpu.ts", "role.ts", "cloudwatch/logGroup.ts"),
    expand: c => {
        const td = taskDefinitionChildren(c.name, c.inputs, undefined, c);
        return {
            children: td.children,
            outputs: () => ({ loadBalancers: td.loadBalancers }),
        } satisfies Expansion;
    },
};

/** role.ts:29-34 and 37-51 */
export const executionRolePolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
export const ecsTasksAssumeRolePolicy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" }, Effect: "Allow", Sid: "" }],
});

export interface TaskDefinitionChildren {
    children: ChildGoal[];
    /** Key of the aws:ecs/taskDefinition:TaskDefinition. */
    taskDefinitionKey: string;
    /** The component's `loadBalancers` output (computeLoadBalancers, containers.ts:116-166). */
    loadBalancers: unknown;
}

/**
 * The children of a FargateTaskDefinition named `name` with these args, parented to the child with
 * key `parentKey` (the component itself when undefined).
 */
export function taskDefinitionChildren(name: string, argsIn: unknown, parentKey: string | undefined, c: ModelContext): TaskDefinitionChildren {
    // An unknown args object: the children awsx creates by default, their settings unknown.
    const unknownArgs = argsIn === unknownInput;
    const args = record(argsIn) ?? {};
    const children: ChildGoal[] = [];
    const parent = parentKey !== undefined ? { parent: parentKey } : {};

    const containers = unknownArgs ? unknownInput : normalizeContainers(args);

    // 61: defaultLogGroup with no defaults of awsx's own.
    let logGroupId: LogGroupId | Unknown | undefined;
    const logGroup = unknownArgs ? unknownInput : args.logGroup;
    const logGroupIn = record(logGroup);
    if (logGroupIn?.skip) { // cloudwatch/logGroup.ts:36
        logGroupId = undefined;
    } else if (logGroupIn && logGroupIn.existing !== undefined) {
        logGroupId = existingLogGroup(logGroupIn.existing, c.region);
    } else {
        const lgArgs = logGroup === unknownInput || logGroupIn?.args === unknownInput ? unknownInput : record(logGroupIn?.args);
        const properties = lgArgs === unknownInput ? unknownExcept(sdkInputs.logGroup, ["name", "namePrefix"]) : pick(lgArgs, sdkInputs.logGroup);
        children.push({ type: types.logGroup, name, key: keyOf(types.logGroup, name), ...parent, properties });
        // The name the container definitions use is the log group's, which the provider's autonaming picks unless given.
        const known = lgArgs !== unknownInput ? knownString(lgArgs?.name) : undefined;
        logGroupId = known !== undefined ? { name: known, region: c.region } : unknownInput;
    }

    const taskRole = defaultRole(`${name}-task`, unknownArgs ? undefined : args.taskRole, [], parent, children);
    const executionRole = defaultRole(`${name}-execution`, unknownArgs ? undefined : args.executionRole, [executionRolePolicyArn], parent, children);

    const containerDefinitions = containerDefinitionsJson(containers, logGroupId);
    // 130-151: cpu and memory, when not given, are the cheapest Fargate size that fits the containers.
    const size = containers === unknownInput ? unknownInput : fargateSize(containers);
    const cpu = unknownArgs ? unknownInput : args.cpu !== undefined ? args.cpu : (size === unknownInput ? unknownInput : size.cpu);
    const memory = unknownArgs ? unknownInput : args.memory !== undefined ? args.memory : (size === unknownInput ? unknownInput : size.memory);
    // 152-156: the default family is `${name}-` and a hash of the stack's name and the container
    // definitions, which the model cannot compute (it is not given the stack).
    const family = unknownArgs ? unknownInput : args.family !== undefined && args.family !== null ? args.family : unknownInput;

    const taskDefinitionKey = keyOf(types.taskDefinition, name);
    const tdArgs = unknownArgs
        ? unknownExcept(sdkInputs.taskDefinition, [])
        : pick(args, sdkInputs.taskDefinition);
    children.push({
        type: types.taskDefinition, name, key: taskDefinitionKey, ...parent,
        properties: {
            ...tdArgs,
            cpu, memory,
            requiresCompatibilities: ["FARGATE"],
            networkMode: "awsvpc",
            taskRoleArn: taskRole,
            executionRoleArn: executionRole,
            family,
            containerDefinitions,
        },
    });
    for (const child of children) {
        for (const [k, v] of Object.entries(child.properties)) {
            if (v === undefined) delete child.properties[k];
        }
    }
    return { children, taskDefinitionKey, loadBalancers: loadBalancersOf(containers) };
}

/** Every declared input unknown, except the ones named (used when a whole args object is unknown). */
function unknownExcept(inputs: readonly string[], except: string[]): Record<string, unknown> {
    return Object.fromEntries(inputs.filter(k => !except.includes(k)).map(k => [k, unknownInput]));
}

/**
 * role.ts:64-102 defaultRoleWithPolicies: no role when skipped, the given ARN when one is, else a
 * role (awsx's trust policy unless args give one) and an attachment per policy ARN, named
 * `${role}-${sha1hash(arn)}`. Returns the role ARN the task definition gets.
 */
function defaultRole(name: string, inputsIn: unknown, defaultPolicyArns: string[], parent: { parent?: string }, children: ChildGoal[]): unknown {
    const inputs = record(inputsIn);
    if (inputs?.skip === true) return undefined;
    if (inputs && inputs.roleArn !== undefined) return inputs.roleArn;
    const key = keyOf(types.role, name);
    const argsIn = inputs?.args;
    if (argsIn === unknownInput) {
        children.push({ type: types.role, name, key, ...parent, properties: unknownExcept(sdkInputs.role, ["name", "namePrefix"]) });
        return ref(key, "arn");
    }
    const args: Record<string, unknown> = { policyArns: defaultPolicyArns, ...record(argsIn) };
    // 84-87: a policy document given as an object is serialised as the plugin received it.
    const doc = args.assumeRolePolicy;
    const trust = doc === undefined ? ecsTasksAssumeRolePolicy
        : typeof doc === "string" ? doc
            : containsUnknown(doc) ? unknownInput : JSON.stringify(sortKeysDeep(doc));
    const { policyArns, ...roleArgs } = args;
    children.push({ type: types.role, name, key, ...parent, properties: { ...pick(roleArgs, sdkInputs.role), assumeRolePolicy: trust } });
    // Attachments are named after their policy ARN: ones not known offline cannot be named and are left out.
    for (const arn of list(policyArns) ?? []) {
        if (typeof arn !== "string") continue;
        const attachment = `${name}-${sha1hash(arn)}`;
        children.push({
            type: types.rolePolicyAttachment, name: attachment, key: keyOf(types.rolePolicyAttachment, attachment), ...parent,
            properties: { role: ref(key, "name"), policyArn: arn },
        });
    }
    return ref(key, "arn");
}

interface LogGroupId {
    name: string;
    region: string;
}

/** cloudwatch/logGroup.ts:66-81 and 92-102: an existing log group, by ARN or by name (and region, default the provider's). */
function existingLogGroup(existing: unknown, region: string): LogGroupId | Unknown {
    const e = record(existing);
    if (!e) return unknownInput;
    if (e.arn) {
        const parts = typeof e.arn === "string" ? e.arn.split(":") : [];
        if (parts[0] !== "arn" || (parts.length !== 6 && parts.length !== 7) || parts[2] !== "logs") return unknownInput;
        const [, , , arnRegion, , typeOrId, id] = parts;
        if (id === undefined) {
            const slash = typeOrId.indexOf("/");
            return slash > -1 && typeOrId.slice(0, slash) === "log-group" ? { name: typeOrId.slice(slash + 1), region: arnRegion } : unknownInput;
        }
        return typeOrId === "log-group" ? { name: id, region: arnRegion } : unknownInput;
    }
    const name = knownString(e.name);
    if (!name) return unknownInput;
    if (!e.region) return { name, region };
    return typeof e.region === "string" ? { name, region: e.region } : unknownInput;
}

/** containers.ts:22-41: `containers`, or the single `container` under its name (default "container"). */
function normalizeContainers(args: Record<string, unknown>): Record<string, unknown> | Unknown {
    const { container, containers } = args;
    if (containers !== undefined && container === undefined) {
        return isRecord(containers) ? containers : unknownInput;
    }
    if (container !== undefined && containers === undefined) {
        if (!isRecord(container)) return unknownInput;
        const n = given(container.name) ? container.name : "container";
        return typeof n === "string" ? { [n]: container } : unknownInput;
    }
    return unknownInput; // awsx requires exactly one of them
}

/** Objects with their keys sorted, as the plugin receives its inputs (protobuf Struct maps iterate sorted). */
function sortKeysDeep(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(sortKeysDeep);
    if (isRecord(v)) return Object.fromEntries(Object.keys(v).sort().map(k => [k, sortKeysDeep(v[k])]));
    return v;
}

/**
 * containers.ts:44-113 computeContainerDefinitions, as the JSON string awsx gives the task
 * definition (152): containers sorted by name, each with its name, its port mappings filled in and,
 * without a logConfiguration of its own, the awslogs driver on the task's log group. Unknown when any
 * part is: an unknown value, a port mapping's target group (only its id is seen offline, not its
 * port), or the log group's name (the provider picks it).
 */
function containerDefinitionsJson(containers: Record<string, unknown> | Unknown, logGroupId: LogGroupId | Unknown | undefined): unknown {
    if (containers === unknownInput) return unknownInput;
    const defs: Record<string, unknown>[] = [];
    for (const [containerName, containerIn] of Object.entries(containers).sort(([a], [b]) => a.localeCompare(b))) {
        if (!isRecord(containerIn) || containsUnknown(containerIn)) return unknownInput;
        const container = sortKeysDeep(containerIn) as Record<string, unknown>;
        let portMappings: unknown;
        if (container.portMappings) {
            const mappings = list(container.portMappings);
            if (!mappings) return unknownInput;
            const resolved: Record<string, unknown>[] = [];
            for (const m of mappings) {
                if (!isRecord(m)) return unknownInput;
                if (m.targetGroup !== undefined && m.targetGroup !== null) return unknownInput;
                // 101-113 getMappingInputs without a target group port.
                resolved.push({
                    name: m.name, containerPortRange: m.containerPortRange, appProtocol: m.appProtocol,
                    containerPort: m.containerPort ?? m.hostPort, hostPort: m.hostPort ?? m.containerPort, protocol: m.protocol,
                });
            }
            portMappings = resolved;
        }
        const def: Record<string, unknown> = { ...container, portMappings, name: containerName };
        if (def.logConfiguration === undefined && logGroupId !== undefined) {
            if (logGroupId === unknownInput) return unknownInput;
            def.logConfiguration = {
                logDriver: "awslogs",
                options: { "awslogs-group": logGroupId.name, "awslogs-region": logGroupId.region, "awslogs-stream-prefix": containerName },
            };
        }
        defs.push(def);
    }
    return JSON.stringify(defs);
}

/** containers.ts:116-166 computeLoadBalancers: one per port mapping with a target group (its ARN and port). */
function loadBalancersOf(containers: Record<string, unknown> | Unknown): unknown {
    if (containers === unknownInput) return unknownInput;
    for (const c of Object.values(containers)) {
        const mappings = isRecord(c) ? c.portMappings : undefined;
        if (mappings === unknownInput) return unknownInput;
        for (const m of list(mappings) ?? []) {
            // The target group arrives as its id; its port, which the entry needs, is not known offline.
            if (!isRecord(m) || (m.targetGroup !== undefined && m.targetGroup !== null)) return unknownInput;
        }
    }
    return [];
}

// ---- fargateMemoryAndCpu.ts ----

interface FargateConfig {
    vcpu: number;
    memGB: number;
    cost: number;
}

/**
 * fargateMemoryAndCpu.ts:36-61: the supported sizes, sorted by cost, then (the module sorts the same
 * array in place to find the maxima) by vCPU and finally by memory: the order `find` sees.
 */
const fargateConfigs: FargateConfig[] = (() => {
    const cost = (vcpu: number, memGB: number) => 0.04048 * vcpu + 0.004445 * memGB;
    const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_v, i) => lo + i);
    const sizes: [number, number[]][] = [
        [0.25, [0.5, 1, 2]], [0.5, range(1, 4)], [1, range(2, 8)], [2, range(4, 16)],
        [4, range(8, 30)], [8, range(16, 60)], [16, range(32, 120)], [32, [60, 120, 244]],
    ];
    const all = sizes.flatMap(([vcpu, mems]) => mems.map(memGB => ({ vcpu, memGB, cost: cost(vcpu, memGB) })));
    all.sort((a, b) => a.cost - b.cost);
    all.sort((a, b) => a.vcpu - b.vcpu);
    all.sort((a, b) => a.memGB - b.memGB);
    return all;
})();

/** fargateMemoryAndCpu.ts:73-139 calculateFargateMemoryAndCPU: the first size that fits the containers' sums. */
function fargateSize(containers: Record<string, unknown>): { cpu: string; memory: string } | Unknown {
    let memoryMB = 0;
    let cpuUnits = 0;
    for (const c of Object.values(containers)) {
        if (!isRecord(c)) return unknownInput;
        const [cpu, memory, reservation] = [c.cpu, c.memory, c.memoryReservation];
        if ([cpu, memory, reservation].some(v => given(v) && knownNumber(v) === undefined)) return unknownInput;
        if (reservation) memoryMB += reservation as number;
        else if (memory) memoryMB += memory as number;
        if (cpu) cpuUnits += cpu as number;
    }
    const vcpu = cpuUnits / 1024;
    const gb = memoryMB / 1024;
    const config = fargateConfigs.find(f => f.vcpu >= vcpu && f.memGB >= gb);
    if (!config || vcpu > 32 || gb > 244) return unknownInput; // awsx fails the task definition
    return { memory: `${config.memGB * 1024}`, cpu: `${config.vcpu * 1024}` };
}
