// An independent capture of a program, for the corpus measurement: the program runs under the
// @pulumi/pulumi mocks it resolves itself (the SDK's own MockMonitor, which builds its own URNs and
// never goes through our monitor), and every resource the SDK asks the mocks to create or read is
// listed. Run as a child process: `node mock-capture.js SPEC.json`; writes SPEC.output.
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { answerInvoke, defaultInvokeContext } from "../capture/invokes";

export interface MockCaptureSpec {
    pwd: string;
    entryPoint: string;
    project: string;
    stack: string;
    organization: string;
    preview: boolean;
    config: { values: Record<string, string>; secretKeys: string[] };
    region: string;
    output: string;
}

export interface MockCaptureResult {
    resources?: { type: string; name: string; custom: boolean }[];
    error?: string;
}

const dynamicImport = new Function("u", "return import(u)") as (u: string) => Promise<any>;

function fromProgram(pwd: string, id: string): any {
    return require(require.resolve(id, { paths: [pwd] }));
}

/** The entry file as Node would resolve it for the program (package.json main, or index.*). */
function entryOf(pwd: string, entryPoint: string): string {
    if (entryPoint !== ".") return path.resolve(pwd, entryPoint);
    let main = "index";
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(pwd, "package.json"), "utf8"));
        if (typeof pkg.main === "string") main = pkg.main;
    } catch { /* Node's default */ }
    const base = path.resolve(pwd, main);
    for (const c of [base, `${base}.ts`, `${base}.js`, `${base}.mjs`, path.join(base, "index.ts"), path.join(base, "index.js")]) {
        if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
    }
    return base;
}

async function capture(spec: MockCaptureSpec): Promise<MockCaptureResult> {
    process.chdir(spec.pwd);
    const pulumi = fromProgram(spec.pwd, "@pulumi/pulumi");
    let isModule = false;
    try {
        isModule = JSON.parse(fs.readFileSync(path.join(spec.pwd, "package.json"), "utf8")).type === "module";
    } catch { /* CommonJS */ }
    const entry = entryOf(spec.pwd, spec.entryPoint);
    if (/\.[mc]?ts$/.test(entry)) {
        if (isModule) {
            const { register } = require("module");
            register(pathToFileURL(require.resolve("ts-node/esm", { paths: [spec.pwd] })).href, pathToFileURL(spec.pwd + "/"));
            process.env.TS_NODE_TRANSPILE_ONLY = "true";
        } else {
            fromProgram(spec.pwd, "ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs", moduleResolution: "node" } });
        }
    }
    const resources: MockCaptureResult["resources"] = [];
    const invokes = defaultInvokeContext(spec.region, spec.pwd);
    await pulumi.runtime.setMocks({
        newResource: (args: any) => {
            resources.push({ type: args.type, name: args.name, custom: args.custom !== false });
            return { id: args.custom === false ? undefined : `${args.name}-id`, state: args.inputs };
        },
        call: (args: any) => answerInvoke(args.token, args.inputs ?? {}, invokes),
    }, spec.project, spec.stack, spec.preview, spec.organization);
    pulumi.runtime.setAllConfig(spec.config.values, spec.config.secretKeys);
    const failures: unknown[] = [];
    process.on("unhandledRejection", e => failures.push(e));
    await pulumi.runtime.runInPulumiStack(async () => {
        const m = isModule ? await dynamicImport(pathToFileURL(entry).href) : require(entry);
        const exported = isModule && m && Object.keys(m).length === 1 && "default" in m ? m.default : m;
        return typeof exported === "function" ? exported() : exported;
    });
    // Registrations go on after the stack's outputs resolve (closures are serialised, applies run):
    // wait until the SDK's RPC queue is drained and nothing new has registered for a moment.
    // Some libraries register at the end of the program, on the process's beforeExit (the aws SDK's
    // bucket notifications), which a real run reaches before it exits: give them that moment too.
    const settings = fromProgram(spec.pwd, "@pulumi/pulumi/runtime/settings");
    let quiet = 0, emitted = false;
    while (quiet < 3) {
        const seen = resources.length;
        await settings.waitForRPCs();
        await new Promise(r => setTimeout(r, 300));
        quiet = seen === resources.length ? quiet + 1 : 0;
        if (quiet > 0 && !emitted) {
            emitted = true;
            quiet = 0;
            process.emit("beforeExit", 0);
        }
    }
    if (failures.length > 0) {
        return { resources, error: String((failures[0] as any)?.message ?? failures[0]) };
    }
    return { resources };
}

if (require.main === module) {
    const spec: MockCaptureSpec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    capture(spec).then(
        r => { fs.writeFileSync(spec.output, JSON.stringify(r)); process.exit(0); },
        e => { fs.writeFileSync(spec.output, JSON.stringify({ error: String(e?.message ?? e) })); process.exit(0); },
    );
}
