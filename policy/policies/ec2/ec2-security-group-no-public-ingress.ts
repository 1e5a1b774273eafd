import type { SecurityGroupArgs, SecurityGroupRuleArgs } from "@pulumi/aws/ec2";
import type { SecurityGroupIngressRuleArgs } from "@pulumi/aws/vpc";
import { awsTypes } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";
import { PropertyPath, propertyName } from "../../lib/property-paths";
import { asList, isPlainObject, isUnknown } from "../../lib/unknowns";

const securityGroupType = awsTypes.ec2.SecurityGroup;
const securityGroupRuleType = awsTypes.ec2.SecurityGroupRule;
const ingressRuleType = awsTypes.vpc.SecurityGroupIngressRule;

const publicCidrs = new Set(["0.0.0.0/0", "::/0"]);
const allProtocols = new Set(["-1", "all"]);
const portProtocols = new Set(["tcp", "udp", "6", "17"]);

/** One ingress rule, as the three resource shapes give it. `path` is where it sits in the inputs. */
interface IngressRule {
    path: PropertyPath;
    /** Property names (relative to `path`) holding CIDRs. */
    cidrProps: string[];
    protocolProp: string;
    rule: Record<string, any>;
}

type Verdict = { kind: "ok" } | { kind: "violation"; message: string } | { kind: "unknown"; path: PropertyPath };

function judge(resourceName: string, r: IngressRule, allowedPorts: Set<number>): Verdict {
    let publicProp: string | undefined;
    let publicCidr: string | undefined;
    let unknownPath: PropertyPath | undefined;
    for (const prop of r.cidrProps) {
        const v = r.rule[prop];
        if (isUnknown(v)) { unknownPath ??= [...r.path, prop]; continue; }
        asList(v).forEach((cidr, i) => {
            if (isUnknown(cidr)) { unknownPath ??= [...r.path, prop, ...(Array.isArray(v) ? [i] : [])]; return; }
            if (!publicCidr && typeof cidr === "string" && publicCidrs.has(cidr.trim())) { publicProp = prop; publicCidr = cidr.trim(); }
        });
    }
    if (!publicProp || !publicCidr) {
        return unknownPath ? { kind: "unknown", path: unknownPath } : { kind: "ok" };
    }
    const where = propertyName([...r.path, publicProp]);
    const violation = (ports: string): Verdict => ({
        kind: "violation",
        message: `Security group ingress in '${resourceName}' is open to ${publicCidr} on ${ports}: remove ${publicCidr} from ${where} ` +
            "(allow a known CIDR, prefix list or security group instead).",
    });
    const protocol = r.rule[r.protocolProp];
    const from = r.rule.fromPort;
    const to = r.rule.toPort;
    if (allowedPorts.size === 0) {
        // Nothing public is allowed: ports and protocol do not change the verdict, even when unknown.
        return violation(describePorts(protocol, from, to));
    }
    if (isUnknown(protocol)) return { kind: "unknown", path: [...r.path, r.protocolProp] };
    const proto = String(protocol).toLowerCase();
    if (allProtocols.has(proto)) return violation("all protocols and ports");
    if (!portProtocols.has(proto)) return violation(`protocol ${proto}`);
    if (isUnknown(from)) return { kind: "unknown", path: [...r.path, "fromPort"] };
    if (isUnknown(to)) return { kind: "unknown", path: [...r.path, "toPort"] };
    if (typeof from !== "number" || typeof to !== "number") return violation(describePorts(protocol, from, to));
    const lo = Math.max(0, Math.min(from, to));
    const hi = Math.min(65535, Math.max(from, to));
    if (hi - lo + 1 <= allowedPorts.size) {
        let all = true;
        for (let p = lo; p <= hi && all; p++) all = allowedPorts.has(p);
        if (all) return { kind: "ok" };
    }
    return violation(describePorts(protocol, from, to));
}

function describePorts(protocol: unknown, from: unknown, to: unknown): string {
    if (typeof protocol === "string" && allProtocols.has(protocol.toLowerCase())) return "all protocols and ports";
    if (typeof from === "number" && typeof to === "number") return from === to ? `port ${from}` : `ports ${from}-${to}`;
    return "its ports";
}

export default resourcePolicy<{ allowedPublicPorts: number[] }, SecurityGroupArgs & SecurityGroupRuleArgs & SecurityGroupIngressRuleArgs>({
    name: "ec2-security-group-no-public-ingress",
    description: "Security groups allow no ingress from the whole internet (0.0.0.0/0 or ::/0), except on the configured public ports.",
    severity: "high",
    pci: "1.3.1, 1.4.1",
    securityHub: ["EC2.13", "EC2.14", "EC2.18", "EC2.19", "EC2.53", "EC2.54"],
    resourceTypes: [securityGroupType, securityGroupRuleType, ingressRuleType],
    remediationSteps: "Replace 0.0.0.0/0 and ::/0 in the security group's ingress (inline `ingress[].cidrBlocks`/`ipv6CidrBlocks`, a SecurityGroupRule's " +
        "`cidrBlocks`/`ipv6CidrBlocks`, or a SecurityGroupIngressRule's `cidrIpv4`/`cidrIpv6`) by the CIDRs, prefix lists or security groups that need access; " +
        "put ports that must be public (e.g. 443 on a load balancer) in the `allowedPublicPorts` configuration.",
    config: {
        properties: {
            allowedPublicPorts: {
                type: "array", items: { type: "integer", minimum: 0, maximum: 65535 }, default: [],
                description: "TCP/UDP ports that may be open to 0.0.0.0/0 and ::/0 (a rule is accepted only if every port of its range is listed).",
            },
        },
    },
    validate: c => {
        const allowed = new Set(asList(c.config.allowedPublicPorts).filter((p): p is number => typeof p === "number"));
        const rules: IngressRule[] = [];
        if (c.type === securityGroupType) {
            const ingress = c.props.ingress;
            if (isUnknown(ingress)) {
                c.undecided(["ingress"]);
            } else {
                asList(ingress).forEach((rule, i) => {
                    if (isUnknown(rule)) c.undecided(["ingress", i]);
                    else if (isPlainObject(rule)) rules.push({ path: ["ingress", i], cidrProps: ["cidrBlocks", "ipv6CidrBlocks"], protocolProp: "protocol", rule });
                });
            }
        } else if (c.type === securityGroupRuleType) {
            const type = c.props.type;
            if (isUnknown(type)) {
                c.undecided(["type"]);
                return;
            }
            if (type !== "ingress") {
                // Name the property, not its value: a property value could be a secret.
                c.notApplicable(type === "egress" ? "an egress rule does not allow ingress" : "the rule's `type` is not 'ingress', so it does not allow ingress");
            }
            rules.push({ path: [], cidrProps: ["cidrBlocks", "ipv6CidrBlocks"], protocolProp: "protocol", rule: c.props });
        } else {
            rules.push({ path: [], cidrProps: ["cidrIpv4", "cidrIpv6"], protocolProp: "ipProtocol", rule: c.props });
        }
        for (const r of rules) {
            const v = judge(c.name, r, allowed);
            if (v.kind === "violation") c.report(v.message);
            else if (v.kind === "unknown") c.undecided(v.path);
        }
    },
});
