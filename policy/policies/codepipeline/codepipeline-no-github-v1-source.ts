import type { PipelineArgs } from "@pulumi/aws/codepipeline";
import { awsTypes } from "../../lib/aws-types";
import { describeAction, equalsIgnoreCase, pipelineActions } from "../../lib/codepipeline-actions";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/unknowns";

export default resourcePolicy<{}, PipelineArgs>({
    name: "codepipeline-no-github-v1-source",
    description: "No pipeline action uses the GitHub version 1 provider (owner `ThirdParty`, provider `GitHub`), which authenticates with a long-lived OAuth token; use a CodeStar (CodeConnections) connection.",
    severity: "high",
    pci: "8.3.2, 8.6.2",
    resourceTypes: [awsTypes.codepipeline.Pipeline],
    remediationSteps: "Create an `aws.codestarconnections.Connection` (provider GitHub) and replace the action with owner `AWS`, provider `CodeStarSourceConnection`, version `1`, " +
        "configuration `{ ConnectionArn, FullRepositoryId: \"owner/repo\", BranchName }`; delete the OAuthToken and revoke it in GitHub.",
    validate: c => {
        const { actions, unknownPaths } = pipelineActions(c.props);
        unknownPaths.forEach(p => c.undecided(p));
        for (const a of actions) {
            const { owner, provider } = a.action;
            const ownerMayBe = isUnknown(owner) || equalsIgnoreCase(owner, "ThirdParty");
            const providerMayBe = isUnknown(provider) || equalsIgnoreCase(provider, "GitHub");
            if (!ownerMayBe || !providerMayBe) continue;
            if (isUnknown(owner) || isUnknown(provider)) {
                c.undecided([...a.path, isUnknown(owner) ? "owner" : "provider"]);
                continue;
            }
            c.report(`Pipeline '${c.name}' ${describeAction(a)} uses GitHub version 1 (owner ThirdParty, provider GitHub): ` +
                `set ${a.label}.owner to "AWS" and ${a.label}.provider to "CodeStarSourceConnection" with a ConnectionArn in its configuration.`);
        }
    },
});
