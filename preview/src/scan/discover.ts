import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { UserError } from "../errors";

/** A Pulumi project found by a scan, or one it had to leave out. */
export interface Discovered {
    projects: string[];
    skipped: { dir: string; reason: string }[];
}

/** Folders a scan never descends into: dependencies, VCS data, build output. */
const ignoredDirs = new Set(["node_modules", ".git", ".pulumi", "bin", "dist", ".venv", "venv", "__pycache__"]);

/**
 * `*` matches within one path segment, `**` any number of segments, `?` one character; the pattern
 * is matched against paths relative to its non-glob base, with `/` separators.
 */
export function globToRegExp(pattern: string): RegExp {
    let re = "";
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === "*" && pattern[i + 1] === "*") {
            const slash = pattern[i + 2] === "/";
            re += slash ? "(?:.*/)?" : ".*";
            i += slash ? 2 : 1;
        } else if (c === "*") {
            re += "[^/]*";
        } else if (c === "?") {
            re += "[^/]";
        } else {
            re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
        }
    }
    return new RegExp(`^${re}$`);
}

function walk(dir: string, visit: (file: string) => void): void {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
        return;
    }
    for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
            if (!ignoredDirs.has(e.name)) walk(p, visit);
        } else if (e.isFile()) {
            visit(p);
        }
    }
}

function runtimeOf(file: string): string | undefined {
    try {
        const doc: any = yaml.load(fs.readFileSync(file, "utf8"));
        return typeof doc?.runtime === "string" ? doc.runtime : doc?.runtime?.name;
    } catch {
        return undefined;
    }
}

/**
 * The Pulumi Node.js projects under a folder, or matched by a glob of Pulumi.yaml paths
 * (`infra/**\/Pulumi.yaml`); projects of other runtimes are listed as skipped.
 */
export function discoverProjects(spec: string): Discovered {
    const isGlob = /[*?]/.test(spec);
    let base: string, matches: (rel: string) => boolean;
    if (isGlob) {
        const parts = spec.split(/[\\/]/);
        const fixed: string[] = [];
        while (parts.length && !/[*?]/.test(parts[0])) fixed.push(parts.shift()!);
        base = path.resolve(fixed.join("/") || ".");
        const re = globToRegExp(parts.join("/"));
        matches = rel => re.test(rel) || re.test(path.posix.dirname(rel));
    } else {
        base = path.resolve(spec);
        matches = () => true;
    }
    if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) {
        throw new UserError(`--programs: ${isGlob ? `the folder ${base} of pattern ${spec}` : `folder ${spec}`} does not exist.`,
            "Pass a folder that holds Pulumi projects, or a pattern such as 'infra/**/Pulumi.yaml'.");
    }
    const found: Discovered = { projects: [], skipped: [] };
    walk(base, file => {
        const name = path.basename(file);
        if (name !== "Pulumi.yaml" && name !== "Pulumi.yml") return;
        const rel = path.relative(base, file).split(path.sep).join("/");
        if (!matches(rel)) return;
        const dir = path.dirname(file);
        const runtime = runtimeOf(file);
        if (runtime === "nodejs") {
            found.projects.push(dir);
        } else {
            found.skipped.push({ dir, reason: runtime ? `runtime ${runtime}` : "Pulumi.yaml has no readable runtime" });
        }
    });
    found.projects.sort();
    if (found.projects.length === 0) {
        throw new UserError(`--programs ${spec}: no Pulumi Node.js project found${found.skipped.length ? ` (${found.skipped.length} of other runtimes skipped)` : ""}.`,
            "Point it at a folder with Pulumi.yaml files whose runtime is nodejs.");
    }
    return found;
}
