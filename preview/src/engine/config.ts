import * as fs from "fs";
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { UserError, messageOf } from "../errors";
import { AnalyzerInfo, EnforcementLevel } from "./pack";

export type ReconciledConfig = Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, any> }>;

const levels: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** One parsed entry of a policy pack config file (pkg/resource/analyzer/config.go:93 parsePolicyPackConfig). */
interface ConfigEntry {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** Reads a `--policy-pack-config` file: the JSON object the Pulumi CLI takes. */
export function readPolicyPackConfigFile(file: string): Record<string, unknown> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new UserError(`Cannot read policy pack config ${file}: ${messageOf(e)}.`);
    }
    if (text.trim() === "") {
        // config.go:97: an empty file is no config.
        return {};
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new UserError(`Policy pack config ${file} is not valid JSON (${messageOf(e)}).`,
            'It takes the form {"all": "mandatory", "policy-name": {"enforcementLevel": "advisory", "setting": 1}}.');
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        throw new UserError(`Policy pack config ${file} must be a JSON object keyed by policy name (or "all").`);
    }
    return doc as Record<string, unknown>;
}

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && levels.includes(v as EnforcementLevel);
}

/** config.go:93-158: each value is a level, or an object with an optional `enforcementLevel` and settings. */
function parseEntries(cfg: Record<string, unknown>, where: string): Map<string, ConfigEntry> {
    const out = new Map<string, ConfigEntry>();
    for (const name of Object.keys(cfg)) {
        const v = cfg[name];
        if (name === "environments") {
            // ESC environments the CLI resolves; nothing a pack sees.
            if (!Array.isArray(v) || v.some(e => typeof e !== "string")) {
                throw new UserError(`${where}: "environments" must be an array of strings.`);
            }
            continue;
        }
        if (typeof v === "string") {
            if (!isLevel(v)) {
                throw new UserError(`${where}: parsing enforcement level for "${name}": "${v}" is not a valid enforcement level.`,
                    `Use one of ${levels.join(", ")}.`);
            }
            out.set(name, { enforcementLevel: v, properties: {} });
        } else if (v && typeof v === "object" && !Array.isArray(v)) {
            const { enforcementLevel, ...rest } = v as Record<string, unknown>;
            const properties: Record<string, unknown> = Object.create(null);
            for (const k of Object.keys(rest)) properties[k] = rest[k];
            if (enforcementLevel !== undefined && typeof enforcementLevel !== "string") {
                throw new UserError(`${where}: parsing enforcement level for "${name}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level; must be a string.`);
            }
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                throw new UserError(`${where}: parsing enforcement level for "${name}": "${enforcementLevel}" is not a valid enforcement level.`,
                    `Use one of ${levels.join(", ")}.`);
            }
            if (enforcementLevel === undefined && Object.keys(properties).length === 0) {
                // config.go:147: an entry with neither a level nor settings is skipped ("all": {}).
                continue;
            }
            out.set(name, { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, properties });
        } else {
            throw new UserError(`${where}: parsing "${name}": ${JSON.stringify(v)} is not a valid value; must be a string or object.`);
        }
    }
    return out;
}

/**
 * The config the engine sends with Configure (config.go:307 ReconcilePolicyPackConfig): each
 * policy's own level and its config schema's defaults, then the pack's initial config, then the
 * user's `--policy-pack-config`, where `all` with a level sets every policy's level. Every key is
 * passed on, also `all` and names the pack does not have, which the pack ignores; but a name
 * without a level fails as Configure fails (analyzer_plugin.go:623). Every policy's settings are
 * then validated against its schema, as the CLI validates them (config.go:183), with or without a file.
 */
export function reconcileConfig(info: AnalyzerInfo, user: Record<string, unknown> | undefined, source = "policy pack config", packDir = ""): { config: ReconciledConfig; warnings: string[] } {
    // Null-prototype maps, filled through own keys only: names such as __proto__ or constructor in a
    // config file are names, nothing more.
    const out: Record<string, { enforcementLevel: EnforcementLevel | ""; properties: Record<string, any> }> = Object.create(null);
    const warnings: string[] = [];
    const known = new Set(info.policies.map(p => p.name));
    for (const p of info.policies) {
        const properties: Record<string, any> = Object.create(null);
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
            if (s && typeof s === "object" && "default" in s) {
                Object.defineProperty(properties, k, { value: structuredClone(s.default), enumerable: true, writable: true, configurable: true });
            }
        }
        out[p.name] = { enforcementLevel: p.enforcementLevel, properties };
    }
    const apply = (entries: Map<string, ConfigEntry>) => {
        const all = entries.get("all");
        if (all?.enforcementLevel) {
            for (const c of Object.values(out)) c.enforcementLevel = all.enforcementLevel;
        }
        for (const [name, e] of entries) {
            const c = Object.prototype.hasOwnProperty.call(out, name) ? out[name] : (out[name] = { enforcementLevel: "", properties: Object.create(null) });
            if (e.enforcementLevel) c.enforcementLevel = e.enforcementLevel;
            for (const k of Object.keys(e.properties)) {
                Object.defineProperty(c.properties, k, { value: e.properties[k], enumerable: true, writable: true, configurable: true });
            }
        }
    };
    const initial = new Map<string, ConfigEntry>();
    for (const [name, ic] of Object.entries(info.initialConfig)) {
        initial.set(name, { enforcementLevel: ic.enforcementLevel, properties: ic.properties });
    }
    apply(initial);
    if (user) {
        const entries = parseEntries(user, source);
        apply(entries);
        for (const name of entries.keys()) {
            if (name !== "all" && !known.has(name)) {
                warnings.push(`${source} configures policy '${name}', which pack ${info.name} does not have; the pack ignores it`);
            }
        }
    }
    for (const [name, c] of Object.entries(out)) {
        if (!isLevel(c.enforcementLevel)) {
            throw new UserError(`configuring policy pack "${info.name}" at "${packDir}": invalid enforcement level "${c.enforcementLevel}" (for "${name}" in ${source}).`,
                `Give "${name}" an enforcementLevel (${levels.join(", ")}), or remove it.`);
        }
    }
    const errors: string[] = [];
    for (const p of info.policies) {
        const validate = validatorOf({ type: "object", properties: p.configSchema?.properties ?? {}, required: p.configSchema?.required ?? [] });
        if (!validate(out[p.name].properties)) {
            for (const e of validate.errors ?? []) {
                errors.push(`validating policy config: ${info.name} ${info.version}  ${p.name}: ${describeSchemaError(e)}`);
            }
        }
    }
    if (errors.length > 0) {
        // update.go:835-840 and 1054-1061: every error, sorted, then the run fails.
        throw new UserError(`${errors.sort().join("\n")}\nvalidating policy config (${source})`,
            "Fix the values to match the policies' config schemas (see the pack's README).");
    }
    return { config: out as ReconciledConfig, warnings };
}

const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
const validators = new Map<string, ValidateFunction>();

/** A compiled validator per distinct schema: compiling is the costly part, and packs repeat their schemas. */
function validatorOf(schema: object): ValidateFunction {
    const key = JSON.stringify(schema);
    let v = validators.get(key);
    if (!v) {
        v = ajv.compile(schema);
        validators.set(key, v);
    }
    return v;
}

/** An Ajv error in the words of gojsonschema, which the CLI validates with (config.go:204-225). */
function describeSchemaError(e: ErrorObject): string {
    const field = e.instancePath ? e.instancePath.slice(1).split("/").join(".") : "";
    const at = (s: string) => field ? `${field}: ${s}` : s;
    const p: any = e.params;
    switch (e.keyword) {
        case "required": return at(`${p.missingProperty} is required`);
        case "type": return at(`Invalid type. Expected: ${p.type}, given: ${jsonType(e.data)}`);
        case "minimum": return at(`Must be greater than or equal to ${p.limit}`);
        case "maximum": return at(`Must be less than or equal to ${p.limit}`);
        case "exclusiveMinimum": return at(`Must be greater than ${p.limit}`);
        case "exclusiveMaximum": return at(`Must be less than ${p.limit}`);
        case "minLength": return at(`String length must be greater than or equal to ${p.limit}`);
        case "maxLength": return at(`String length must be less than or equal to ${p.limit}`);
        case "minItems": return at(`Array must have at least ${p.limit} items`);
        case "maxItems": return at(`Array must have at most ${p.limit} items`);
        case "enum": return at(`${field || "(root)"} must be one of the following: ${(p.allowedValues ?? []).map((v: unknown) => JSON.stringify(v)).join(", ")}`);
        case "pattern": return at(`Does not match pattern '${p.pattern}'`);
        case "additionalProperties": return at(`Additional property ${p.additionalProperty} is not allowed`);
        default: return at(e.message ?? e.keyword);
    }
}

function jsonType(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}
