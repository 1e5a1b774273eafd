// The guide (docs/writing-a-policy.md) stays true: its worked example is an attribute policy of under 20
// lines that compiles against the pack's types (a misspelt property would not) and judges as its test says.
// The example is compiled and loaded in memory, as if it were policy/policies/kms/kms-key-deletion-window.ts;
// nothing is written, and the pack itself does not contain it.
import * as assert from "assert";
import * as fs from "fs";
import Module = require("module");
import * as path from "path";
import * as ts from "typescript";
import { unknownSentinels } from "../../policy/lib/unknowns";
import { policyPackDir, repoRoot } from "../helpers/preview";
import { analyze } from "./fixtures/sdk";

const guide = fs.readFileSync(path.join(repoRoot, "docs", "writing-a-policy.md"), "utf8");
const example = /## A worked example[\s\S]*?```ts\n([\s\S]*?)```/.exec(guide)?.[1] ?? "";
const virtualFile = path.join(policyPackDir, "policies", "kms", "kms-key-deletion-window.ts");

function typeErrors(source: string): string[] {
    const config = ts.readConfigFile(path.join(policyPackDir, "tsconfig.json"), ts.sys.readFile);
    const options = { ...ts.parseJsonConfigFileContent(config.config, ts.sys, policyPackDir).options, noEmit: true };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (file, language, ...rest) => file === virtualFile ? ts.createSourceFile(file, source, language) : getSourceFile(file, language, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = file => file === virtualFile || fileExists(file);
    const program = ts.createProgram([virtualFile], options, host);
    return ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

function load(source: string): any {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
    const m = new Module(virtualFile, module) as any;
    m.filename = virtualFile;
    m.paths = (Module as any)._nodeModulePaths(path.dirname(virtualFile));
    m._compile(js, virtualFile);
    return m.exports.default;
}

describe("docs/writing-a-policy.md", () => {
    it("has a worked example of a new attribute policy in under 20 lines", () => {
        assert.ok(example.includes("attributePolicy<"), "the example uses attributePolicy");
        assert.ok(example.trim().split("\n").length < 20, `${example.trim().split("\n").length} lines`);
    });

    it("whose example compiles against the pack's types, and would not with a misspelt property", function () {
        this.timeout(120_000);
        assert.deepStrictEqual(typeErrors(example), []);
        assert.ok(typeErrors(example.replace('path: "deletionWindowInDays"', 'path: "deletionWindowDays"')).length > 0);
    });

    it("whose example judges as its test says", () => {
        const policy = load(example);
        const type = "aws:kms/key:Key";
        assert.strictEqual(policy.name, "kms-key-deletion-window");
        assert.deepStrictEqual(analyze(policy, type, {}).findings, []);
        assert.match(analyze(policy, type, { deletionWindowInDays: 7 }).findings.join(), /7 days .*deletionWindowInDays to 30/);
        assert.match(analyze(policy, type, { deletionWindowInDays: unknownSentinels.number }).advisory ?? "", /deletionWindowInDays can't be known/);
        assert.deepStrictEqual(analyze(policy, type, { deletionWindowInDays: 7 }, { minimumDays: 7 }).findings, []);
    });

    it("names only files and commands that exist", () => {
        for (const file of ["policy/lib/policy.ts", "policy/lib/attribute-policy.ts", "policy/lib/aws-types.ts", "policy/lib/kms-keys.ts", "policy/lib/messages.ts",
            "policy/lib/undecided.ts", "policy/lib/unknowns.ts", "policy/lib/policy-config.ts", "tools/generate.js", "tests/policy/layout.test.ts",
            "tests/policy/fixtures/sdk.ts", "tests/helpers/preview.ts"]) {
            assert.ok(guide.includes(file), `the guide mentions ${file}`);
            assert.ok(fs.existsSync(path.join(repoRoot, file)), `${file} exists`);
        }
        assert.strictEqual(JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts.docs, "node tools/generate.js");
    });
});
