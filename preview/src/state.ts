import * as fs from "fs";
import { UserError, messageOf } from "./errors";
import { CapturedResource, CapturedStack, ResourceOptions, emptyOptions, rootStackType } from "./model";
import { WireValue, isSecret, makeSecret, setOwn, specialSigKey, secretSig, unknownString } from "./wire";

const supportedVersions = [1, 2, 3];

/** Secrets in an export are `{sig, ciphertext}` (undecidable here) or, with --show-secrets, `{sig, plaintext}`. */
function decodeStateValue(v: WireValue): WireValue {
    if (Array.isArray(v)) {
        return v.map(decodeStateValue);
    }
    if (v && typeof v === "object") {
        if (v[specialSigKey] === secretSig && !("value" in v)) {
            if (typeof v.plaintext === "string") {
                try {
                    return makeSecret(decodeStateValue(JSON.parse(v.plaintext)));
                } catch {
                    return makeSecret(v.plaintext);
                }
            }
            return makeSecret(unknownString);
        }
        if (isSecret(v)) {
            return makeSecret(decodeStateValue(v.value));
        }
        const out: Record<string, WireValue> = {};
        for (const [k, e] of Object.entries(v)) {
            if (e !== undefined) setOwn(out, k, decodeStateValue(e));
        }
        return out;
    }
    return v;
}

function urnPart(ref: unknown): string | undefined {
    if (typeof ref !== "string" || ref === "") return undefined;
    const i = ref.lastIndexOf("::");
    return ref.startsWith("urn:pulumi:") && i > 0 && ref.slice(0, i).split("::").length >= 4 ? ref.slice(0, i) : ref;
}

/**
 * How deep a state file may nest. Go's encoding/json, which the CLI reads state with, refuses 10,000
 * levels (encoding/json scanner.go maxNestingDepth); the values are handled recursively here and by the
 * packs (protobuf Struct), so the limit is lower, far above any real resource's properties.
 */
export const maxStateDepth = 1000;

/** The nesting depth of a parsed JSON value, counted without recursion and stopping past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
    let deepest = 0;
    const stack: [unknown, number][] = [[value, 1]];
    while (stack.length) {
        const [v, d] = stack.pop()!;
        if (!v || typeof v !== "object") continue;
        if (d > deepest) deepest = d;
        if (deepest > limit) return deepest;
        for (const e of Array.isArray(v) ? v : Object.values(v)) {
            if (e && typeof e === "object") stack.push([e, d + 1]);
        }
    }
    return deepest;
}

/**
 * Reads a `pulumi stack export` file (deployment versions 1 to 3) into the shape a program capture
 * has, so the same packs can judge deployed state: Analyze over inputs, AnalyzeStack over outputs.
 */
export function loadStateFile(file: string): CapturedStack {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new UserError(`Cannot read state file ${file}: ${messageOf(e)}.`, "Pass --state with the output of 'pulumi stack export --file FILE'.");
    }
    let doc: any;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        // A parse error at the very end of the text means the file was cut short.
        const at = /position (\d+)/.exec(messageOf(e));
        const truncated = /Unexpected end|unterminated/i.test(messageOf(e)) || (at !== null && Number(at[1]) >= text.trimEnd().length - 1);
        throw new UserError(`State file ${file} is not valid JSON${truncated ? " (it looks truncated)" : ""}: ${messageOf(e)}.`,
            "Export it again with 'pulumi stack export --file FILE' and pass that file.");
    }
    const depth = nestingDepth(doc, maxStateDepth);
    if (depth > maxStateDepth) {
        throw new UserError(`State file ${file} nests values more than ${maxStateDepth} levels deep; no Pulumi stack export does.`,
            "Export it again with 'pulumi stack export --file FILE' and pass that file.");
    }
    if (!doc || typeof doc !== "object" || typeof doc.version !== "number" || typeof doc.deployment !== "object" || doc.deployment === null) {
        throw new UserError(`State file ${file} is not a Pulumi stack export (expected {"version": N, "deployment": {...}}).`,
            "Pass the output of 'pulumi stack export --file FILE'.");
    }
    if (!supportedVersions.includes(doc.version)) {
        throw new UserError(`State file ${file} has deployment version ${doc.version}; this tool reads versions ${supportedVersions.join(", ")}.`,
            "Export it with a Pulumi CLI of the same major version, or upgrade this tool.");
    }
    const list = doc.deployment.resources ?? [];
    if (!Array.isArray(list)) {
        throw new UserError(`State file ${file}: deployment.resources must be a list.`);
    }
    const resources: CapturedResource[] = [];
    let project = "", stack = "";
    list.forEach((r: any, i: number) => {
        if (!r || typeof r.urn !== "string" || typeof r.type !== "string") {
            throw new UserError(`State file ${file}: resource #${i + 1} has no urn or type.`, "The export is damaged: export it again.");
        }
        if (r.delete === true) return; // pending deletion: not part of the stack any more
        const parts = r.urn.split("::");
        if (parts.length < 4) {
            throw new UserError(`State file ${file}: resource #${i + 1} has a malformed URN '${r.urn}'.`);
        }
        if (!stack) {
            stack = parts[0].replace(/^urn:pulumi:/, "");
            project = parts[1];
        }
        const options: ResourceOptions = emptyOptions();
        options.protect = !!r.protect;
        options.ignoreChanges = Array.isArray(r.ignoreChanges) ? r.ignoreChanges : [];
        options.aliases = Array.isArray(r.aliases) ? r.aliases.filter((a: unknown) => typeof a === "string") : [];
        options.additionalSecretOutputs = Array.isArray(r.additionalSecretOutputs) ? r.additionalSecretOutputs : [];
        if (typeof r.deleteBeforeReplace === "boolean") options.deleteBeforeReplace = r.deleteBeforeReplace;
        if (r.parent) options.parent = r.parent;
        const pd: Record<string, string[]> = {};
        for (const [k, v] of Object.entries<any>(r.propertyDependencies ?? {})) {
            if (Array.isArray(v) && v.length) pd[k] = v;
        }
        resources.push({
            urn: r.urn,
            type: r.type,
            name: parts.slice(3).join("::"),
            custom: r.custom !== false && r.type !== rootStackType,
            id: typeof r.id === "string" && r.id ? r.id : undefined,
            parent: r.parent || undefined,
            dependencies: Array.isArray(r.dependencies) ? r.dependencies : [],
            propertyDependencies: pd,
            provider: urnPart(r.provider),
            inputs: decodeStateValue(r.inputs ?? {}),
            outputs: decodeStateValue(r.outputs ?? {}),
            options,
            external: r.external === true,
        });
    });
    if (resources.length === 0) {
        throw new UserError(`State file ${file} holds no resources.`, "Export a stack that has been deployed.");
    }
    return { project, stack, organization: "organization", mode: "update", resources, source: file };
}
