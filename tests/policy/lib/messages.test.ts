// What messages may quote (policy/lib/messages.ts).
import * as assert from "assert";
import { shown } from "../../../policy/lib/messages";

describe("lib/messages: only enumerated identifiers are echoed", () => {
    const mutability = /^(IM)?MUTABLE(_WITH_EXCLUSION)?$/;
    const cases: [unknown, RegExp, string | undefined][] = [
        ["IMMUTABLE", mutability, "IMMUTABLE"],
        ["MUTABLE_WITH_EXCLUSION", mutability, "MUTABLE_WITH_EXCLUSION"],
        ["S3CR3T-value", mutability, undefined],
        ["IMMUTABLE\nS3CR3T", mutability, undefined],
        [730, /^\d{1,6}$/, "730"],
        [true, /^(true|false)$/, "true"],
        [{ toString: () => "IMMUTABLE" }, mutability, undefined],
        [undefined, /.*/, undefined],
    ];
    for (const [value, pattern, expected] of cases) {
        it(`${JSON.stringify(value) ?? String(value)} against ${pattern}: ${JSON.stringify(expected)}`, () => assert.strictEqual(shown(value, pattern), expected));
    }
});
