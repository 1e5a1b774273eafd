import type { RepositoryArgs } from "@pulumi/aws/ecr";
import { attributePolicy } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";

export default attributePolicy<{ allowImmutableWithExclusions: boolean }, RepositoryArgs>({
    name: "ecr-repository-immutable-tags",
    description: "ECR repositories make image tags immutable, so a deployed tag always names the image that was scanned and approved.",
    severity: "medium",
    pci: "6.3.3",
    securityHub: ["ECR.2"],
    resourceTypes: [awsTypes.ecr.Repository],
    remediationSteps: "Set `imageTagMutability: \"IMMUTABLE\"` on the aws.ecr.Repository (or `IMMUTABLE_WITH_EXCLUSION` with reviewed `imageTagMutabilityExclusionFilters`, if the configuration allows it) and push a new tag for every build.",
    config: {
        properties: {
            allowImmutableWithExclusions: {
                type: "boolean", default: true,
                description: "Accept IMMUTABLE_WITH_EXCLUSION (immutable except the tags matching the repository's exclusion filters).",
            },
        },
    },
    path: "imageTagMutability",
    absent: "MUTABLE",
    compliant: (v, c) => v === "IMMUTABLE" || (v === "IMMUTABLE_WITH_EXCLUSION" && c.config.allowImmutableWithExclusions),
    echo: /^(IM)?MUTABLE(_WITH_EXCLUSION)?$/,
    message: (c, v) => `ECR repository '${c.name}' has mutable image tags (${v.unset ? "MUTABLE (the default)" : v.shown ?? "not IMMUTABLE"}): ` +
        "set imageTagMutability to \"IMMUTABLE\".",
    // Exclusion filters are only valid with the *_WITH_EXCLUSION settings.
    fix: () => ({ imageTagMutability: "IMMUTABLE", imageTagMutabilityExclusionFilters: undefined }),
});
