import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { UserError, messageOf } from "../errors";

/** A policy pack folder as `--policy-pack DIR` names it. */
export interface PackLocation {
    dir: string;
    /**
     * What run-policy-pack loads: the folder, so package.json `main` decides. PulumiPolicy.yaml's
     * `main` is read only by `pulumi policy publish` (pkg/cmd/pulumi/policy/policy_publish.go).
     */
    program: string;
    /** PulumiPolicy.yaml `runtime.options`, as for programs: TypeScript on unless turned off, node arguments. */
    typescript: boolean;
    nodeargs: string;
    /** PulumiPolicy.yaml `version`, which overrides the pack's own everywhere (analyzer_plugin.go:270-275). */
    version?: string;
}

export function locatePack(dir: string): PackLocation {
    const abs = path.resolve(dir);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
        throw new UserError(`Policy pack folder ${dir} does not exist.`, "Pass --policy-pack with the folder that holds PulumiPolicy.yaml.");
    }
    const file = path.join(abs, "PulumiPolicy.yaml");
    if (!fs.existsSync(file)) {
        throw new UserError(`No PulumiPolicy.yaml in ${dir}: it is not a policy pack.`,
            "Pass --policy-pack with a policy pack folder (one with PulumiPolicy.yaml and package.json).");
    }
    let doc: any;
    try {
        doc = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new UserError(`${file} is not valid YAML (${messageOf(e).split("\n")[0]}).`);
    }
    const runtime = typeof doc?.runtime === "string" ? doc.runtime : doc?.runtime?.name;
    if (runtime !== "nodejs") {
        throw new UserError(`Policy pack ${dir} uses runtime '${runtime ?? "(none)"}'; only nodejs packs can run here.`);
    }
    const options = doc.runtime && typeof doc.runtime === "object" && doc.runtime.options && typeof doc.runtime.options === "object" ? doc.runtime.options : {};
    const version = typeof doc.version === "string" || typeof doc.version === "number" ? String(doc.version) : undefined;
    return { dir: abs, program: abs, typescript: options.typescript !== false, nodeargs: typeof options.nodeargs === "string" ? options.nodeargs : "", version };
}
