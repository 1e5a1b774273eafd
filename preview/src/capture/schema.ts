import * as fs from "fs";
import * as path from "path";

/** Input and output-only property names of a resource type, read from its generated SDK class. */
export interface TypeSchema {
    inputs: Set<string>;
    outputsOnly: Set<string>;
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

    private load(type: string): TypeSchema {
        // aws:s3/bucket:Bucket -> <@pulumi/aws>/s3/bucket.js
        const m = /^([a-z0-9-]+):([A-Za-z0-9_/]+)\/([A-Za-z0-9_]+):([A-Za-z0-9_]+)$/.exec(type);
        if (!m) {
            return empty;
        }
        const root = this.packageRoot(m[1]);
        if (!root) {
            return empty;
        }
        const file = path.join(root, m[2] === "index" ? "" : m[2], `${m[3]}.js`);
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
