// The pack's layout says what things are: one policy per file, named after it, in the folder of its
// service (derived from the provider module of its resource types); a test per policy and per helper
// module, mirroring the sources; tokens, the proxy and generators each in their one place.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { moduleOf } from "../../policy/lib/aws-types";
import { policies } from "../../policy/policies";
import { policyPackDir, repoRoot } from "../helpers/preview";

const policiesDir = path.join(policyPackDir, "policies");
const libDir = path.join(policyPackDir, "lib");
const testsDir = path.join(repoRoot, "tests", "policy");

/** Policies whose resource types span services, and the folder each lives in. */
const crossServiceFolders: Record<string, string> = {
    "no-plaintext-credentials": "cross-service",
    "required-tags": "cross-service",
    // EventBridge rules and targets are in the provider's cloudwatch module; the policy also reads pipelines and schedules.
    "eventbridge-pipeline-trigger-matches-source": "eventbridge",
};

/** Provider modules whose resources belong to another service's folder. */
const moduleFolders: Record<string, string> = {
    vpc: "ec2", // aws.vpc.SecurityGroupIngressRule is an EC2 VPC resource
    ecrpublic: "ecr", // ECR Public is the ECR service's public registry
    ebs: "ec2", // EBS volumes and the account's EBS encryption default are EC2 (Security Hub's EC2.3, EC2.7)
};

/** Generated data, exempt from the size limit and from having a test of its own (its generator's staleness test covers it). */
const generated = new Set(["taggable-aws-types.ts"]);

interface PolicyLike { name: string; metadata: { resourceTypes: string[] } }

function serviceFolderOf(p: PolicyLike): string {
    const mapped = crossServiceFolders[p.name];
    if (mapped) return mapped;
    const folders = [...new Set(p.metadata.resourceTypes.map(t => moduleFolders[moduleOf(t)] ?? moduleOf(t)))];
    assert.strictEqual(folders.length, 1, `${p.name} has resource types of ${folders.join(", ")}: name its folder in crossServiceFolders`);
    return folders[0];
}

function policyFiles(): { folder: string; name: string; file: string }[] {
    const out: { folder: string; name: string; file: string }[] = [];
    for (const dir of fs.readdirSync(policiesDir, { withFileTypes: true })) {
        if (!dir.isDirectory()) continue;
        for (const f of fs.readdirSync(path.join(policiesDir, dir.name))) {
            if (f.endsWith(".ts") && f !== "index.ts") out.push({ folder: dir.name, name: f.replace(/\.ts$/, ""), file: path.join(policiesDir, dir.name, f) });
        }
    }
    return out;
}

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "bin" || e.name === "node_modules" ? [] : sourceFiles(p);
        return e.name.endsWith(".ts") ? [p] : [];
    });
}

describe("the pack's layout", () => {
    const files = policyFiles();

    it("keeps one policy per file: each file's default export is the policy of its file name", () => {
        for (const f of files) {
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const exported = require(f.file).default as PolicyLike | undefined;
            assert.ok(exported && typeof exported.name === "string", `${f.folder}/${f.name}.ts has no default-exported policy`);
            assert.strictEqual(exported.name, f.name, `${f.folder}/${f.name}.ts exports the policy ${exported.name}`);
        }
    });

    it("puts each policy in the folder of its service, derived from its resource types' provider module", () => {
        for (const f of files) {
            const p = require(f.file).default as PolicyLike;
            assert.strictEqual(f.folder, serviceFolderOf(p), `${p.name} (${p.metadata.resourceTypes.join(", ")}) is in ${f.folder}/`);
        }
    });

    it("assembles exactly these files' policies, each once, and each folder's index lists its own files", () => {
        assert.deepStrictEqual(policies.map(p => p.name).sort(), files.map(f => f.name).sort());
        for (const folder of new Set(files.map(f => f.folder))) {
            const index = require(path.join(policiesDir, folder, "index.ts"));
            const listed = Object.values(index).filter(Array.isArray).flat() as PolicyLike[];
            assert.deepStrictEqual(listed.map(p => p.name).sort(), files.filter(f => f.folder === folder).map(f => f.name).sort(), `${folder}/index.ts`);
        }
    });

    it("has a test file per policy, in the test folder that mirrors the policy's folder", () => {
        const missing = files.filter(f => !fs.existsSync(path.join(testsDir, f.folder, `${f.name}.test.ts`))).map(f => `tests/policy/${f.folder}/${f.name}.test.ts`);
        assert.deepStrictEqual(missing, []);
    });

    it("has a unit test per helper module of policy/lib, in tests/policy/lib", () => {
        const modules = fs.readdirSync(libDir).filter(f => f.endsWith(".ts") && !generated.has(f));
        const missing = modules.filter(m => !fs.existsSync(path.join(testsDir, "lib", m.replace(/\.ts$/, ".test.ts"))));
        assert.deepStrictEqual(missing, []);
    });

    it("has no test folder that does not mirror a source folder (besides shared fixtures and the evasion tests)", () => {
        const folders = new Set([...files.map(f => f.folder), "lib", "fixtures", "evasion"]);
        const extra = fs.readdirSync(testsDir, { withFileTypes: true }).filter(e => e.isDirectory() && !folders.has(e.name)).map(e => e.name);
        assert.deepStrictEqual(extra, []);
    });

    it("keeps every source file under 400 lines, except generated data", () => {
        const long = sourceFiles(policyPackDir).filter(f => !generated.has(path.basename(f)))
            .map(f => ({ f: path.relative(policyPackDir, f), lines: fs.readFileSync(f, "utf8").split("\n").length }))
            .filter(x => x.lines > 400);
        assert.deepStrictEqual(long, []);
    });

    it("spells AWS type tokens only in lib/aws-types.ts (and the generated taggable list)", () => {
        const token = /["'`]aws:[a-z0-9-]+\/[A-Za-z0-9]+:[A-Za-z0-9]+["'`]/;
        const offenders = sourceFiles(policyPackDir)
            .filter(f => !["aws-types.ts", ...generated].includes(path.basename(f)) && token.test(fs.readFileSync(f, "utf8")))
            .map(f => path.relative(policyPackDir, f));
        assert.deepStrictEqual(offenders, []);
    });

    it("reads unknowns through the SDK's proxy in one place only (lib/undecided.ts), never in a policy", () => {
        const offenders = sourceFiles(policyPackDir).filter(f => {
            const text = fs.readFileSync(f, "utf8");
            return path.basename(f) !== "undecided.ts" && /unknownCheckingProxy|deferUnknown|\bproxied\b/.test(text);
        }).map(f => path.relative(policyPackDir, f));
        assert.deepStrictEqual(offenders, []);
    });

    it("ships no generator or document writer in the pack (they live in tools/)", () => {
        const writers = sourceFiles(policyPackDir).filter(f => /\b(writeFileSync|writeFile|appendFileSync|mkdirSync)\b/.test(fs.readFileSync(f, "utf8")))
            .map(f => path.relative(policyPackDir, f));
        assert.deepStrictEqual(writers, []);
    });

    it("imports the provider's types only: the compiled pack never loads @pulumi/aws", () => {
        const compiled = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
            e.isDirectory() ? compiled(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : []);
        const bin = path.join(policyPackDir, "bin");
        assert.ok(fs.existsSync(bin), "policy/bin is missing: run npx tsc -p policy");
        const loaders = compiled(bin).filter(f => /require\(["']@pulumi\/aws(\/[^"']*)?["']\)/.test(fs.readFileSync(f, "utf8")));
        assert.deepStrictEqual(loaders.map(f => path.relative(policyPackDir, f)), []);
        const typed = sourceFiles(policiesDir).filter(f => /from "@pulumi\/aws/.test(fs.readFileSync(f, "utf8")));
        assert.ok(typed.length > 10, "policies type their props with the provider's args");
        for (const f of typed) {
            assert.doesNotMatch(fs.readFileSync(f, "utf8"), /^import (?!type )[^;]*from "@pulumi\/aws/m, `${path.relative(policyPackDir, f)} imports @pulumi/aws for its values`);
        }
    });
});
