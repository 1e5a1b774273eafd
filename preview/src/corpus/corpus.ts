import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UserError, messageOf } from "../errors";
import { readProject, readStackConfig } from "../project";
import { discoverProjects } from "../scan/discover";
import { ProjectOutcome, runMany } from "../scan/run-many";
import { compareCaptures, programRegistrations } from "./compare";
import { MockCaptureResult, MockCaptureSpec } from "./mock-capture";

export interface CorpusOptions {
    dir: string;
    policyPacks: string[];
    stack: string;
    mode: "preview" | "update";
    parallel?: number;
    timeoutMs: number;
    typeCheck?: boolean;
    onProgress?: (line: string) => void;
}

/** What one program of the corpus did, under the offline preview and under plain mocks. */
export interface ProgramMeasurement {
    dir: string;
    status: "ok" | "crash" | "fails-under-mocks-too" | "mismatch";
    resources: number;
    mockResources?: number;
    modelledChildren: number;
    notAnalysed: string[];
    failure?: string;
    mockError?: string;
    onlyOurs: string[];
    onlyMocks: string[];
    findings: { policy: string; level: string; undecidable: boolean }[];
    unanswered: string[];
    generic: string[];
    ms: number;
}

/** Runs the program under the SDK's own mocks in a child process (see mock-capture.ts). */
async function mockCapture(dir: string, stack: string, preview: boolean, timeoutMs: number): Promise<MockCaptureResult> {
    const project = readProject(dir);
    const config = readStackConfig(project, stack, {}, {});
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mock-capture-"));
    const spec: MockCaptureSpec = {
        pwd: project.pwd, entryPoint: project.entryPoint, project: project.name, stack, organization: "organization",
        preview, config, region: config.values["aws:region"] ?? "us-east-1", output: path.join(tmp, "result.json"),
    };
    fs.writeFileSync(path.join(tmp, "spec.json"), JSON.stringify(spec));
    return new Promise(resolve => {
        const child = spawn(process.execPath, [path.join(__dirname, "mock-capture.js"), path.join(tmp, "spec.json")],
            { cwd: project.pwd, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", d => { stderr = (stderr + d).slice(-2000); });
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.on("exit", () => {
            clearTimeout(timer);
            try {
                resolve(JSON.parse(fs.readFileSync(spec.output, "utf8")));
            } catch {
                resolve({ error: `the mock capture did not finish${stderr ? `: ${stderr.trim().split("\n").pop()}` : ""}` });
            }
            fs.rmSync(tmp, { recursive: true, force: true });
        });
    });
}

function measure(x: ProjectOutcome, mock: MockCaptureResult): ProgramMeasurement {
    const r = x.result;
    const failure = x.error ? messageOf(x.error) : r?.failure ? `${r.failure.kind}: ${r.failure.message} ${r.failure.details[0]?.split("\n").slice(0, 3).join(" ") ?? ""}`.trim() : undefined;
    const { onlyOurs, onlyMocks } = r && !r.failure && mock.resources && !mock.error
        ? compareCaptures(programRegistrations(r.resources), mock.resources) : { onlyOurs: [], onlyMocks: [] };
    const mockOk = !!mock.resources && !mock.error;
    const status = failure ? (mockOk ? "crash" : "fails-under-mocks-too") : onlyOurs.length || onlyMocks.length ? "mismatch" : "ok";
    const warnings = r?.warnings ?? [];
    return {
        dir: x.dir, status, ms: x.ms,
        resources: r?.resources.length ?? 0,
        mockResources: mock.resources?.length,
        modelledChildren: r?.resources.filter(c => c.modelledChildOf).length ?? 0,
        notAnalysed: r?.notAnalysed.map(n => n.type) ?? [],
        failure, mockError: mock.error, onlyOurs, onlyMocks,
        findings: r?.diagnostics.map(d => ({ policy: d.policyName, level: d.enforcementLevel, undecidable: d.undecidable })) ?? [],
        unanswered: warnings.map(w => /^data source (\S+) has no offline answer/.exec(w)?.[1]).filter((t): t is string => !!t),
        generic: warnings.map(w => /^data source (\S+) was answered offline from its declared/.exec(w)?.[1]).filter((t): t is string => !!t),
    };
}

/** `npm run corpus -- DIR`: every program under DIR through the offline preview and under plain mocks. */
export async function runCorpus(o: CorpusOptions): Promise<ProgramMeasurement[]> {
    const found = discoverProjects(o.dir);
    if (found.projects.length === 0) throw new UserError(`No Pulumi Node.js project under ${o.dir}.`);
    const mocks = new Map<string, Promise<MockCaptureResult>>();
    const outcomes = await runMany(found.projects, {
        policyPacks: o.policyPacks, stack: o.stack, mode: o.mode, timeoutMs: o.timeoutMs, typeCheck: o.typeCheck,
        programOutput: () => undefined,
    }, {
        parallel: o.parallel,
        onDone: (done, total, x) => {
            // The mock capture of a program runs once the preview of it is done, so the two never compete for the CPU.
            mocks.set(x.dir, mockCapture(x.dir, o.stack, o.mode === "preview", o.timeoutMs).catch(e => ({ error: messageOf(e) })));
            o.onProgress?.(`[${done}/${total}] ${path.basename(x.dir)} (${(x.ms / 1000).toFixed(1)} s)`);
        },
    });
    const measured: ProgramMeasurement[] = [];
    for (const x of outcomes) {
        measured.push(measure(x, await mocks.get(x.dir)!));
    }
    return measured;
}
