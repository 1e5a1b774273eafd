// Typed property paths, read and written (policy/lib/property-paths.ts).
import * as assert from "assert";
import { leavesAt, parsePath, propertyName, setPath, valueAt } from "../../../policy/lib/property-paths";
import { unknownSentinels } from "../../../policy/lib/unknowns";

const u = unknownSentinels.array;

describe("lib/property-paths", () => {
    it("parses names, indexes and every-entry steps", () => {
        assert.deepStrictEqual(parsePath("a"), ["a"]);
        assert.deepStrictEqual(parsePath("a.b[0].c[].d"), ["a", "b", 0, "c", { every: true }, "d"]);
        assert.deepStrictEqual(parsePath("a[1][2]"), ["a", 1, 2]);
    });

    it("names paths as messages do", () => {
        assert.strictEqual(propertyName(["a", 0, "b"]), "a[0].b");
        assert.strictEqual(propertyName([]), "");
    });

    const cases: { what: string; props: unknown; path: string; leaves: { path: (string | number)[]; value: unknown; reached: boolean }[] }[] = [
        { what: "a present value", props: { a: { b: 1 } }, path: "a.b", leaves: [{ path: ["a", "b"], value: 1, reached: true }] },
        { what: "an absent value, and one below a scalar", props: { a: "x" }, path: "a.b", leaves: [{ path: ["a", "b"], value: undefined, reached: true }] },
        { what: "an index of an absent list", props: {}, path: "l[0].k", leaves: [{ path: ["l", 0, "k"], value: undefined, reached: true }] },
        {
            what: "every entry of a list", props: { l: [{ k: 1 }, { k: 2 }, "x"] }, path: "l[].k",
            leaves: [{ path: ["l", 0, "k"], value: 1, reached: true }, { path: ["l", 1, "k"], value: 2, reached: true }, { path: ["l", 2, "k"], value: undefined, reached: true }],
        },
        { what: "no entry of an absent list", props: {}, path: "l[].k", leaves: [] },
        { what: "a single object as a one-entry list", props: { l: { k: 1 } }, path: "l[].k", leaves: [{ path: ["l", 0, "k"], value: 1, reached: true }] },
        { what: "an unknown list stops the walk there", props: { l: u }, path: "l[].k", leaves: [{ path: ["l"], value: u, reached: false }] },
        { what: "an unknown entry stops the walk there", props: { l: [{ k: 1 }, u] }, path: "l[].k", leaves: [{ path: ["l", 0, "k"], value: 1, reached: true }, { path: ["l", 1], value: u, reached: false }] },
        { what: "an unknown value itself is reached", props: { a: u }, path: "a", leaves: [{ path: ["a"], value: u, reached: true }] },
    ];
    for (const k of cases) {
        it(`leads to ${k.what}`, () => assert.deepStrictEqual(leavesAt(k.props, k.path), k.leaves));
    }

    it("reads one value", () => {
        assert.deepStrictEqual(valueAt({ a: [{ b: 2 }] }, "a[0].b"), { path: ["a", 0, "b"], value: 2, reached: true });
    });

    it("writes values, creating objects and lists on the way, and removes them with undefined", () => {
        const target: Record<string, any> = { a: "scalar", keep: 1, gone: 2 };
        setPath(target, "a.b", true);
        setPath(target, "l[0].k", "v");
        setPath(target, "gone", undefined);
        assert.deepStrictEqual(target, { a: { b: true }, keep: 1, l: [{ k: "v" }] });
    });
});
