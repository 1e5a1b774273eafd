import * as fs from "fs";
import * as path from "path";

/** Input and output-only property names of a resource type, read from its generated SDK class. */
export interface TypeSchema {
    inputs: Set<string>;
    outputsOnly: Set<string>;
}

/** An output of a component that is a resource (or a list of them), by the resource's type token. */
export interface ResourceOutput {
    prop: string;
    type: string;
    list: boolean;
}

const empty: TypeSchema = { inputs: new Set(), outputsOnly: new Set() };

/**
 * Finds the generated class of a provider resource type and reads which properties are inputs and
 * which are output-only (`resourceInputs["x"] = undefined /*out*\/`). This is how the offline preview
 * knows which outputs a real `pulumi preview` leaves unknown, and which ones `--mode update` must
 * synthesise.
 */
export class SchemaIndex {
    private readonly cache = new Map<string, TypeSchema>();
    private readonly resourceOutputCache = new Map<string, ResourceOutput[]>();
    private readonly packageRoots = new Map<string, string | undefined>();

    constructor(private readonly resolveFrom: string) {}

    get(type: string): TypeSchema {
        let s = this.cache.get(type);
        if (!s) {
            s = this.load(type);
            this.cache.set(type, s);
        }
        return s;
    }

    private packageRoot(pkg: string): string | undefined {
        if (!this.packageRoots.has(pkg)) {
            let root: string | undefined;
            try {
                root = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`, { paths: [this.resolveFrom] }));
            } catch {
                root = undefined;
            }
            this.packageRoots.set(pkg, root);
        }
        return this.packageRoots.get(pkg);
    }

    /** The installed version of a provider's SDK package (@pulumi/<pkg>), if any. */
    packageVersion(pkg: string): string | undefined {
        const root = this.packageRoot(pkg);
        if (!root) return undefined;
        try {
            return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
        } catch {
            return undefined;
        }
    }

    /**
     * The version of @pulumi/<dep> a provider package's SDK was generated against (its dependency's
     * lower bound): the version a plugin's bundled SDK registers its children with.
     */
    dependencyVersion(pkg: string, dep: string): string | undefined {
        const root = this.packageRoot(pkg);
        if (!root) return undefined;
        try {
            const deps = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).dependencies ?? {};
            const m = /(\d+\.\d+\.\d+(?:-[\w.]+)?)/.exec(String(deps[`@pulumi/${dep}`] ?? ""));
            return m?.[1];
        } catch {
            return undefined;
        }
    }

    /** The generated class of a type token: aws:s3/bucket:Bucket -> s3/bucket.js; awsx:ec2:Vpc -> ec2/vpc.js. */
    private classFile(type: string): string | undefined {
        const m = /^([a-z0-9-]+):([A-Za-z0-9_/]+)\/([A-Za-z0-9_]+):([A-Za-z0-9_]+)$/.exec(type);
        const c = m ? undefined : /^([a-z0-9-]+):([A-Za-z0-9_]+):([A-Za-z0-9_]+)$/.exec(type);
        const pkg = m?.[1] ?? c?.[1];
        const root = pkg ? this.packageRoot(pkg) : undefined;
        if (!root) return undefined;
        if (m) {
            return path.join(root, m[2] === "index" ? "" : m[2], `${m[3]}.js`);
        }
        const name = c![3].charAt(0).toLowerCase() + c![3].slice(1);
        return path.join(root, c![2] === "index" ? "" : c![2], `${name}.js`);
    }

    /**
     * The outputs a component's class declares as resources (`readonly eksCluster: pulumi.Output<aws.eks.Cluster>`),
     * read from its generated declarations: under the engine these are references to resources the
     * plugin created, which programs use (`cluster.eksCluster.urn`).
     */
    resourceOutputs(type: string): ResourceOutput[] {
        let r = this.resourceOutputCache.get(type);
        if (!r) {
            r = this.loadResourceOutputs(type);
            this.resourceOutputCache.set(type, r);
        }
        return r;
    }

    private loadResourceOutputs(type: string): ResourceOutput[] {
        const file = this.classFile(type)?.replace(/\.js$/, ".d.ts");
        let src: string;
        try {
            src = fs.readFileSync(file!, "utf8");
        } catch {
            return [];
        }
        const imports = new Map<string, string>();
        for (const m of src.matchAll(/^import \* as (\w+) from "@pulumi\/([\w-]+)";/gm)) imports.set(m[1], m[2]);
        const out: ResourceOutput[] = [];
        for (const m of src.matchAll(/readonly (\w+)!?: pulumi\.Output<([\w.]+)(\[\])?(?: \| undefined)?>;/g)) {
            const [alias, ...rest] = m[2].split(".");
            const pkg = imports.get(alias);
            if (!pkg || rest.length === 0) continue;
            const token = this.tokenOfClass(pkg, rest);
            if (token) out.push({ prop: m[1], type: token, list: m[3] === "[]" });
        }
        return out;
    }

    /** `aws`, ["eks", "Cluster"] -> aws:eks/cluster:Cluster, from the class's `__pulumiType`. */
    private tokenOfClass(pkg: string, path_: string[]): string | undefined {
        const root = this.packageRoot(pkg);
        if (!root) return undefined;
        const cls = path_[path_.length - 1];
        const file = path.join(root, ...path_.slice(0, -1), `${cls.charAt(0).toLowerCase()}${cls.slice(1)}.js`);
        try {
            const m = /static __pulumiType = '([^']+)'/.exec(fs.readFileSync(file, "utf8"));
            if (!m) return undefined;
            return cls === "Provider" && !m[1].includes(":") ? `pulumi:providers:${m[1]}` : m[1];
        } catch {
            return undefined;
        }
    }

    private load(type: string): TypeSchema {
        const file = this.classFile(type);
        if (!file) {
            return empty;
        }
        let src: string;
        try {
            src = fs.readFileSync(file, "utf8");
        } catch {
            return empty;
        }
        const inputs = new Set<string>();
        const outputsOnly = new Set<string>();
        for (const line of src.split("\n")) {
            const a = /resourceInputs\["(\w+)"\] = (.*);/.exec(line);
            if (!a) {
                continue;
            }
            if (a[2].startsWith("undefined /*out*/")) {
                outputsOnly.add(a[1]);
            } else if (/\bargs\b/.test(a[2])) {
                inputs.add(a[1]);
            }
        }
        for (const i of inputs) {
            outputsOnly.delete(i);
        }
        return { inputs, outputsOnly };
    }
}
