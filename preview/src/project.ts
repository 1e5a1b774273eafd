import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { UserError, messageOf } from "./errors";

export interface ProjectInfo {
    dir: string;
    name: string;
    /** The program's entry point: the folder (package.json `main` applies) or `main` from Pulumi.yaml. */
    main: string;
    /** The folder the program runs in and its entry point relative to it, as the CLI passes them. */
    pwd: string;
    entryPoint: string;
    /** Pulumi.yaml `runtime.options` the Node.js language host reads. */
    runtimeOptions: { typescript: boolean; nodeargs: string; tsconfig: string };
}

/** Stack configuration as the CLI passes it to programs and analyzers: namespaced keys, string values. */
export interface StackConfig {
    values: Record<string, string>;
    secretKeys: string[];
}

function readYaml(file: string, what: string): any {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new UserError(`Cannot read ${what} ${file}: ${messageOf(e)}.`);
    }
    try {
        return yaml.load(text);
    } catch (e) {
        const reason = messageOf(e).split("\n")[0];
        throw new UserError(`${what} ${file} is not valid YAML (${reason}).`, "Fix the YAML syntax and run again.");
    }
}

export function readProject(dir: string): ProjectInfo {
    const abs = path.resolve(dir);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
        throw new UserError(`Program folder ${dir} does not exist.`,
            "Pass --program with the folder that holds your Pulumi.yaml.");
    }
    const file = ["Pulumi.yaml", "Pulumi.yml"].map(f => path.join(abs, f)).find(f => fs.existsSync(f));
    if (!file) {
        throw new UserError(`No Pulumi.yaml in ${dir}.`,
            "Pass --program with the folder of a Pulumi project (the one with Pulumi.yaml).");
    }
    const doc = readYaml(file, "Project file");
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        throw new UserError(`Project file ${file} must be a YAML mapping with at least 'name' and 'runtime'.`);
    }
    if (typeof doc.name !== "string" || !/^[A-Za-z0-9_.-]+$/.test(doc.name)) {
        throw new UserError(`Project file ${file} has no valid 'name'.`,
            "Set 'name' to letters, digits, '-', '_' or '.'.");
    }
    const runtime = typeof doc.runtime === "string" ? doc.runtime : doc.runtime?.name;
    if (runtime !== "nodejs") {
        throw new UserError(`Project ${doc.name} uses runtime '${runtime ?? "(none)"}'; the offline preview runs nodejs programs only.`,
            "Set 'runtime: nodejs' for a TypeScript or JavaScript program.");
    }
    const main = typeof doc.main === "string" ? path.resolve(abs, doc.main) : abs;
    // pkg/engine/project.go:45 getPwdMain: a `main` folder becomes the working directory with entry
    // point "."; a `main` file runs in its own folder.
    let pwd = abs, entryPoint = ".";
    if (typeof doc.main === "string") {
        if (!fs.existsSync(main)) {
            throw new UserError(`Project file ${file}: 'main' ${doc.main} does not exist.`,
                "Point 'main' at the program's folder or entry file, relative to Pulumi.yaml.");
        }
        if (fs.statSync(main).isDirectory()) {
            pwd = main;
        } else {
            pwd = path.dirname(main);
            entryPoint = path.basename(main);
        }
    }
    const options = doc.runtime && typeof doc.runtime === "object" && doc.runtime.options && typeof doc.runtime.options === "object" ? doc.runtime.options : {};
    // sdk/nodejs/cmd/pulumi-language-nodejs/main.go parseOptions: typescript defaults to true.
    for (const [k, t] of [["typescript", "boolean"], ["nodeargs", "string"], ["tsconfig", "string"]] as const) {
        if (options[k] !== undefined && typeof options[k] !== t) {
            throw new UserError(`Project file ${file}: runtime option '${k}' must be a ${t}.`);
        }
    }
    const runtimeOptions = {
        typescript: options.typescript !== false,
        nodeargs: typeof options.nodeargs === "string" ? options.nodeargs : "",
        tsconfig: typeof options.tsconfig === "string" ? options.tsconfig : "",
    };
    return { dir: abs, name: doc.name, main, pwd, entryPoint, runtimeOptions };
}

/**
 * The program's entry file, for reports that point at source (SARIF): Pulumi.yaml's `main` if it is a
 * file, else package.json's `main`, else index.ts/index.js, else Pulumi.yaml itself.
 */
export function entryFile(project: ProjectInfo): string {
    const candidates: string[] = [];
    if (path.extname(project.main)) {
        candidates.push(project.main);
    }
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(project.main, "package.json"), "utf8"));
        if (typeof pkg.main === "string") {
            const m = path.resolve(project.main, pkg.main);
            candidates.push(m, `${m}.ts`, `${m}.js`, path.join(m, "index.ts"), path.join(m, "index.js"));
        }
    } catch {
        // No package.json: Node's defaults apply.
    }
    candidates.push(path.join(project.main, "index.ts"), path.join(project.main, "index.js"));
    return candidates.find(f => fs.existsSync(f) && fs.statSync(f).isFile()) ?? path.join(project.dir, "Pulumi.yaml");
}

function namespaced(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function configValueToString(v: unknown): string {
    return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * Reads `Pulumi.<stack>.yaml` (if present) and project-level config defaults from Pulumi.yaml, then
 * applies `--config`/`--secret` pairs on top, as `pulumi preview --config` does.
 */
export function readStackConfig(project: ProjectInfo, stack: string,
    cliConfig: Record<string, string>, cliSecrets: Record<string, string>): StackConfig {
    const values: Record<string, string> = {};
    const secretKeys = new Set<string>();

    const projectDoc = readYaml(["Pulumi.yaml", "Pulumi.yml"].map(f => path.join(project.dir, f))
        .find(f => fs.existsSync(f))!, "Project file");
    if (projectDoc?.config && typeof projectDoc.config === "object") {
        for (const [k, v] of Object.entries<any>(projectDoc.config)) {
            const val = v && typeof v === "object" && !Array.isArray(v) ? (v.value ?? v.default) : v;
            if (val !== undefined && val !== null) {
                values[namespaced(project.name, k)] = configValueToString(val);
            }
        }
    }

    const stackFile = path.join(project.dir, `Pulumi.${stack}.yaml`);
    if (fs.existsSync(stackFile)) {
        const doc = readYaml(stackFile, "Stack config file");
        const config = doc?.config ?? {};
        if (typeof config !== "object" || Array.isArray(config)) {
            throw new UserError(`Stack config file ${stackFile}: 'config' must be a mapping of keys to values.`);
        }
        for (const [k, v] of Object.entries<any>(config)) {
            const key = namespaced(project.name, k);
            if (v && typeof v === "object" && !Array.isArray(v) && "secure" in v) {
                if (!(key in cliSecrets) && !(k in cliSecrets)) {
                    throw new UserError(`Config key ${key} in ${stackFile} is encrypted, and the offline preview cannot decrypt it.`,
                        `Pass its value with --secret ${k}=VALUE (it stays secret in the run).`);
                }
                continue;
            }
            values[key] = configValueToString(v);
        }
    }

    for (const [k, v] of Object.entries(cliConfig)) {
        values[namespaced(project.name, k)] = v;
        secretKeys.delete(namespaced(project.name, k));
    }
    for (const [k, v] of Object.entries(cliSecrets)) {
        values[namespaced(project.name, k)] = v;
        secretKeys.add(namespaced(project.name, k));
    }
    return { values, secretKeys: [...secretKeys].sort() };
}

/** Parses `key=value`; the value may itself contain '='. */
export function parseKeyValue(arg: string, flag: string): [string, string] {
    const i = arg.indexOf("=");
    if (i <= 0) {
        throw new UserError(`${flag} expects key=value, got '${arg}'.`, `For example: ${flag} aws:region=eu-west-1`);
    }
    return [arg.slice(0, i), arg.slice(i + 1)];
}
