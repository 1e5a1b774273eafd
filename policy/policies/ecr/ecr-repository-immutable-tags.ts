import type { RepositoryArgs } from "@pulumi/aws/ecr";
import { attributePolicy, attributeRule } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";

type Config = { allowImmutableWithExclusions: boolean };

const templateType = awsTypes.ecr.RepositoryCreationTemplate;
const publicRepositoryType = awsTypes.ecrpublic.Repository;

/** What a message calls the resource. */
const what = (type: string) => type === templateType ? "ECR repository creation template" : type === publicRepositoryType ? "ECR Public repository" : "ECR repository";

/** An exclusion filter that matches every tag (`*`, `**`): IMMUTABLE_WITH_EXCLUSION with it is mutable. */
const matchesEveryTag = (filter: unknown) => typeof filter === "string" && /^\*+$/.test(filter.trim());

export default attributePolicy<Config, RepositoryArgs>({
    name: "ecr-repository-immutable-tags",
    description: "ECR repositories (and the repository creation templates that pull-through cache and replication use) make image tags immutable, " +
        "so a deployed tag always names the image that was scanned and approved; an exclusion filter matching every tag is mutable, and ECR Public " +
        "repositories, whose tags cannot be made immutable, fail.",
    severity: "medium",
    pci: "6.3.3",
    securityHub: ["ECR.2"],
    resourceTypes: [awsTypes.ecr.Repository, templateType, publicRepositoryType],
    remediationSteps: "Set `imageTagMutability: \"IMMUTABLE\"` on the aws.ecr.Repository (or `IMMUTABLE_WITH_EXCLUSION` with reviewed `imageTagMutabilityExclusionFilters`, if the configuration allows it) and push a new tag for every build; " +
        "the same on an aws.ecr.RepositoryCreationTemplate. Keep images you deploy in a private aws.ecr.Repository, not an aws.ecrpublic.Repository.",
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
    message: (c, v) => c.type === publicRepositoryType
        ? `ECR Public repository '${c.name}' has mutable image tags and no scan on push, which ECR Public cannot change: keep deployed images in a private aws.ecr.Repository with imageTagMutability "IMMUTABLE".`
        : `${what(c.type)} '${c.name}' has mutable image tags (${v.unset ? "MUTABLE (the default)" : v.shown ?? "not IMMUTABLE"}): set imageTagMutability to "IMMUTABLE".`,
    // Exclusion filters are only valid with the *_WITH_EXCLUSION settings. ECR Public has no such property.
    fix: c => (c.type === publicRepositoryType ? {} : { imageTagMutability: "IMMUTABLE", imageTagMutabilityExclusionFilters: undefined }),
    andThen: [attributeRule<Config, RepositoryArgs>({
        path: "imageTagMutabilityExclusionFilters[].filter",
        when: c => c.props.imageTagMutability === "IMMUTABLE_WITH_EXCLUSION",
        compliant: f => !matchesEveryTag(f),
        message: (c, v) => `${what(c.type)} '${c.name}' excludes every tag from immutability (${v.path} matches all tags), so its tags are mutable: ` +
            "narrow the exclusion filter to the tags that must move (e.g. latest) or set imageTagMutability to \"IMMUTABLE\".",
        fix: () => ({ imageTagMutability: "IMMUTABLE", imageTagMutabilityExclusionFilters: undefined }),
    })],
});
