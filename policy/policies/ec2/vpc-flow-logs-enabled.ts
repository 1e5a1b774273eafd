import { PolicyResource } from "@pulumi/policy";
import { awsTypes } from "../../lib/aws-types";
import { stackPolicy } from "../../lib/policy";
import { knownString, raw } from "../../lib/unknowns";

const vpcTypes: string[] = [awsTypes.ec2.Vpc, awsTypes.ec2.DefaultVpc];
const flowLogType = awsTypes.ec2.FlowLog;

/** A VPC's id from its outputs: `id` if present, else the tail of its ARN (`...:vpc/vpc-0abc`). */
function vpcIdOf(r: PolicyResource): string | undefined {
    const props = raw(r.props) ?? {};
    const id = knownString(props.id);
    if (id) return id;
    const arn = knownString(props.arn);
    const m = arn ? /:vpc\/(vpc-[0-9a-zA-Z]+)$/.exec(arn) : null;
    return m ? m[1] : undefined;
}

export default stackPolicy({
    name: "vpc-flow-logs-enabled",
    description: "Every VPC the stack creates has a VPC flow log (aws.ec2.FlowLog whose vpcId is that VPC), so network traffic to the deploy target is logged.",
    severity: "medium",
    pci: "10.2.1",
    securityHub: ["EC2.6"],
    resourceTypes: [...vpcTypes, flowLogType],
    remediationSteps: "Add an aws.ec2.FlowLog with `vpcId: vpc.id`, `trafficType: \"ALL\"` and a CloudWatch Logs or S3 destination for each VPC.",
    validateStack: c => {
        const vpcs: PolicyResource[] = [];
        const loggedUrns = new Set<string>();
        const loggedIds = new Set<string>();
        for (const r of c.resources) {
            if (vpcTypes.includes(r.type)) {
                vpcs.push(r);
            } else if (r.type === flowLogType) {
                // propertyDependencies first: they link the flow log to its VPC even when the id is unknown (preview).
                for (const dep of r.propertyDependencies?.vpcId ?? []) loggedUrns.add(dep.urn);
                const id = knownString(raw(r.props)?.vpcId);
                if (id) loggedIds.add(id);
            }
        }
        for (const vpc of vpcs) {
            if (loggedUrns.has(vpc.urn)) continue;
            const id = vpcIdOf(vpc);
            if (id && loggedIds.has(id)) continue;
            c.report(vpc, `VPC '${vpc.name}' has no flow log: add an aws.ec2.FlowLog whose vpcId is this VPC's id.`);
        }
    },
});
