import { resourcePolicy } from "../../lib/policy";
import { deferUnknown, isPlainObject, isUnknown } from "../../lib/unknowns";

const projectType = "aws:codebuild/project:Project";

/** Docker commands that need the daemon privileged mode starts (CodeBuild's Linux images). */
const dockerCommand = /(^|[\s;&|(`"'-])(docker(\s+(buildx\s+)?build|\s+push|\s+compose|-compose)|buildah\s+bud)\b/m;

/** The inline buildspec of the primary and secondary sources; file names in the repository are not visible. */
function inlineBuildspecs(props: Record<string, any>): string[] {
    const sources = [props.source, ...(Array.isArray(props.secondarySources) ? props.secondarySources : [])];
    return sources.map(s => (isPlainObject(s) ? s.buildspec : undefined))
        .filter((b): b is string => typeof b === "string" && !isUnknown(b) && b.includes("\n"));
}

export default resourcePolicy({
    name: "codebuild-privileged-mode",
    description: "CodeBuild projects run without privileged mode (root on the build host's Docker daemon) unless they build container images: a project whose inline buildspec runs docker build/push is not applicable; review every other project that enables it.",
    severity: "medium",
    pci: "7.2.1",
    enforcementLevel: "advisory",
    resourceTypes: [projectType],
    remediationSteps: "Set `environment.privilegedMode: false` unless the project builds Docker images; for image builds keep it on only in a dedicated project " +
        "with a narrowly scoped service role, and add the project to this policy's `exemptions` with the reason.",
    validate: c => {
        const env = c.props.environment;
        if (isUnknown(env)) {
            deferUnknown(c.proxied, ["environment"]);
            return;
        }
        const privileged = isPlainObject(env) ? env.privilegedMode : undefined;
        if (isUnknown(privileged)) {
            deferUnknown(c.proxied, ["environment", "privilegedMode"]);
            return;
        }
        if (privileged === true) {
            if (inlineBuildspecs(c.props).some(b => dockerCommand.test(b))) {
                c.notApplicable("the project builds container images (its buildspec runs docker), which needs privileged mode");
            }
            c.report(`CodeBuild project '${c.name}' runs in privileged mode: set environment.privilegedMode to false ` +
                "unless it builds container images (an inline buildspec that runs docker build/push shows that; for a buildspec file in the repository, exempt the project with the reason).");
        }
    },
});
