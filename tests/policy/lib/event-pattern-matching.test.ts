// Offline EventBridge pattern matching (policy/lib/event-pattern-matching.ts): true, false, or undefined
// when it cannot tell.
import * as assert from "assert";
import { Match, all, any, matchLeaf, matchPattern, parsePattern } from "../../../policy/lib/event-pattern-matching";
import { unknownSentinels } from "../../../policy/lib/unknowns";

describe("lib/event-pattern-matching", () => {
    it("combines three-valued answers", () => {
        assert.deepStrictEqual([all([true, true]), all([true, undefined]), all([undefined, false])], [true, undefined, false]);
        assert.deepStrictEqual([any([false, false]), any([false, undefined]), any([undefined, true])], [false, undefined, true]);
    });

    const leaves: [unknown, unknown, Match][] = [
        [["main"], "main", true],
        [["main"], "dev", false],
        [[{ prefix: "release/" }], "release/1", true],
        [[{ prefix: { "equals-ignore-case": "RELEASE/" } }], "release/1", true],
        [[{ suffix: ".zip" }], "app.zip", true],
        [[{ "equals-ignore-case": "MAIN" }], "main", true],
        [[{ wildcard: "feature/*" }], "feature/x", true],
        [[{ wildcard: "feature/*" }], "fix/x", false],
        [[{ wildcard: "v?.zip" }], "v1.zip", false],
        [[{ "anything-but": ["main"] }], "dev", true],
        [[{ "anything-but": "main" }], "main", false],
        [[{ exists: true }], "x", true],
        [[{ exists: false }], undefined, true],
        [[{ numeric: [">", 1] }], 2, undefined],
        [["main"], unknownSentinels.string, undefined],
        [["a"], ["b", "a"], true],
        ["not a list", "a", undefined],
    ];
    for (const [pattern, value, expected] of leaves) {
        it(`${JSON.stringify(pattern)} against ${JSON.stringify(value)}: ${expected}`, () => assert.strictEqual(matchLeaf(pattern, value), expected));
    }

    it("matches whole patterns, leaving fields the event does not model undecided", () => {
        const event = { source: "aws.codecommit", detail: { referenceName: "main" } };
        assert.strictEqual(matchPattern({ source: ["aws.codecommit"], detail: { referenceName: ["main"] } }, event, () => false), true);
        assert.strictEqual(matchPattern({ source: ["aws.s3"] }, event, () => false), false);
        assert.strictEqual(matchPattern({ account: ["1"] }, event, () => false), undefined);
        assert.strictEqual(matchPattern({ account: ["1"] }, event, () => true), false);
        assert.strictEqual(matchPattern({ $or: [] }, event, () => true), undefined);
    });

    it("reads a pattern from JSON text or an object", () => {
        assert.deepStrictEqual(parsePattern('{"source":["aws.s3"]}'), { source: ["aws.s3"] });
        assert.deepStrictEqual(parsePattern({ a: 1 }), { a: 1 });
        assert.deepStrictEqual([parsePattern("{"), parsePattern("[1]"), parsePattern(unknownSentinels.string)], [undefined, undefined, undefined]);
    });
});
