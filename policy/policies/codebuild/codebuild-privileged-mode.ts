import type { ProjectArgs } from "@pulumi/aws/codebuild";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";
import { Props } from "../../lib/property-paths";
import { at, isPlainObject, isUnknown } from "../../lib/unknowns";

/** Docker commands that need the daemon privileged mode starts (CodeBuild's Linux images). */
const dockerCommand = /(^|[\s;&|(`"'-])(docker(\s+(buildx\s+)?build|\s+push|\s+compose|-compose)|buildah\s+bud)\b/m;

/** The inline buildspecs of the primary and secondary sources; file names in the repository are not visible. */
function inlineBuildspecs(props: Props<ProjectArgs>): string[] {
    const sources = [props.source, ...(Array.isArray(props.secondarySources) ? props.secondarySources : [])];
    return sources.map(s => (isPlainObject(s) ? s.buildspec : undefined))
        .filter((b): b is string => typeof b === "string" && !isUnknown(b) && b.includes("\n"));
}

export default attributePolicy<{}, ProjectArgs>({
    name: "codebuild-privileged-mode",
    description: "CodeBuild projects run without privileged mode (root on the build host's Docker daemon) unless they build container images: a project whose inline buildspec runs docker build/push is not applicable; review every other project that enables it.",
    severity: "medium",
    pci: "7.2.1",
    securityHub: ["CodeBuild.5"],
    enforcementLevel: "advisory",
    resourceTypes: [awsTypes.codebuild.Project],
    remediationSteps: "Set `environment.privilegedMode: false` unless the project builds Docker images; for image builds keep it on only in a dedicated project " +
        "with a narrowly scoped service role, and add the project to this policy's `exemptions` with the reason.",
    notApplicable: c => at(c.props, "environment", "privilegedMode") === true && inlineBuildspecs(c.props).some(b => dockerCommand.test(b))
        ? "the project builds container images (its buildspec runs docker), which needs privileged mode" : undefined,
    path: "environment.privilegedMode",
    absent: false,
    compliant: v => v !== true,
    message: c => `CodeBuild project '${c.name}' runs in privileged mode: set environment.privilegedMode to false ` +
        "unless it builds container images (an inline buildspec that runs docker build/push shows that; for a buildspec file in the repository, exempt the project with the reason).",
});
