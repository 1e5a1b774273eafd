import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { failsOn, parseArgs } from "../../../preview/src/cli";
import { fixturesDir, repoRoot } from "../../helpers/preview";

const cli = path.join(repoRoot, "preview", "bin", "pulumi-offline-preview.js");

describe("--fail-on SEVERITY", function () {
    this.timeout(180_000);
    const d = (severity: string, enforcementLevel = "advisory", undecidable = false) => ({ severity, enforcementLevel, undecidable });

    it("fails on a finding at or above the severity, whatever its enforcement level, but not on an undecidable", () => {
        assert.strictEqual(failsOn({ diagnostics: [d("high")] }, "high"), true);
        assert.strictEqual(failsOn({ diagnostics: [d("critical")] }, "medium"), true);
        assert.strictEqual(failsOn({ diagnostics: [d("medium")] }, "high"), false);
        assert.strictEqual(failsOn({ diagnostics: [d("critical", "advisory", true)] }, "low"), false);
        assert.strictEqual(failsOn({ diagnostics: [d("")] }, "low"), false);
        assert.strictEqual(failsOn({ diagnostics: [d("critical")] }, undefined), false);
    });

    it("is a usage error with an unknown severity", () => {
        assert.throws(() => parseArgs(["--fail-on", "severe"]), /--fail-on must be critical, high, medium or low, not 'severe'/);
    });

    it("makes an advisory high-severity finding exit 1 through the CLI", () => {
        const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fail-on-")), "advisory.json");
        fs.writeFileSync(config, JSON.stringify({ "flag-buckets": "advisory" }));
        const run = (extra: string[]) => spawnSync(process.execPath, [cli, "--quiet", "--program", path.join(fixturesDir, "programs", "component-program"),
            "--policy-pack", path.join(fixturesDir, "packs", "echo-pack"), "--policy-pack-config", config, "--secret", "keyDescription=x", "--transpile-only",
            "--format", "json", ...extra], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
        const plain = run([]);
        assert.strictEqual(plain.status, 0, plain.stderr);
        assert.ok(JSON.parse(plain.stdout).diagnostics.some((x: any) => x.policyName === "flag-buckets" && x.enforcementLevel === "advisory" && x.severity === "high"));
        assert.strictEqual(run(["--fail-on", "high"]).status, 1);
        assert.strictEqual(run(["--fail-on", "critical"]).status, 0);
    });
});
