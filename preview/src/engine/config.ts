import * as fs from "fs";
import Ajv from "ajv";
import { UserError, messageOf } from "../errors";
import { AnalyzerInfo, EnforcementLevel } from "./pack";

export type ReconciledConfig = Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, any> }>;

const levels: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Reads a `--policy-pack-config` file: the JSON object the Pulumi CLI takes. */
export function readPolicyPackConfigFile(file: string): Record<string, unknown> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new UserError(`Cannot read policy pack config ${file}: ${messageOf(e)}.`);
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

function checkLevel(v: unknown, where: string): EnforcementLevel {
    if (typeof v !== "string" || !levels.includes(v as EnforcementLevel)) {
        throw new UserError(`${where}: enforcement level '${String(v)}' is not one of ${levels.join(", ")}.`);
    }
    return v as EnforcementLevel;
}

/**
 * The config the engine sends with Configure: each policy's own level and its config schema's
 * defaults, then the pack's initial config, then the user's `--policy-pack-config` (where `all` sets
 * every level). The result is validated against each policy's schema, as the CLI does.
 */
export function reconcileConfig(info: AnalyzerInfo, user: Record<string, unknown> | undefined, source = "policy pack config"): ReconciledConfig {
    const out: ReconciledConfig = {};
    for (const p of info.policies) {
        const properties: Record<string, any> = {};
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
            if (s && typeof s === "object" && "default" in s) {
                properties[k] = structuredClone(s.default);
            }
        }
        out[p.name] = { enforcementLevel: p.enforcementLevel, properties };
    }
    const apply = (cfg: Record<string, any>, where: string) => {
        if ("all" in cfg) {
            const all = cfg.all;
            const level = checkLevel(typeof all === "string" ? all : all?.enforcementLevel, `${where} "all"`);
            for (const c of Object.values(out)) c.enforcementLevel = level;
        }
        for (const [name, v] of Object.entries(cfg)) {
            if (name === "all") continue;
            const c = out[name];
            if (!c) {
                const known = info.policies.map(p => p.name).join(", ");
                throw new UserError(`${where} names policy '${name}', which pack ${info.name} does not have.`,
                    `Its policies are: ${known}.`);
            }
            if (typeof v === "string") {
                c.enforcementLevel = checkLevel(v, `${where} "${name}"`);
            } else if (v && typeof v === "object" && !Array.isArray(v)) {
                const { enforcementLevel, ...props } = v as Record<string, any>;
                if (enforcementLevel !== undefined) {
                    c.enforcementLevel = checkLevel(enforcementLevel, `${where} "${name}"`);
                }
                Object.assign(c.properties, props);
            } else {
                throw new UserError(`${where} "${name}" must be an enforcement level or an object.`);
            }
        }
    };
    for (const [name, ic] of Object.entries(info.initialConfig)) {
        apply({ [name]: { ...ic.properties, ...(ic.enforcementLevel ? { enforcementLevel: ic.enforcementLevel } : {}) } }, `pack ${info.name} initial config`);
    }
    if (user) {
        apply(user, source);
    }
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const p of info.policies) {
        if (!p.configSchema) continue;
        const schema = { type: "object", properties: p.configSchema.properties, required: p.configSchema.required ?? [] };
        const validate = ajv.compile(schema);
        if (!validate(out[p.name].properties)) {
            const errs = (validate.errors ?? []).map(e => `${e.instancePath || "(config)"} ${e.message}`).join("; ");
            throw new UserError(`${source}: config for policy '${p.name}' is invalid: ${errs}.`,
                "Fix the value to match the policy's config schema (see the pack's README).");
        }
    }
    return out;
}
