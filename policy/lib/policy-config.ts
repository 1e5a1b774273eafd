// The settings every policy of the pack has besides its own (exemptions, onError), and how a policy's
// configuration is assembled from its schema's defaults and what the organisation set.
import { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { globMatches } from "./glob";
import { isPlainObject } from "./unknowns";

export interface Exemption {
    /** A resource name, a URN, or a pattern where `*` matches anything. */
    resource: string;
    reason: string;
}

/** What the wrapper adds to every policy's configuration. */
export interface CommonConfig {
    exemptions: Exemption[];
    onError: "fail-closed" | "fail-open";
}

const exemptionsSchema = {
    type: "array",
    description: "Resources this policy does not apply to: a name, URN or `*` pattern, with the reason (reported as not applicable).",
    items: {
        type: "object",
        properties: {
            resource: { type: "string", minLength: 1 },
            reason: { type: "string", minLength: 1 },
        },
        required: ["resource", "reason"],
    },
    default: [],
} as const;

/**
 * What a policy does when it fails on an input it does not handle (a bug in the pack): report the
 * resource at the policy's own level, so a mandatory control fails closed as a PCI assessor expects
 * (cdk-nag does the same), or only advise, so a bug cannot block deployments.
 */
const onErrorSchema = {
    type: "string",
    enum: ["fail-closed", "fail-open"],
    description: "When the policy itself fails on a resource: fail-closed reports it at the policy's own level (a mandatory policy blocks), fail-open reports an advisory.",
    default: "fail-closed",
} as const;

export function configSchemaOf(config: PolicyConfigSchema | undefined): PolicyConfigSchema {
    return {
        properties: { ...(config?.properties ?? {}), exemptions: exemptionsSchema as any, onError: onErrorSchema as any },
        required: config?.required,
    };
}

function defaultsOf(schema: PolicyConfigSchema | undefined): Record<string, any> {
    const out: Record<string, any> = {};
    for (const [k, s] of Object.entries(schema?.properties ?? {})) {
        if (s && typeof s === "object" && "default" in s) {
            out[k] = (s as any).default;
        }
    }
    return out;
}

/** The policy's configuration: its schema's defaults, the common settings, then what was configured. */
export function configOf<C>(schema: PolicyConfigSchema | undefined, given: object | undefined): C & CommonConfig {
    return { ...defaultsOf(schema), exemptions: [], onError: "fail-closed", ...(given ?? {}) } as C & CommonConfig;
}

/** An exemption's `resource` against a resource name or URN (`*` only: names and URNs hold `?` literally). */
export function patternMatches(pattern: string, value: string): boolean {
    return globMatches(pattern, value);
}

export function findExemption(exemptions: unknown, name: string, urn: string): Exemption | undefined {
    if (!Array.isArray(exemptions)) return undefined;
    return exemptions.find((e): e is Exemption => isPlainObject(e) && typeof e.resource === "string" &&
        (patternMatches(e.resource, name) || patternMatches(e.resource, urn)));
}

/** The schema of a setting that is a list of strings (`items` adds to each item's schema, e.g. an enum). */
export function stringListSetting(description: string, defaultValue: string[], items: PolicyConfigJSONSchema = {}): PolicyConfigJSONSchema {
    return { type: "array", items: { type: "string", ...items }, default: defaultValue, description };
}

/** A configured list of strings: its strings, or `fallback` when the setting is not a list at all. */
export function configuredStrings(value: unknown, fallback: string[] = []): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : fallback;
}
