// awsx:ecr:Repository: what awsx/ecr/repository.ts registers (line numbers of that file at the commit
// in ./common.ts).
//
//   aws:ecr/repository:Repository            ${name.toLowerCase()}  parent: the component (25-30)
//   aws:ecr/lifecyclePolicy:LifecyclePolicy  ${name.toLowerCase()}  parent: the component (34-49), unless lifecyclePolicy.skip
//
// awsx sets none of the repository's settings: the component's args (less lifecyclePolicy) go to
// aws.ecr.Repository as they are (26-30). So, unless the program sets them, there is no
// imageScanningConfiguration (scan on push off), no imageTagMutability (the provider's default,
// MUTABLE), no forceDelete and no encryptionConfigurations (AES256, AWS's default). The lifecycle
// policy awsx adds by default expires untagged images beyond one (58-72).
import { ChildGoal, ComponentModel, Expansion, ModelContext, ref, unknownInput } from "../model";
import { awsxSource, containsUnknown, isRecord, keyOf, list, pick, record, sdkInputs, types } from "./common";

export const ecrRepositoryModel: ComponentModel = {
    type: "awsx:ecr:Repository",
    source: awsxSource("ecr/repository.ts"),
    expand: expandRepository,
};

function expandRepository(c: ModelContext): Expansion {
    const a = c.inputs;
    const name = c.name.toLowerCase();
    const repoKey = keyOf(types.ecrRepository, name);
    const policyKey = keyOf(types.ecrLifecyclePolicy, name);
    const lifecycle = a.lifecyclePolicy;
    const children: ChildGoal[] = [{
        type: types.ecrRepository, name, key: repoKey,
        properties: pick(a, sdkInputs.ecrRepository),
    }];
    // 34: an unknown lifecyclePolicy is taken as not skipped (the schema makes it a plain input).
    const skip = !!record(lifecycle)?.skip;
    if (!skip) {
        children.push({
            type: types.ecrLifecyclePolicy, name, key: policyKey,
            properties: {
                repository: ref(repoKey, "name"),
                policy: lifecyclePolicyDocument(lifecycle),
                ...(a.region !== undefined ? { region: a.region } : {}),
            },
        });
    }
    return {
        children,
        outputs: output => ({ url: output(repoKey, "repositoryUrl") }),
    };
}

/**
 * 58-145 buildLifecyclePolicy: the rules in order, an "any" rule last, priorities from 1; without
 * rules, one that keeps a single untagged image. Rules awsx would refuse (no count, an empty tag
 * prefix list, two "any" rules) or unknown rules leave the document unknown.
 */
export function lifecyclePolicyDocument(lifecycle: unknown): unknown {
    if (lifecycle === unknownInput) return unknownInput;
    const rulesIn = record(lifecycle)?.rules;
    if (rulesIn === undefined || rulesIn === null) {
        return documentOf([{ description: "remove untagged images", tagStatus: "untagged", maximumNumberOfImages: 1 }]);
    }
    const rules = list(rulesIn);
    if (!rules || containsUnknown(rules) || !rules.every(isRecord)) return unknownInput;
    return documentOf(rules as Record<string, unknown>[]);
}

function documentOf(rules: Record<string, unknown>[]): unknown {
    const ordered = [...rules.filter(r => r.tagStatus !== "any"), ...rules.filter(r => r.tagStatus === "any")];
    if (ordered.filter(r => r.tagStatus === "any").length >= 2) return unknownInput;
    const out: Record<string, unknown>[] = [];
    for (const [i, rule] of ordered.entries()) {
        let count: Record<string, unknown>;
        if (rule.maximumNumberOfImages !== undefined) {
            count = { countType: "imageCountMoreThan", countNumber: rule.maximumNumberOfImages };
        } else if (rule.maximumAgeLimit !== undefined) {
            count = { countType: "sinceImagePushed", countNumber: rule.maximumAgeLimit, countUnit: "days" };
        } else {
            return unknownInput;
        }
        let tag: Record<string, unknown>;
        if (rule.tagStatus === "any" || rule.tagStatus === "untagged") {
            tag = { tagStatus: rule.tagStatus };
        } else {
            const prefixes = list(rule.tagPrefixList);
            if (!prefixes || prefixes.length === 0) return unknownInput;
            tag = { tagStatus: "tagged", tagPrefixList: prefixes };
        }
        out.push({
            rulePriority: i + 1,
            ...(rule.description !== undefined ? { description: rule.description } : {}),
            selection: { ...tag, ...count },
            action: { type: "expire" },
        });
    }
    return { rules: out };
}
