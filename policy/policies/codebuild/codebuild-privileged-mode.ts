import { resourcePolicy } from "../../lib/policy";
import { deferUnknown, isPlainObject, isUnknown } from "../../lib/unknowns";

const projectType = "aws:codebuild/project:Project";

export default resourcePolicy({
    name: "codebuild-privileged-mode",
    description: "CodeBuild projects run without privileged mode (root on the build host's Docker daemon) unless they build container images; review every project that enables it.",
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
            c.report(`CodeBuild project '${c.name}' runs in privileged mode: set environment.privilegedMode to false ` +
                "unless it builds container images (then exempt it with the reason).");
        }
    },
});
