import type { PipelineArgs } from "@pulumi/aws/codepipeline";
import { awsTypes } from "../../lib/aws-types";
import { artifactStoresOf } from "../../lib/codepipeline-actions";
import { resourcePolicy } from "../../lib/policy";
import { isPlainObject, isUnknown } from "../../lib/unknowns";

export default resourcePolicy<{}, PipelineArgs>({
    name: "codepipeline-artifact-store-region",
    description: "A pipeline with one artifact store sets no `region` (AWS rejects it); a cross-region pipeline sets a distinct `region` on every artifact store.",
    severity: "medium",
    pci: "n/a (deploy blocker)",
    resourceTypes: [awsTypes.codepipeline.Pipeline],
    remediationSteps: "With a single artifact store, remove `region` from `artifactStores[0]` (the store is in the pipeline's region). " +
        "With several, give every `artifactStores[i]` a `region`, each a different region, one of them the pipeline's.",
    validate: c => {
        const list = artifactStoresOf(c);
        if (!list) return;
        if (list.length === 1) {
            const only = list[0];
            if (isUnknown(only)) {
                c.undecided(["artifactStores", 0]);
            } else if (isPlainObject(only) && only.region !== undefined && only.region !== null) {
                // A region that is set, even to a value not known yet, is the deploy blocker.
                c.report(`Pipeline '${c.name}' has a single artifact store that sets a region: remove artifactStores[0].region ` +
                    "(AWS rejects a region on the artifact store of a single-region pipeline).");
            }
            return;
        }
        const seen = new Map<string, number>();
        list.forEach((store, i) => {
            if (isUnknown(store)) {
                // Its region, not known yet, could repeat a known one.
                c.undecided(["artifactStores", i]);
                return;
            }
            const region = isPlainObject(store) ? store.region : undefined;
            if (region === undefined || region === null || region === "") {
                c.report(`Pipeline '${c.name}' has ${list.length} artifact stores but artifactStores[${i}] sets no region: ` +
                    `set artifactStores[${i}].region (each store of a cross-region pipeline names its own region).`);
                return;
            }
            if (isUnknown(region)) {
                c.undecided(["artifactStores", i, "region"]);
                return;
            }
            if (typeof region !== "string") return;
            const first = seen.get(region);
            if (first !== undefined) {
                c.report(`Pipeline '${c.name}' artifactStores[${first}] and artifactStores[${i}] name the same region: ` +
                    `set artifactStores[${i}].region to a different region (one artifact store per region).`);
            } else {
                seen.set(region, i);
            }
        });
    },
});
