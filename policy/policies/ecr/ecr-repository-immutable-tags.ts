import { resourcePolicy } from "../../lib/policy";
import { deferUnknown, isUnknown } from "../../lib/unknowns";

const repositoryType = "aws:ecr/repository:Repository";

export default resourcePolicy<{ allowImmutableWithExclusions: boolean }>({
    name: "ecr-repository-immutable-tags",
    description: "ECR repositories make image tags immutable, so a deployed tag always names the image that was scanned and approved.",
    severity: "medium",
    pci: "6.3.3",
    resourceTypes: [repositoryType],
    remediationSteps: "Set `imageTagMutability: \"IMMUTABLE\"` on the aws.ecr.Repository (or `IMMUTABLE_WITH_EXCLUSION` with reviewed `imageTagMutabilityExclusionFilters`, if the configuration allows it) and push a new tag for every build.",
    config: {
        properties: {
            allowImmutableWithExclusions: {
                type: "boolean", default: true,
                description: "Accept IMMUTABLE_WITH_EXCLUSION (immutable except the tags matching the repository's exclusion filters).",
            },
        },
    },
    validate: c => {
        const mutability = c.props.imageTagMutability;
        if (isUnknown(mutability)) {
            deferUnknown(c.proxied, ["imageTagMutability"]);
            return;
        }
        if (mutability === "IMMUTABLE") return;
        if (mutability === "IMMUTABLE_WITH_EXCLUSION" && c.config.allowImmutableWithExclusions) return;
        // Echo only ECR's own settings: any other value could be a secret.
        const now = mutability === undefined || mutability === null ? "MUTABLE (the default)"
            : typeof mutability === "string" && /^(IM)?MUTABLE(_WITH_EXCLUSION)?$/.test(mutability) ? mutability : "not IMMUTABLE";
        c.report(`ECR repository '${c.name}' has mutable image tags (${now}): set imageTagMutability to "IMMUTABLE".`);
    },
    remediate: c => {
        const mutability = c.props.imageTagMutability;
        if (isUnknown(mutability) || mutability === "IMMUTABLE") return undefined;
        if (mutability === "IMMUTABLE_WITH_EXCLUSION" && c.config.allowImmutableWithExclusions) return undefined;
        c.proxied.imageTagMutability = "IMMUTABLE";
        // Exclusion filters are only valid with the *_WITH_EXCLUSION settings.
        if (c.props.imageTagMutabilityExclusionFilters !== undefined) {
            delete c.proxied.imageTagMutabilityExclusionFilters;
        }
        return c.proxied;
    },
});
