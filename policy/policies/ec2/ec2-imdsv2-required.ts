import type { InstanceArgs, LaunchTemplateArgs } from "@pulumi/aws/ec2";
import { attributePolicy, attributeRule } from "../../lib/attribute-policy";
import { awsNativeTypes, awsTypes } from "../../lib/aws-types";
import { ResourceCheck } from "../../lib/policy";
import { isPlainObject, isUnknown } from "../../lib/unknowns";

/** aws-native's ec2.LaunchTemplate (CloudFormation AWS::EC2::LaunchTemplate), the part this policy reads. */
interface NativeLaunchTemplateArgs { launchTemplateData?: { metadataOptions?: { httpTokens?: unknown; httpEndpoint?: unknown } } }
type Args = InstanceArgs & LaunchTemplateArgs & NativeLaunchTemplateArgs;

const native = (c: ResourceCheck<{}, Args>) => c.type === awsNativeTypes.ec2.LaunchTemplate;
const what = (c: ResourceCheck<{}, Args>) => (c.type === awsTypes.ec2.Instance ? "EC2 instance" : "launch template");

/** With the metadata endpoint turned off there is no IMDSv1 to reach; an unknown endpoint setting is undecided. */
function endpointDisabled(c: ResourceCheck<{}, Args>): string | undefined {
    const parent: unknown = native(c) ? (c.props.launchTemplateData as unknown) : c.props;
    if (isUnknown(parent)) { c.undecided(["launchTemplateData"]); return undefined; }
    const options = isPlainObject(parent) ? parent.metadataOptions : undefined;
    const prefix = native(c) ? ["launchTemplateData", "metadataOptions"] : ["metadataOptions"];
    if (isUnknown(options)) { c.undecided(prefix); return undefined; }
    const endpoint = isPlainObject(options) ? options.httpEndpoint : undefined;
    if (isUnknown(endpoint)) { c.undecided([...prefix, "httpEndpoint"]); return undefined; }
    return endpoint === "disabled" ? "the instance metadata endpoint is disabled (httpEndpoint: disabled), so IMDSv1 cannot be reached" : undefined;
}

const message = (c: ResourceCheck<{}, Args>, path: string, unset: boolean) =>
    `${what(c)} '${c.name}' ${unset ? "leaves IMDSv2 to the AMI's and account's defaults" : "allows IMDSv1"}: set ${path} to "required".`;

export default attributePolicy<{}, Args>({
    name: "ec2-imdsv2-required",
    description: "EC2 instances and launch templates require IMDSv2 session tokens for the instance metadata service (or disable it).",
    severity: "high",
    pci: "2.2.5, 6.2.4",
    securityHub: ["EC2.8"],
    resourceTypes: [awsTypes.ec2.Instance, awsTypes.ec2.LaunchTemplate, awsNativeTypes.ec2.LaunchTemplate],
    remediationSteps: "Set `metadataOptions: { httpTokens: \"required\" }` on the aws.ec2.Instance or aws.ec2.LaunchTemplate, or " +
        "`launchTemplateData: { metadataOptions: { httpTokens: \"required\" } }` on the aws-native ec2.LaunchTemplate " +
        "(or turn the endpoint off with httpEndpoint: \"disabled\"). Unset, the token requirement depends on the AMI and the account's default.",
    notApplicable: endpointDisabled,
    when: c => !native(c),
    path: "metadataOptions.httpTokens",
    absent: undefined,
    compliant: ["required"],
    message: (c, v) => message(c, "metadataOptions.httpTokens", v.unset),
    fix: "required",
    andThen: [attributeRule<{}, Args>({
        when: native,
        path: "launchTemplateData.metadataOptions.httpTokens",
        compliant: ["required"],
        message: (c, v) => message(c, "launchTemplateData.metadataOptions.httpTokens", v.unset),
        fix: "required",
    })],
});
