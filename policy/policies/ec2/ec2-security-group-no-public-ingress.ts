import type { SecurityGroupArgs, SecurityGroupRuleArgs } from "@pulumi/aws/ec2";
import type { SecurityGroupIngressRuleArgs } from "@pulumi/aws/vpc";
import { awsTypes } from "../../lib/aws-types";
import { StackCheck, stackPolicy } from "../../lib/policy";
import { PropertyPath, propertyName } from "../../lib/property-paths";
import { PolicyResource } from "@pulumi/policy";
import { asList, at, isPlainObject, isUnknown, knownString, raw } from "../../lib/unknowns";

const securityGroupType = awsTypes.ec2.SecurityGroup;
const defaultSecurityGroupType = awsTypes.ec2.DefaultSecurityGroup;
const securityGroupRuleType = awsTypes.ec2.SecurityGroupRule;
const ingressRuleType = awsTypes.vpc.SecurityGroupIngressRule;
const prefixListType = awsTypes.ec2.ManagedPrefixList;
const prefixListEntryType = awsTypes.ec2.ManagedPrefixListEntry;

/**
 * The widest prefix a rule may allow before it counts as "the internet": an IPv4 range of /8 or wider (16.7
 * million addresses, e.g. 0.0.0.0/1 + 128.0.0.0/1, which together are 0.0.0.0/0) other than the private
 * 10.0.0.0/8, and an IPv6 range of /16 or wider that overlaps the global unicast space 2000::/3 (::/0, ::/1,
 * 0::/0, 0:0:0:0:0:0:0:0/0, 2000::/3...). Addresses are parsed as AWS parses them, not compared as strings.
 */
const widestIpv4Prefix = 8;
const widestIpv6Prefix = 16;

function parseIpv4(s: string): number | undefined {
    const parts = s.split(".");
    if (parts.length !== 4 || !parts.every(p => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** The first 16 bits of an IPv6 address (all this check needs), or undefined when it is not one. */
function ipv6FirstGroup(s: string): number | undefined {
    if (!/^[0-9a-fA-F:.]+$/.test(s) || (s.match(/::/g)?.length ?? 0) > 1) return undefined;
    const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
    const headGroups = head === "" ? [] : head.split(":");
    const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
    const groups = tail === undefined ? headGroups : [...headGroups, ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill("0"), ...tailGroups];
    if (groups.length < 2 || groups.length > 8 || !/^[0-9a-fA-F]{1,4}$/.test(groups[0])) return undefined;
    return parseInt(groups[0], 16);
}

/**
 * Whether a CIDR covers much of the internet; `canonical` is what a message may show (0.0.0.0/0 or ::/0 for
 * a /0 whatever its spelling, else only the prefix length: a value could be a secret).
 */
function publicRange(cidr: string): { canonical: string } | undefined {
    const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
    if (!m) return undefined;
    const prefix = Number(m[2]);
    const v4 = parseIpv4(m[1]);
    if (v4 !== undefined) {
        if (prefix > widestIpv4Prefix) return undefined;
        if (prefix === 8 && Math.floor(v4 / 2 ** 24) === 10) return undefined; // 10.0.0.0/8 is private
        return { canonical: prefix === 0 ? "0.0.0.0/0" : `a /${prefix} range` };
    }
    const first = ipv6FirstGroup(m[1]);
    if (first === undefined || prefix > Math.min(widestIpv6Prefix, 128)) return undefined;
    // Overlaps 2000::/3 when the shorter of the two prefixes agrees: the first 3 bits are 001.
    const bits = Math.min(prefix, 3);
    if (bits > 0 && (first >> (16 - bits)) !== (0b001 >> (3 - bits))) return undefined;
    return { canonical: prefix === 0 ? "::/0" : `a /${prefix} range` };
}
const allProtocols = new Set(["-1", "all"]);
const portProtocols = new Set(["tcp", "udp", "6", "17"]);

/** One ingress rule, as the three resource shapes give it. `path` is where it sits in the inputs. */
interface IngressRule {
    path: PropertyPath;
    /** Property names (relative to `path`) holding CIDRs. */
    cidrProps: string[];
    /** The property (relative to `path`) naming prefix lists: `prefixListIds` (a list) or `prefixListId`. */
    prefixProp: string;
    protocolProp: string;
    rule: Record<string, any>;
}

type Verdict = { kind: "ok" } | { kind: "violation"; message: string } | { kind: "unknown"; path: PropertyPath };

/**
 * The verdict on one rule. `viaList` names a prefix list of the stack holding a public range that the rule
 * references (the stack phase): the rule is then public whatever its CIDRs.
 */
function judge(resourceName: string, r: IngressRule, allowedPorts: Set<number>, viaList?: string): Verdict {
    let publicProp: string | undefined = viaList === undefined ? undefined : r.prefixProp;
    let publicCidr: string | undefined = viaList === undefined ? undefined : "via";
    let publicIndex: number | undefined;
    let unknownPath: PropertyPath | undefined;
    for (const prop of viaList === undefined ? r.cidrProps : []) {
        const v = r.rule[prop];
        if (isUnknown(v)) { unknownPath ??= [...r.path, prop]; continue; }
        asList(v).forEach((cidr, i) => {
            if (isUnknown(cidr)) { unknownPath ??= [...r.path, prop, ...(Array.isArray(v) ? [i] : [])]; return; }
            const range = !publicCidr && typeof cidr === "string" ? publicRange(cidr) : undefined;
            if (range) { publicProp = prop; publicCidr = range.canonical; publicIndex = Array.isArray(v) ? i : undefined; }
        });
    }
    if (!publicProp || !publicCidr) {
        return unknownPath ? { kind: "unknown", path: unknownPath } : { kind: "ok" };
    }
    const where = propertyName([...r.path, publicProp]);
    const exact = viaList !== undefined ? `the internet (prefix list '${viaList}' holds a public range)`
        : publicCidr.startsWith("a /") ? `the internet (${publicCidr})` : publicCidr;
    const which = viaList !== undefined ? `prefix list '${viaList}'`
        : publicCidr.startsWith("a /") ? `that range (${propertyName([...r.path, publicProp, ...(publicIndex === undefined ? [] : [publicIndex])])})` : publicCidr;
    const violation = (ports: string): Verdict => ({
        kind: "violation",
        message: `Security group ingress in '${resourceName}' is open to ${exact} on ${ports}: remove ${which} from ${where} ` +
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

/** The ingress rules of a resource of the three shapes; `undecided` records what cannot be read. Undefined: not ingress. */
function ingressRules(type: string, props: Record<string, any>, undecided: (path: PropertyPath) => void): IngressRule[] | { notIngress: string } {
    const rules: IngressRule[] = [];
    if (type === securityGroupType || type === defaultSecurityGroupType) {
        const ingress = props.ingress;
        if (isUnknown(ingress)) {
            undecided(["ingress"]);
        } else {
            asList(ingress).forEach((rule, i) => {
                if (isUnknown(rule)) undecided(["ingress", i]);
                else if (isPlainObject(rule)) rules.push({ path: ["ingress", i], cidrProps: ["cidrBlocks", "ipv6CidrBlocks"], prefixProp: "prefixListIds", protocolProp: "protocol", rule });
            });
        }
    } else if (type === securityGroupRuleType) {
        const kind = props.type;
        if (isUnknown(kind)) {
            undecided(["type"]);
            return [];
        }
        if (kind !== "ingress") {
            // Name the property, not its value: a property value could be a secret.
            return { notIngress: kind === "egress" ? "an egress rule does not allow ingress" : "the rule's `type` is not 'ingress', so it does not allow ingress" };
        }
        rules.push({ path: [], cidrProps: ["cidrBlocks", "ipv6CidrBlocks"], prefixProp: "prefixListIds", protocolProp: "protocol", rule: props });
    } else if (type === ingressRuleType) {
        rules.push({ path: [], cidrProps: ["cidrIpv4", "cidrIpv6"], prefixProp: "prefixListId", protocolProp: "ipProtocol", rule: props });
    }
    return rules;
}

type Config = { allowedPublicPorts: number[] };

function allowedPorts(config: Config): Set<number> {
    return new Set(asList(config.allowedPublicPorts).filter((p): p is number => typeof p === "number"));
}

interface PrefixList { name: string; public: boolean; unknown: boolean }

/** The stack's managed prefix lists by URN (inline `entries` and ManagedPrefixListEntry resources), and their known ids. */
function prefixLists(resources: PolicyResource[]): { byUrn: Map<string, PrefixList>; byId: Map<string, string> } {
    const byUrn = new Map<string, PrefixList>();
    const byId = new Map<string, string>();
    const add = (list: PrefixList, cidr: unknown) => {
        if (isUnknown(cidr)) list.unknown = true;
        else if (typeof cidr === "string" && publicRange(cidr)) list.public = true;
    };
    for (const r of resources.filter(x => x.type === prefixListType)) {
        const props = raw(r.props) ?? {};
        const list: PrefixList = { name: r.name, public: false, unknown: false };
        if (isUnknown(props.entries)) list.unknown = true;
        for (const e of asList(props.entries)) {
            if (isUnknown(e)) list.unknown = true;
            else add(list, at(e, "cidr"));
        }
        byUrn.set(r.urn, list);
        const id = knownString(props.id);
        if (id) byId.set(id, r.urn);
    }
    for (const r of resources.filter(x => x.type === prefixListEntryType)) {
        const props = raw(r.props) ?? {};
        const id = knownString(props.prefixListId);
        const urn = r.propertyDependencies?.prefixListId?.[0]?.urn ?? (id ? byId.get(id) : undefined);
        const list = urn ? byUrn.get(urn) : undefined;
        if (list) add(list, props.cidr);
    }
    return { byUrn, byId };
}

/**
 * The stack phase: a rule that references (by `prefixListIds`/`prefixListId`) a prefix list of the stack
 * holding a public range is open to the internet. A known id names its list; an unknown one (preview) names
 * the lists its property depends on. An inline rule of a security group shares the `ingress` dependencies
 * with its siblings, so it is attributed a public list only when it alone has unknown references, or when
 * every list the group depends on is public.
 */
function checkPrefixListReferences(c: StackCheck<Config>): void {
    const allowed = allowedPorts(c.config);
    const { byUrn, byId } = prefixLists(c.resources);
    if (byUrn.size === 0) return;
    for (const r of c.resources) {
        const props = raw(r.props) ?? {};
        const rules = ingressRules(r.type, props, () => undefined);
        if (!Array.isArray(rules) || rules.length === 0) continue;
        const inline = rules[0].path.length > 0;
        const depProp = inline ? "ingress" : rules[0].prefixProp;
        const depLists = (r.propertyDependencies?.[depProp] ?? []).map(d => byUrn.get(d.urn)).filter((l): l is PrefixList => l !== undefined);
        const hasUnknownRef = (rule: IngressRule) => asList(rule.rule[rule.prefixProp]).some(isUnknown) || isUnknown(rule.rule[rule.prefixProp]);
        const unknownRefRules = rules.filter(hasUnknownRef).length;
        const alreadyPublic = rules.some(rule => judge(r.name, rule, allowed).kind === "violation");
        let reported = false;
        let undecided = false;
        for (const rule of rules) {
            const refs = asList(rule.rule[rule.prefixProp]);
            const lists = refs.map(ref => knownString(ref)).map(id => (id ? byUrn.get(byId.get(id) ?? "") : undefined)).filter((l): l is PrefixList => l !== undefined);
            if (hasUnknownRef(rule) && (!inline || unknownRefRules === 1 || depLists.every(l => l.public))) lists.push(...depLists);
            else if (hasUnknownRef(rule) && depLists.some(l => l.public)) undecided = true;
            const publicList = lists.find(l => l.public);
            if (publicList) {
                const v = judge(r.name, rule, allowed, publicList.name);
                if (v.kind === "violation") { c.report(r, v.message); reported = true; } else if (v.kind === "unknown") undecided = true;
            } else if (lists.some(l => l.unknown)) {
                undecided = true;
            }
        }
        if (undecided && !reported && !alreadyPublic) c.undecided(r, `${r.name} (the prefix lists its ingress references)`);
    }
}

export default stackPolicy<Config, SecurityGroupArgs & SecurityGroupRuleArgs & SecurityGroupIngressRuleArgs>({
    name: "ec2-security-group-no-public-ingress",
    description: "Security groups (and the default security group) allow no ingress from the internet (0.0.0.0/0, ::/0, or any IPv4 range of /8 or wider " +
        "other than 10.0.0.0/8 and IPv6 range of /16 or wider in 2000::/3, also through a managed prefix list of the stack), except on the authorised public ports (80 and 443 by default, as Security Hub EC2.18).",
    severity: "high",
    pci: "1.3.1, 1.4.1",
    securityHub: ["EC2.13", "EC2.14", "EC2.18", "EC2.19", "EC2.53", "EC2.54"],
    resourceTypes: [securityGroupType, defaultSecurityGroupType, securityGroupRuleType, ingressRuleType, prefixListType, prefixListEntryType],
    remediationSteps: "Replace 0.0.0.0/0 and ::/0 in the security group's ingress (inline `ingress[].cidrBlocks`/`ipv6CidrBlocks`, a SecurityGroupRule's " +
        "`cidrBlocks`/`ipv6CidrBlocks`, or a SecurityGroupIngressRule's `cidrIpv4`/`cidrIpv6`) by the CIDRs, prefix lists or security groups that need access; " +
        "ports that must be public other than 80 and 443 go in the `allowedPublicPorts` configuration. A managed prefix list a rule references holds no public range either.",
    config: {
        properties: {
            allowedPublicPorts: {
                type: "array", items: { type: "integer", minimum: 0, maximum: 65535 }, default: [80, 443],
                description: "TCP/UDP ports authorised to be open to the internet (a rule is accepted only if every port of its range is listed); " +
                    "80 (for redirects to HTTPS) and 443 by default, as Security Hub EC2.18's authorizedTcpPorts. Set [] to allow none.",
            },
        },
    },
    validateResource: c => {
        if (c.type === prefixListType || c.type === prefixListEntryType) {
            c.notApplicable("a prefix list allows nothing by itself: the security group rules that reference it are judged");
        }
        const allowed = allowedPorts(c.config);
        const rules = ingressRules(c.type, c.props, p => c.undecided(p));
        if (!Array.isArray(rules)) return c.notApplicable(rules.notIngress);
        for (const r of rules) {
            const v = judge(c.name, r, allowed);
            if (v.kind === "violation") c.report(v.message);
            else if (v.kind === "unknown") c.undecided(v.path);
        }
    },
    validateStack: checkPrefixListReferences,
});
