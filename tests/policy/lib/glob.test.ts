// The one glob matcher (policy/lib/glob.ts), in each dialect the pack uses.
import * as assert from "assert";
import { GlobDialect, globMatches, hasWildcard } from "../../../policy/lib/glob";

const iamResource: GlobDialect = { anyOne: true };
const iamAction: GlobDialect = { anyOne: true, ignoreCase: true };

describe("lib/glob", () => {
    const cases: [string, string, GlobDialect, boolean][] = [
        ["abc", "abc", {}, true],
        ["abc", "abcd", {}, false],
        ["", "", {}, true],
        ["*", "", {}, true],
        ["a*", "a", {}, true],
        ["*a", "ba", {}, true],
        ["a*b", "ab", {}, true],
        ["a*b", "a", {}, false],
        ["a*a", "a", {}, false],
        ["*ab*ab*", "xabyab", {}, true],
        ["*ab*ab*", "xaby", {}, false],
        // `?`: a literal unless the dialect says one character.
        ["a?c", "abc", {}, false],
        ["a?c", "a?c", {}, true],
        ["a?c", "abc", iamResource, true],
        ["a?c", "ac", iamResource, false],
        ["*?", "", iamResource, false],
        ["*?x?*", "abxcd", iamResource, true],
        // Case.
        ["S3:get*", "s3:GetObject", iamAction, true],
        ["S3:get*", "s3:GetObject", iamResource, false],
        // IAM resources: policy variables match only themselves; regex characters are literals.
        ["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/${aws:username}/x", iamResource, true],
        ["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/x", iamResource, false],
        ["arn:aws:s3:::b.c*", "arn:aws:s3:::bxc", iamResource, false],
        ["(a|b)+", "(a|b)+", {}, true],
        // A star matches line breaks too (the RegExp versions this replaced did not: `.` stops at "\n").
        ["feature/*", "feature/a\nb", {}, true],
        ["arn:aws:s3:::b*", "arn:aws:s3:::b\n", iamResource, true],
    ];
    for (const [pattern, value, dialect, expected] of cases) {
        it(`${JSON.stringify(pattern)} ${expected ? "matches" : "does not match"} ${JSON.stringify(value)} (${JSON.stringify(dialect)})`, () => {
            assert.strictEqual(globMatches(pattern, value, dialect), expected);
        });
    }

    it("says whether a pattern has a wildcard of its dialect", () => {
        assert.deepStrictEqual([hasWildcard("a*"), hasWildcard("a?"), hasWildcard("a?", iamResource), hasWildcard("abc", iamResource)], [true, false, true, false]);
    });

    it("does not backtrack: many stars over a long value stay fast", () => {
        const started = process.hrtime.bigint();
        assert.strictEqual(globMatches("*a?".repeat(100) + "b", "a".repeat(20_000), iamResource), false);
        assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 2000);
    });
});
