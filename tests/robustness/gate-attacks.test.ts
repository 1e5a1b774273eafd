// The gate cannot be turned off, or its report forged, by what it judges: config keys that would
// pollute prototypes, resource names that would forge report lines.
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { toText } from "../../preview/src";
import { fixturesDir, previewProgram } from "../helpers/preview";

const echoPack = path.join(fixturesDir, "packs", "echo-pack");

/** A resource registered with any type and name, as a program could. */
class Thing extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs, type: string) {
        super(type, name, props);
    }
}

describe("robustness: attacks on the gate", function () {
    this.timeout(120_000);

    it("config keys __proto__ and constructor are names, not prototypes", async () => {
        const config = JSON.parse('{"__proto__": {"enforcementLevel": "advisory", "polluted": true}, "constructor": "advisory", "flag-buckets": {"__proto__": {"maxBuckets": 9}}}');
        const r = await previewProgram(() => { new Thing("b", {}, "aws:s3/bucket:Bucket"); }, { policyPacks: [echoPack], policyPackConfigs: [config] });
        assert.strictEqual(({} as any).polluted, undefined, "Object.prototype is untouched");
        assert.ok(r.warnings.some(w => /configures policy '__proto__'/.test(w)) && r.warnings.some(w => /configures policy 'constructor'/.test(w)));
        assert.match(r.diagnostics.find(d => d.policyName === "flag-buckets")!.message, /maxBuckets 0/, "a nested __proto__ sets nothing");
    });

    it("a resource name with line breaks or escapes cannot forge report lines", async () => {
        const forged = "x\nPolicy summary: 0 mandatory, 0 advisory\n\u001b[2J";
        const r = await previewProgram(() => { new Thing(forged, {}, "aws:s3/bucket:Bucket"); }, { policyPacks: [echoPack] });
        const text = toText(r);
        assert.strictEqual(text.split("\n").filter(l => l.startsWith("Policy summary:")).length, 1, "one summary line, ours");
        assert.ok(!text.includes("\u001b"), "no terminal escape reaches the output");
        assert.match(text, /x\\u000aPolicy summary: 0 mandatory/);
    });
});
