import * as fs from "fs";
import * as path from "path";
import { describeError } from "../cli/messages";
import { UserError } from "../errors";
import { runCorpus } from "./corpus";
import { corpusMarkdown } from "./report";

const usage = `Usage: npm run corpus -- DIR [options]

Runs every Pulumi Node.js program under DIR through the offline preview with the policy packs, and
again under the @pulumi/pulumi mocks the program resolves (an independent capture), then reports:
programs run, crashes, resource mismatches between the two captures, findings per policy, plugin
components not analysed, and data sources without a hand-written offline answer. The programs'
dependencies must be installed (one shared node_modules above them will do).

Options:
  --policy-pack DIR        repeatable [policy]
  --stack NAME             [dev]
  --mode preview|update    [preview]
  --parallel N             programs at once [the machine's cores]
  --timeout SECONDS        per program [300]
  --transpile-only         skip type-checking the programs
  --output FILE            write the report there (.json for JSON, else Markdown) instead of stdout
  --quiet                  no progress on stderr`;

export async function main(argv: string[]): Promise<number> {
    let dir: string | undefined, output: string | undefined, stack = "dev", mode = "preview", parallel: number | undefined;
    let timeout = 300, typeCheck: boolean | undefined, quiet = false;
    const packs: string[] = [];
    try {
        for (let i = 0; i < argv.length; i++) {
            const a = argv[i];
            const value = () => {
                const v = argv[++i];
                if (v === undefined) throw new UserError(`Option ${a} needs a value.`);
                return v;
            };
            switch (a) {
                case "-h": case "--help": process.stdout.write(usage + "\n"); return 0;
                case "--policy-pack": packs.push(value()); break;
                case "--stack": stack = value(); break;
                case "--mode": mode = value(); break;
                case "--parallel": parallel = Number(value()); break;
                case "--timeout": timeout = Number(value()); break;
                case "--transpile-only": typeCheck = false; break;
                case "--output": output = value(); break;
                case "--quiet": quiet = true; break;
                default:
                    if (a.startsWith("-") || dir) throw new UserError(`Unexpected argument '${a}'.`, "Run with --help for the options.");
                    dir = a;
            }
        }
        if (!dir) throw new UserError("Give the folder of programs to measure.", "Run with --help for the options.");
        if (mode !== "preview" && mode !== "update") throw new UserError(`--mode must be 'preview' or 'update', not '${mode}'.`);
        if (!(timeout > 0)) throw new UserError("--timeout takes a positive number of seconds.");
        if (parallel !== undefined && !(Number.isInteger(parallel) && parallel >= 1)) throw new UserError("--parallel takes a whole number, at least 1.");
        const measured = await runCorpus({
            dir, policyPacks: packs.length ? packs : ["policy"], stack, mode: mode as "preview" | "update",
            parallel, timeoutMs: timeout * 1000, typeCheck, onProgress: quiet ? undefined : l => process.stderr.write(l + "\n"),
        });
        const text = output?.endsWith(".json") ? JSON.stringify(measured, null, 2) + "\n" : corpusMarkdown(measured, { dir, stack, mode });
        if (output) {
            fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
            fs.writeFileSync(output, text);
        } else {
            process.stdout.write(text);
        }
        return measured.some(m => m.status === "crash" || m.status === "mismatch") ? 1 : 0;
    } catch (e) {
        process.stderr.write(describeError(e));
        return 2;
    }
}
