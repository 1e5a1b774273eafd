// awsx:lb:ApplicationLoadBalancer: what awsx/lb/applicationLoadBalancer.ts registers (line numbers of
// that file at the commit in ./common.ts).
//
// Children, in order, all parented to the component:
//   aws:ec2/securityGroup:SecurityGroup  ${name}        (79-118) unless securityGroups, defaultSecurityGroup.skip or
//                                                      defaultSecurityGroup.securityGroupId are given. With no
//                                                      defaultSecurityGroup.args it lets ALL traffic in (protocol -1,
//                                                      ports 0-0) from 0.0.0.0/0 and ::/0, whatever the listener port.
//   aws:lb/loadBalancer:LoadBalancer     ${name}        (120-126) type application, the default VPC's public subnets by default
//   aws:lb/targetGroup:TargetGroup       ${name}        (134-145) target type ip, the listener's port and protocol (80/HTTP)
//   aws:lb/listener:Listener             ${name}-${i}   (147-194) one (${name}-0) unless `listeners` are given,
//                                                      forwarding to the default target group
import { ChildGoal, ComponentModel, Expansion, ModelContext, ref, unknownInput } from "../model";
import { awsxSource, keyOf, list, openSecurityGroupRules, pick, record, sdkInputs, types } from "./common";

export const applicationLoadBalancerModel: ComponentModel = {
    type: "awsx:lb:ApplicationLoadBalancer",
    source: awsxSource("lb/applicationLoadBalancer.ts"),
    expand: expandAlb,
};

/** The args that are awsx's own, not aws.lb.LoadBalancer's (39-51). */
const ownArgs = ["subnetIds", "subnets", "defaultTargetGroup", "defaultTargetGroupPort", "defaultSecurityGroup", "listener", "listeners"];

function expandAlb(c: ModelContext): Expansion {
    const a = c.inputs;
    const name = c.name;
    const children: ChildGoal[] = [];
    const lbArgs: Record<string, unknown> = Object.fromEntries(Object.entries(a).filter(([k]) => !ownArgs.includes(k)));

    // 53-73: subnets (resources, seen offline as their ids), subnet ids, subnet mappings, else the
    // default VPC's public subnets. The VPC id comes from a subnet or the default VPC: not known offline.
    if (truthy(a.subnets)) {
        lbArgs.subnets = a.subnets;
    } else if (truthy(a.subnetIds)) {
        lbArgs.subnets = a.subnetIds;
    } else if (!truthy(a.subnetMappings)) {
        lbArgs.subnets = unknownInput;
    }
    const vpcId = unknownInput;

    // 79-118
    const sgIn = a.defaultSecurityGroup === unknownInput ? undefined : record(a.defaultSecurityGroup);
    if (!truthy(lbArgs.securityGroups) && !truthy(sgIn?.skip)) {
        if (sgIn && truthy(sgIn.securityGroupId)) {
            lbArgs.securityGroups = [sgIn.securityGroupId];
        } else {
            const sgKey = keyOf(types.securityGroup, name);
            const custom = sgIn?.args;
            const properties = custom === unknownInput ? allUnknown(sdkInputs.securityGroup)
                : custom !== undefined && custom !== null ? pick(record(custom), sdkInputs.securityGroup)
                    : { vpcId, ...openSecurityGroupRules() };
            children.push({ type: types.securityGroup, name, key: sgKey, properties });
            lbArgs.securityGroups = [ref(sgKey, "id")];
        }
    }
    lbArgs.loadBalancerType = "application"; // 122

    const lbKey = keyOf(types.loadBalancer, name);
    children.push({ type: types.loadBalancer, name, key: lbKey, properties: defined(pick(lbArgs, sdkInputs.loadBalancer)) });

    const defaultProtocol = defaultProtocolOf(a);
    const tgKey = keyOf(types.targetGroup, name);
    children.push({
        type: types.targetGroup, name, key: tgKey,
        properties: a.defaultTargetGroup === unknownInput ? allUnknown(sdkInputs.targetGroup)
            : defined(pick({ vpcId, targetType: "ip", ...defaultProtocol, ...record(a.defaultTargetGroup) }, sdkInputs.targetGroup)),
    });

    const defaultActions = [{ type: "forward", targetGroupArn: ref(tgKey, "arn") }];
    const listenerKeys: string[] = [];
    const addListener = (i: number, args: Record<string, unknown>) => {
        const listenerName = `${name}-${i}`;
        const key = keyOf(types.listener, listenerName);
        children.push({
            type: types.listener, name: listenerName, key,
            properties: defined(pick({ defaultActions, ...args, loadBalancerArn: ref(lbKey, "arn") }, sdkInputs.listener)),
        });
        listenerKeys.push(key);
    };
    const listener = a.listener === unknownInput ? {} : record(a.listener);
    const listeners = list(a.listeners);
    if (listener) {
        addListener(0, { ...defaultProtocol, ...listener });
    } else if (listeners) {
        listeners.forEach((l, i) => {
            const args = record(l) ?? {};
            addListener(i, { ...listenerProtocol(args), ...args });
        });
    } else {
        addListener(0, { ...defaultProtocol });
    }
    return { children, outputs: () => ({}) };
}

/** For a whole args object that is unknown: every declared input unknown, except the name (autonamed). */
function allUnknown(inputs: readonly string[]): Record<string, unknown> {
    return Object.fromEntries(inputs.filter(k => k !== "name" && k !== "namePrefix").map(k => [k, unknownInput]));
}

function defined(o: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** 199-211 getDefaultProtocol: the listener's (or, with several `listeners`, the first one's); none for exactly one of `listeners`. */
function defaultProtocolOf(a: Record<string, unknown>): Record<string, unknown> | undefined {
    let listener: Record<string, unknown> | undefined = a.listener === unknownInput ? { port: unknownInput, protocol: unknownInput } : record(a.listener);
    const listeners = list(a.listeners);
    if (listeners) {
        if (listeners.length === 1) return undefined;
        listener = record(listeners[0]);
    }
    return listenerProtocol(listener, a.defaultTargetGroupPort);
}

/** 213-252 getListenerProtocol: port and protocol, each from the other (443 is HTTPS), default 80/HTTP. */
function listenerProtocol(listener: Record<string, unknown> | undefined, defaultPort?: unknown): { port: unknown; protocol: unknown } {
    if (listener) {
        const { port, protocol } = listener;
        if (truthy(port) && truthy(protocol)) return { port, protocol };
        if (truthy(port)) return { port, protocol: port === unknownInput ? unknownInput : port === 443 ? "HTTPS" : "HTTP" };
        if (truthy(protocol)) return { protocol, port: protocol === unknownInput ? unknownInput : protocol === "HTTPS" ? 443 : 80 };
    }
    return { port: defaultPort !== undefined && defaultPort !== null ? defaultPort : 80, protocol: "HTTP" };
}

/** JavaScript truthiness of an input as awsx sees it (an unknown input is an Output object: truthy). */
function truthy(v: unknown): boolean {
    return v === unknownInput || !!v;
}
