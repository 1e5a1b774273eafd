import * as fs from "fs";
import * as path from "path";
import { TypeNode, parseMembers, parseType } from "./type-parser";

/**
 * Finds what a provider SDK declares a data source returns, from the SDK the program itself resolves:
 * the generated `<mod>/<fn>.d.ts` holds `export declare function fn(...): Promise<FnResult>` and the
 * `FnResult` interface; nested types live in `types/output.d.ts` as `outputs.<mod>.<Name>`. Everything
 * read or parsed is cached for the life of the process: a provider's output.d.ts is megabytes and a
 * program calls the same data source many times.
 */

export interface FunctionDeclaration {
    token: string;
    /** `aws`, `tls`, ... (the @pulumi/<pkg> folder). */
    pkg: string;
    /** The module folder inside the package ("" for the index module). */
    module: string;
    fn: string;
    result: TypeNode;
    /** Resolves a named type the result refers to (an interface of the same file, or `outputs.*`). */
    resolve: (name: string) => TypeNode | undefined;
}

const fileCache = new Map<string, string | null>();
const packageRootCache = new Map<string, string | null>();
const declarationCache = new Map<string, FunctionDeclaration | null>();
const interfaceCache = new Map<string, TypeNode | null>();

function readCached(file: string): string | undefined {
    if (!fileCache.has(file)) {
        try {
            // A leading newline lets every block header, even one on the first line, be found as "\n<header>".
            fileCache.set(file, "\n" + fs.readFileSync(file, "utf8"));
        } catch {
            fileCache.set(file, null);
        }
    }
    return fileCache.get(file) ?? undefined;
}

/** The @pulumi/<pkg> folder as the program resolves it; our own installation as a last resort. */
export function packageRoot(pkg: string, resolveFrom: string | undefined): string | undefined {
    const key = `${pkg}\0${resolveFrom ?? ""}`;
    if (!packageRootCache.has(key)) {
        let root: string | null = null;
        for (const paths of [resolveFrom ? [resolveFrom] : undefined, undefined]) {
            try {
                root = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`, paths ? { paths } : undefined));
                break;
            } catch {
                // Not installed there; try the next place.
            }
        }
        packageRootCache.set(key, root);
    }
    return packageRootCache.get(key) ?? undefined;
}

/** `pkg:mod/fn:fn`, `pkg:mod:fn` or `pkg:a/b:fn` (versioned modules) into its parts. */
export function splitToken(token: string): { pkg: string; module: string; fn: string } | undefined {
    const parts = token.split(":");
    if (parts.length !== 3 || !parts[0] || !parts[2]) return undefined;
    const segments = parts[1].split("/").filter(s => s !== "");
    if (segments.length > 1 && segments[segments.length - 1].toLowerCase() === parts[2].toLowerCase()) segments.pop();
    const module = segments.join("/");
    return { pkg: parts[0], module: module === "index" ? "" : module, fn: parts[2] };
}

/** The generated .d.ts of a function: at its module's folder, or (for odd module names) any folder whose .js invokes the token. */
function functionFile(root: string, module: string, fn: string, token: string): string | undefined {
    // The file is named after the function; `index` becomes `index_` (the package's own index.ts), and
    // a few tokens capitalise the function (`aws:resourceexplorer/search:Search`).
    const names = [fn, fn[0].toLowerCase() + fn.slice(1)].flatMap(n => [n, `${n}_`]);
    for (const dir of [module, module.toLowerCase()]) {
        for (const n of names) {
            const c = path.join(root, dir, `${n}.d.ts`);
            if (readCached(c)?.includes(`export declare function ${n.replace(/_$/, "")}(`)) return c;
        }
    }
    let dirs: string[] = [];
    try {
        dirs = fs.readdirSync(root, { withFileTypes: true }).filter(d => d.isDirectory() && d.name !== "node_modules").map(d => d.name);
    } catch {
        return undefined;
    }
    for (const d of ["", ...dirs]) {
        for (const n of names) {
            const js = readCached(path.join(root, d, `${n}.js`));
            if (js?.includes(`"${token}"`) && readCached(path.join(root, d, `${n}.d.ts`)) !== undefined) return path.join(root, d, `${n}.d.ts`);
        }
    }
    return undefined;
}

/**
 * Where each interface of a declaration file starts, by qualified name (`ec2.GetAmiFilter`), from one
 * pass over the file. The files are printed by tsc, so indentation gives nesting and closes blocks
 * reliably, whereas braces inside JSDoc examples would fool brace counting; comment lines start with
 * `*` and never match a header.
 */
interface FileIndex {
    text: string;
    interfaces: Map<string, { open: number; indent: string }>;
}

const indexCache = new Map<string, FileIndex | null>();

function fileIndex(file: string): FileIndex | undefined {
    if (!indexCache.has(file)) {
        const text = readCached(file);
        let index: FileIndex | null = null;
        if (text !== undefined) {
            index = { text, interfaces: new Map() };
            const stack: { indent: number; name: string }[] = [];
            const header = /\n( *)(?:export )?(?:declare )?(namespace|interface) ([\w$]+) \{(?=\n)/g;
            for (const m of text.matchAll(header)) {
                const indent = m[1].length;
                while (stack.length > 0 && stack[stack.length - 1].indent >= indent) stack.pop();
                if (m[2] === "namespace") {
                    stack.push({ indent, name: m[3] });
                } else {
                    index.interfaces.set([...stack.map(e => e.name), m[3]].join("."), { open: m.index! + m[0].length - 1, indent: m[1] });
                }
            }
        }
        indexCache.set(file, index);
    }
    return indexCache.get(file) ?? undefined;
}

/** Parses `interface Name` from a file, inside the given namespace path (`["ec2"]`, `["apps", "v1"]`). */
function interfaceIn(file: string, namespaces: string[], name: string): TypeNode | undefined {
    const key = `${file}\0${[...namespaces, name].join(".")}`;
    if (interfaceCache.has(key)) return interfaceCache.get(key) ?? undefined;
    let result: TypeNode | null = null;
    const index = fileIndex(file);
    const at = index?.interfaces.get([...namespaces, name].join("."));
    if (index && at) {
        const close = index.text.indexOf(`\n${at.indent}}`, at.open);
        if (close !== -1) {
            try {
                result = parseMembers(index.text.slice(at.open, close + at.indent.length + 2));
            } catch {
                result = null;
            }
        }
    }
    interfaceCache.set(key, result);
    return result ?? undefined;
}

/** What `fn` returns, with a resolver for the named types inside; undefined when the SDK is not installed or declares no such function. */
export function findFunction(token: string, resolveFrom: string | undefined): FunctionDeclaration | undefined {
    const key = `${token}\0${resolveFrom ?? ""}`;
    if (declarationCache.has(key)) return declarationCache.get(key) ?? undefined;
    let decl: FunctionDeclaration | null = null;
    const parts = splitToken(token);
    const root = parts && /^[a-z0-9][a-z0-9._-]*$/i.test(parts.pkg) ? packageRoot(parts.pkg, resolveFrom) : undefined;
    const file = parts && root && /^\w+$/.test(parts.fn) ? functionFile(root, parts.module, parts.fn, token) : undefined;
    const text = file ? readCached(file) : undefined;
    if (parts && root && file && text !== undefined) {
        const declared = [parts.fn, parts.fn[0].toLowerCase() + parts.fn.slice(1)];
        const m = declared.map(n => new RegExp(`^export declare function ${n}\\(.*\\): Promise<(.+)>;$`, "m").exec(text)).find(Boolean);
        const fallback = `${parts.fn[0].toUpperCase()}${parts.fn.slice(1)}Result`;
        let result: TypeNode | undefined;
        try {
            result = parseType(m?.[1] ?? fallback);
        } catch {
            result = undefined;
        }
        const outputFile = path.join(root, "types", "output.d.ts");
        const resolve = (name: string): TypeNode | undefined => {
            const segments = name.split(".");
            if (segments[0] === "outputs" && segments.length >= 2) {
                return interfaceIn(outputFile, segments.slice(1, -1), segments[segments.length - 1]);
            }
            return segments.length === 1 ? interfaceIn(file, [], name) : undefined;
        };
        if (result) decl = { token, pkg: parts.pkg, module: parts.module, fn: parts.fn, result, resolve };
    }
    declarationCache.set(key, decl);
    return decl ?? undefined;
}
