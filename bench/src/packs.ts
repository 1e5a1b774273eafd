// The packs the bench compares, each a folder as `pulumi preview --policy-pack DIR` takes it.
import * as fs from "fs";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const benchDir = path.join(repoRoot, "bench");

export interface BenchPack {
    id: string;
    label: string;
    dir: string;
    /** Creates the folder if it is built by the bench (and removed by `cleanup`). */
    prepare?: () => void;
    cleanup?: () => void;
}

/** Our pack as installed: policy/ with package.json main = bin/index.js (compiled by `npm run build`). */
export const ours: BenchPack = {
    id: "pci-dss",
    label: "pci-dss (compiled JS, as installed)",
    dir: path.join(repoRoot, "policy"),
    prepare: () => {
        if (!fs.existsSync(path.join(repoRoot, "policy", "bin", "index.js"))) {
            throw new Error("policy/bin/index.js is missing: run `npm run build` at the repository root first.");
        }
    },
};

const farmDir = path.join(benchDir, "packs", "pci-dss-ts");
const farmSrc = path.join(farmDir, "src");

/**
 * Our pack's TypeScript sources, started the way the engine starts an uncompiled pack: a folder whose
 * package.json `main` is a .ts file, so run-policy-pack (which always registers ts-node with type
 * checking) compiles it as it loads. A temporary copy of policy/'s sources (a copy, not symlinks: Node
 * would resolve a symlink's imports from policy/ and load a second @pulumi/pulumi), one level down in
 * src/: policy/index.ts reads the pack's name from `__dirname/../package.json`, which is right for the
 * compiled policy/bin/index.js, so the sources need the same depth below the package.json.
 */
export const oursTs: BenchPack = {
    id: "pci-dss-ts",
    label: "pci-dss (TypeScript sources, type-checked)",
    dir: farmDir,
    prepare: () => {
        const src = path.join(repoRoot, "policy");
        fs.rmSync(farmDir, { recursive: true, force: true });
        const copy = (rel: string) => {
            const from = path.join(src, rel);
            for (const e of fs.readdirSync(from, { withFileTypes: true })) {
                const r = path.join(rel, e.name);
                if (e.isDirectory()) copy(r);
                else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) {
                    fs.mkdirSync(path.join(farmSrc, rel), { recursive: true });
                    fs.copyFileSync(path.join(src, r), path.join(farmSrc, r));
                }
            }
        };
        fs.mkdirSync(farmSrc, { recursive: true });
        fs.copyFileSync(path.join(src, "index.ts"), path.join(farmSrc, "index.ts"));
        copy("lib");
        copy("policies");
        const pkg = JSON.parse(fs.readFileSync(path.join(src, "package.json"), "utf8"));
        pkg.main = "src/index.ts";
        fs.writeFileSync(path.join(farmDir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
        fs.copyFileSync(path.join(src, "PulumiPolicy.yaml"), path.join(farmDir, "PulumiPolicy.yaml"));
        // run-policy-pack reads compilerOptions only (no `extends`): inline tsconfig.base.json's.
        const base = JSON.parse(fs.readFileSync(path.join(repoRoot, "tsconfig.base.json"), "utf8"));
        fs.writeFileSync(path.join(farmDir, "tsconfig.json"), JSON.stringify({
            compilerOptions: { ...base.compilerOptions, declaration: false, types: ["node"] },
        }, null, 2) + "\n");
    },
    cleanup: () => fs.rmSync(farmDir, { recursive: true, force: true }),
};

export const empty: BenchPack = {
    id: "empty",
    label: "empty (1 no-op policy, compiled JS)",
    dir: path.join(benchDir, "packs", "empty"),
};

export const awsguard: BenchPack = {
    id: "awsguard",
    label: "AWSGuard (index.ts, all mandatory)",
    dir: path.join(benchDir, "packs", "awsguard"),
    prepare: () => {
        if (!fs.existsSync(path.join(benchDir, "node_modules", "@pulumi", "awsguard"))) {
            throw new Error("bench/node_modules/@pulumi/awsguard is missing: run `npm --prefix bench ci` (npm run bench does).");
        }
    },
};

/** Our policy list with no-op logic (evaluation only): separates the SDK's per-policy cost from ours. */
export const sdkFloor: BenchPack = {
    id: "sdk-floor",
    label: "sdk-floor (our policy list, every policy a no-op)",
    dir: path.join(benchDir, "packs", "sdk-floor"),
    prepare: ours.prepare,
};

export const allPacks = [ours, oursTs, empty, awsguard, sdkFloor];
