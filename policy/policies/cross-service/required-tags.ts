// Which resources are taggable: the policy cannot read the provider schema at run time, so it uses
// the list generated from @pulumi/aws (lib/taggable-aws-types.ts, checked against the installed
// provider by a test), and also treats as taggable any AWS resource whose inputs carry `tags` or
// `tagsAll` (types the list does not know: a newer provider, or v6-only types). Presence of `tags`
// alone would miss exactly the resources that need flagging: those created with no tags at all.
import { PolicyMetadata, resourcePolicy } from "../../lib/policy";
import { configuredStrings, stringListSetting } from "../../lib/policy-config";
import { taggableAwsTypes } from "../../lib/taggable-aws-types";
import { awsTypes } from "../../lib/aws-types";
import { at, isPlainObject, isUnknown } from "../../lib/unknowns";

interface Config {
    requiredTags: string[];
    environmentTag: string;
    environments: Record<string, string>;
}

/** Types whose `tags` input is a list of { key, value } and that the provider's defaultTags do not reach. */
const listTagTypes = new Set<string>([awsTypes.autoscaling.Group]);

export function isTaggableAwsResource(type: string, props: Record<string, any> | undefined): boolean {
    if (!type.startsWith("aws:")) return false;
    return taggableAwsTypes.has(type) || (isPlainObject(props) && (props.tags !== undefined || props.tagsAll !== undefined));
}

/** A tag source as key -> value, "unknown" when the whole source is not known yet. */
type TagSet = Map<string, unknown> | "unknown";

function tagsFrom(v: unknown): TagSet {
    if (isUnknown(v)) return "unknown";
    const out = new Map<string, unknown>();
    if (Array.isArray(v)) {
        for (const t of v) {
            const key = at(t, "key");
            if (isUnknown(t) || isUnknown(key)) return "unknown";
            if (typeof key === "string") out.set(key, at(t, "value"));
        }
    } else if (isPlainObject(v)) {
        for (const [k, value] of Object.entries(v)) out.set(k, value);
    }
    return out;
}

/** The provider's defaultTags.tags: an object for the default provider, a JSON string for an explicit one. */
export function providerDefaultTags(providerProps: Record<string, any> | undefined): TagSet {
    let dt: unknown = providerProps?.defaultTags;
    if (isUnknown(dt)) return "unknown";
    if (typeof dt === "string") {
        try {
            dt = JSON.parse(dt);
        } catch {
            return new Map();
        }
    }
    return tagsFrom(at(dt, "tags"));
}

const metadata: PolicyMetadata = {
    name: "required-tags",
    description: "Taggable AWS resources carry the required tags (directly or through the provider's defaultTags), and the Environment tag names this stack's environment.",
    severity: "low",
    pci: "12.5.1",
    resourceTypes: ["aws:*"],
    remediationSteps: "Set the missing tags in the resource's `tags` or, once for the whole stack, in the aws provider's `defaultTags.tags` " +
        "(stack config `aws:defaultTags`); derive `Environment` from the stack (e.g. `pulumi.getStack()` or per-stack config) instead of copying a constant between stacks.",
    config: {
        properties: {
            requiredTags: stringListSetting("Tag keys every taggable resource must carry.", ["Environment", "Owner", "DataClassification"], { minLength: 1 }),
            environmentTag: {
                type: "string", minLength: 1, default: "Environment",
                description: "The tag whose value must be the stack's environment.",
            },
            environments: {
                type: "object", additionalProperties: { type: "string" }, default: {},
                description: "Stack name -> environment name (the Environment tag's expected value); a stack not listed is its own environment.",
            },
        },
    },
};

const requiredTags = resourcePolicy<Config>({
    ...metadata,
    appliesTo: isTaggableAwsResource,
    appliesToDescription: "taggable AWS resources",
    validate: c => {
        const resourceTags = tagsFrom(c.props.tags);
        const usesDefaultTags = !listTagTypes.has(c.type) && !Array.isArray(c.props.tags);
        const defaults = usesDefaultTags ? providerDefaultTags(c.providerProps) : new Map<string, unknown>();
        if (resourceTags === "unknown") {
            c.undecided(["tags"]);
            return;
        }
        /** Where a tag's effective value comes from: the resource overrides the provider's defaults. */
        const lookup = (key: string): { value: unknown; from: "resource" | "provider" } | "unknown" | undefined => {
            if (resourceTags.has(key)) return { value: resourceTags.get(key), from: "resource" };
            if (defaults === "unknown") return "unknown";
            if (defaults.has(key)) return { value: defaults.get(key), from: "provider" };
            return undefined;
        };
        const missing: string[] = [];
        const required = configuredStrings(c.config.requiredTags);
        let providerUnknown = false;
        for (const key of required) {
            const found = lookup(key);
            if (found === "unknown") { providerUnknown = true; continue; }
            // A blank value (empty or whitespace only) names no owner, environment or classification: as good as missing.
            const blank = typeof found?.value === "string" && !isUnknown(found.value) && found.value.trim() === "";
            if (found === undefined || found.value === undefined || found.value === null || blank) missing.push(key);
        }
        if (missing.length) {
            c.report(`Resource '${c.name}' is missing required tag${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: ` +
                `add ${missing.map(k => `tags.${k}`).join(", ")} to the resource or to the aws provider's defaultTags.tags.`);
        }

        const envKey = c.config.environmentTag;
        const expected = (isPlainObject(c.config.environments) && typeof c.config.environments[c.stack] === "string")
            ? c.config.environments[c.stack] : c.stack;
        const env = typeof envKey === "string" ? lookup(envKey) : undefined;
        if (env === "unknown") {
            providerUnknown = true;
        } else if (env && typeof env.value === "string" && env.value !== "") {
            if (isUnknown(env.value)) {
                if (env.from === "resource") c.undecided(["tags", envKey]);
            } else if (env.value !== expected) {
                // The value is not echoed (tag values are inputs we do not print); the expected one comes from config.
                const where = env.from === "resource" ? `tags.${envKey}` : `the aws provider's defaultTags.tags.${envKey}`;
                c.report(`Resource '${c.name}' has an ${envKey} tag that does not match stack '${c.stack}', whose environment is '${expected}': ` +
                    `set ${where} to '${expected}' (derive it from the stack, do not copy it between stacks).`);
            }
        }
        if (providerUnknown) {
            c.undecided(["defaultTags"], "provider");
        }
    },
});

export default requiredTags;
