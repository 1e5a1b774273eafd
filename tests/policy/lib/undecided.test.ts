// The hand-over to the SDK's preview advisory (policy/lib/undecided.ts).
import * as assert from "assert";
import { handOverToPreviewAdvisory, undecidedLabel } from "../../../policy/lib/undecided";
import { unknownSentinels } from "../../../policy/lib/unknowns";

describe("lib/undecided", () => {
    const labels: [string[], ", ." | "; ", string][] = [
        [["policy"], ", .", "policy"],
        [["a.0.b", "c", "a.0.b"], ", .", "a.0.b, .c"],
        [["1", "2", "3", "4", "5", "6"], ", .", "1, .2, .3, .4, .5 and 1 more"],
        [["bucket 'a' (policy)", "bucket 'b' (versioning)"], "; ", "bucket 'a' (policy); bucket 'b' (versioning)"],
    ];
    for (const [parts, separator, expected] of labels) {
        it(`labels ${JSON.stringify(parts)} as ${JSON.stringify(expected)}`, () => assert.strictEqual(undecidedLabel(parts, separator), expected));
    }

    it("throws the SDK's UnknownValueError with its standard message, of the given kind", () => {
        for (const [kind, sentinel] of [["boolean", unknownSentinels.boolean], ["Array", unknownSentinels.array], ["string", undefined]] as const) {
            assert.throws(() => handOverToPreviewAdvisory("enableKeyRotation", sentinel), (e: any) =>
                e.constructor.name === "UnknownValueError" && e.message === `${kind} value at .enableKeyRotation can't be known during preview`);
        }
    });
});
