// Scale: a generated program through the offline preview (capture + the compiled pack), in its own
// process so its peak memory is measured alone. `npm test` runs SCALE_RESOURCES (default 2,000) in preview
// mode; `npm run fuzz` runs 10,000 in preview and update modes. Times and peak RSS go to the test title.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { repoRoot } from "../helpers/preview";

const script = path.join(__dirname, "scale", "run-scale.ts");
const size = Number(process.env.SCALE_RESOURCES) > 0 ? Number(process.env.SCALE_RESOURCES) : 2000;
const modes = (process.env.SCALE_MODES ?? "preview").split(",") as ("preview" | "update")[];

describe("robustness: scale", function () {
    this.timeout(20 * 60_000);

    for (const mode of modes) {
        it(`${size} resources in ${mode} mode complete without running out of memory, with exact findings`, function () {
            const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", script, String(size), mode], {
                cwd: repoRoot, encoding: "utf8", timeout: 19 * 60_000, maxBuffer: 64 * 1024 * 1024,
            });
            assert.strictEqual(r.status, 0, `exit ${r.status} ${r.signal ?? ""}: ${r.stderr.slice(-2000)}`);
            const m = JSON.parse(r.stdout.trim().split("\n").pop()!);
            const groups = Math.ceil(size / 10);
            // The Stack and the default aws provider come on top of the program's resources.
            assert.strictEqual(m.resources, groups * 10 + 2);
            const every = (n: number) => Math.ceil(groups / n);
            assert.deepStrictEqual(m.mandatoryByPolicy, {
                "kms-key-rotation-enabled": every(7),
                "s3-bucket-versioning-enabled": every(5),
                "cloudwatch-log-group-retention": every(3),
                "iam-no-wildcard-resource": every(4),
                "s3-bucket-access-logging": groups,
            });
            // 24 GiB machine, Node's default heap limit: the run must stay well inside it.
            assert.ok(m.peakRssMiB < 4096, `peak RSS ${m.peakRssMiB} MiB`);
            this.test!.title += ` [${m.totalSeconds.toFixed(1)} s: capture ${m.captureSeconds.toFixed(1)} s, analyze ${m.analyzeSeconds.toFixed(1)} s; peak RSS ${m.peakRssMiB} MiB, pack ${m.packPeakRssMiB} MiB]`;
        });
    }
});
