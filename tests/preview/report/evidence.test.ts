import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Report } from "../../../preview/src/engine/run";
import { buildEvidence, outcomes } from "../../../preview/src/report/evidence";
import { evidenceHtml } from "../../../preview/src/report/html";
import { evidenceMarkdown } from "../../../preview/src/report/markdown";
import { fixturesDir, repoRoot } from "../../helpers/preview";

const cli = path.join(repoRoot, "preview", "bin", "pulumi-offline-preview.js");
const chromium = "/usr/bin/chromium";

function policy(name: string, reference: string, severity: string): any {
    return {
        name, displayName: name, description: `${name} <desc>`, enforcementLevel: "mandatory", severity, type: "resource",
        remediationSteps: "", url: "", tags: [], framework: { name: "PCI DSS", version: "v4.0.1", reference, specification: "" },
    };
}

function report(): Report {
    const ev = (policyName: string, resourceName: string, outcome: any, reason?: string) => ({
        policyPackName: "pack", policyName, urn: `urn:pulumi:dev::p::aws:s3/bucket:Bucket::${resourceName}`, resourceType: "aws:s3/bucket:Bucket", resourceName, outcome, ...(reason ? { reason } : {}),
    });
    return {
        project: "p", stack: "dev", mode: "preview", source: "/x/index.ts",
        policyPacks: [{ name: "pack", version: "1.2.3", dir: "/pack", policies: [policy("enc", "3.5.1", "high"), policy("log", "10.2.1", "low")] }],
        resources: [], remediations: [], notApplicable: [], notAnalysed: [], warnings: [],
        diagnostics: [{ policyPackName: "pack", policyPackVersion: "1.2.3", policyName: "enc", enforcementLevel: "mandatory", severity: "high", urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b<script>", resourceType: "aws:s3/bucket:Bucket", resourceName: "b<script>", message: "desc\nnot encrypted & public", undecidable: false }],
        evaluations: [ev("enc", "a", "pass"), ev("enc", "b<script>", "fail"), ev("enc", "c", "exempt", "risk accepted\u001b[2J by QSA"), ev("log", "a", "undecidable"), ev("log", "b", "not-applicable", "not | a log")],
        summary: { mandatory: 1, advisory: 0, remediated: 0, undecidable: 1, notAnalysed: 0 },
    } as any;
}

describe("evidence report (markdown, html)", () => {
    it("groups by requirement then policy, with counts per requirement and per severity", () => {
        const ev = buildEvidence([{ program: "stack", report: report() }], { toolVersion: "9.9.9", generated: new Date("2026-01-02T03:04:05Z") });
        assert.deepStrictEqual(ev.requirements.map(r => r.reference), ["3.5.1", "10.2.1"]);
        assert.deepStrictEqual(ev.requirements[0].counts, { pass: 1, fail: 1, advisory: 0, exempt: 1, undecidable: 0, "not-applicable": 0 });
        assert.deepStrictEqual(ev.bySeverity.find(s => s.severity === "low")!.counts, { pass: 0, fail: 0, advisory: 0, exempt: 0, undecidable: 1, "not-applicable": 1 });
        assert.strictEqual(ev.requirements[0].policies[0].rows.find(r => r.outcome === "fail")!.detail, "not encrypted & public");
        assert.strictEqual(ev.generated, "2026-01-02T03:04:05Z");
    });

    it("escapes HTML and control characters, and shows exemption reasons", () => {
        const html = evidenceHtml(buildEvidence([{ program: "stack", report: report() }], { toolVersion: "9.9.9" }));
        assert.ok(!html.includes("<script"), "no markup from the program");
        assert.ok(!html.includes("\u001b"), "no terminal escape");
        assert.match(html, /b&lt;script&gt;/);
        assert.match(html, /risk accepted\\u001b\[2J by QSA/);
        assert.match(html, /pack@1\.2\.3/);
        assert.ok(!/<script|<link|src=|@import|url\(/i.test(html), "self-contained: nothing fetched, no script");
    });

    it("escapes Markdown table breakers", () => {
        const md = evidenceMarkdown(buildEvidence([{ program: "stack", report: report() }], { toolVersion: "9.9.9" }));
        assert.match(md, /not \\\| a log/);
        assert.match(md, /b&lt;script&gt;/);
        assert.match(md, /^## Requirement 3\.5\.1$/m);
        assert.match(md, /^\| 3\.5\.1 \| 1 \| 1 \| 0 \| 1 \| 0 \| 0 \|$/m);
        assert.ok(!md.includes("\u001b"));
    });

    describe("through the CLI, rendered in headless Chromium", function () {
        this.timeout(180_000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evidence-"));
        const args = ["--quiet", "--program", path.join(fixturesDir, "programs", "component-program"), "--policy-pack", path.join(fixturesDir, "packs", "echo-pack"),
            "--secret", "keyDescription=hush-hush-value", "--transpile-only"];
        const runCli = (extra: string[]) => spawnSync(process.execPath, [cli, ...args, ...extra], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });

        it("writes a page whose numbers, as Chromium renders them, are the JSON report's", () => {
            assert.ok(fs.existsSync(chromium), "chromium is needed for this test (.ci/run installs it: apt-get install -y chromium)");
            const json = JSON.parse(runCli(["--format", "json"]).stdout);
            const file = path.join(dir, "evidence.html");
            const r = runCli(["--format", "html", "--output", file]);
            assert.strictEqual(r.status, 1, r.stderr);
            const html = fs.readFileSync(file, "utf8");
            assert.ok(!html.includes("hush-hush-value"), "secrets masked");
            const base = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", `--user-data-dir=${fs.mkdtempSync(path.join(dir, "profile-"))}`, "--window-size=1280,2000"];
            const shot = path.join(dir, "evidence.png");
            const s = spawnSync(chromium, [...base, `--screenshot=${shot}`, `file://${file}`], { encoding: "utf8", timeout: 90_000 });
            assert.strictEqual(s.status, 0, s.stderr);
            assert.ok(fs.statSync(shot).size > 10_000, "a screenshot with content");
            const d = spawnSync(chromium, [...base, "--dump-dom", `file://${file}`], { encoding: "utf8", timeout: 90_000, maxBuffer: 64 << 20 });
            assert.strictEqual(d.status, 0, d.stderr);
            const total = (o: string) => Number(new RegExp(`data-total="${o}">(\\d+)<`).exec(d.stdout)![1]);
            for (const o of outcomes) {
                assert.strictEqual(total(o), json.evaluations.filter((e: any) => e.outcome === o).length, o);
            }
            assert.ok(json.evaluations.length > 0);
            assert.match(d.stdout, new RegExp(`${json.policyPacks[0].name}@${json.policyPacks[0].version.replace(/\./g, "\\.")}`));
        });
    });
});
