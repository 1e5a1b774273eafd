import { WireProperties } from "./wire";

export type Mode = "preview" | "update";

export interface ResourceOptions {
    protect: boolean;
    ignoreChanges: string[];
    /** URNs of the resource's aliases, as the engine sends them to analyzers. */
    aliases: string[];
    customTimeouts: { create: number; update: number; delete: number };
    additionalSecretOutputs: string[];
    deleteBeforeReplace?: boolean;
    parent?: string;
}

/** One registered resource, as the engine knows it: inputs for Analyze, outputs for AnalyzeStack. */
export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    id?: string;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** URN of the provider resource (explicit or the synthesised default provider). */
    provider?: string;
    inputs: WireProperties;
    outputs: WireProperties;
    options: ResourceOptions;
    /** Read, not managed (`Resource.get`, or `external` in a state file): AnalyzeStack only, no Analyze. */
    external?: boolean;
    /** The URNs the resource's `aliases` option names (the engine matches them against old state). */
    aliasUrns?: string[];
    /** A component implemented by a provider plugin (awsx, eks, ...), built by the plugin's Construct. */
    remote?: boolean;
    /** Why the resources inside this component are not analysed (a plugin component without a model). */
    notAnalysed?: string;
    /** For a plugin component the offline preview has a model of: the model's source (plugin version, files). */
    modelled?: string;
    /** For a resource the offline preview registered from its model of a plugin component: that component's URN. */
    modelledChildOf?: string;
}

/** What a program (or a state file) registered, in registration order. */
export interface CapturedStack {
    project: string;
    stack: string;
    organization: string;
    mode: Mode;
    resources: CapturedResource[];
    /** Where the resources came from, for reports (a program folder or a state file). */
    source: string;
}

export function emptyOptions(): ResourceOptions {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { create: 0, update: 0, delete: 0 },
        additionalSecretOutputs: [],
    };
}

/** Engine URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
export function makeUrn(stack: string, project: string, qualifiedType: string, name: string): string {
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

export function qualifiedTypeOfUrn(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts[2] : "";
}

export const rootStackType = "pulumi:pulumi:Stack";
