// Raw values and unknown sentinels (policy/lib/unknowns.ts).
import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import {
    asList, at, containsUnknown, firstUnknownPath, isPlainObject, isUnknown, knownString, raw, unknownSentinels,
} from "../../../policy/lib/unknowns";

const u = unknownSentinels.string;

describe("lib/unknowns", () => {
    it("knows every sentinel of the engine, and nothing else", () => {
        for (const s of Object.values(unknownSentinels)) assert.ok(isUnknown(s), s);
        for (const v of ["", "04da6b54", null, undefined, 0, {}, [u]]) assert.ok(!isUnknown(v), JSON.stringify(v));
    });

    const nested: [unknown, (string | number)[] | undefined][] = [
        [u, []],
        [{ a: 1, b: [2, { c: u }] }, ["b", 1, "c"]],
        [{ a: 1 }, undefined],
        ["x", undefined],
        [null, undefined],
    ];
    for (const [v, path] of nested) {
        it(`finds the first unknown in ${JSON.stringify(v)}`, () => {
            assert.deepStrictEqual(firstUnknownPath(v), path);
            assert.strictEqual(containsUnknown(v), path !== undefined);
        });
    }

    it("prefixes the path it was given", () => {
        assert.deepStrictEqual(firstUnknownPath({ Statement: [u] }, ["policy"]), ["policy", "Statement", 0]);
    });

    it("reads behind the SDK's proxy without throwing on unknowns", () => {
        const proxied = unknownCheckingProxy({ a: u, b: { c: 1 } });
        assert.throws(() => (proxied as any).a, /can't be known/);
        assert.strictEqual(raw<any>(proxied).a, u);
        assert.deepStrictEqual(raw({ plain: true }), { plain: true });
        assert.strictEqual(raw(undefined), undefined);
    });

    const paths: [unknown, (string | number)[], unknown][] = [
        [{ a: { b: [1, 2] } }, ["a", "b", 1], 2],
        [{ a: "text" }, ["a", "b"], undefined],
        [null, ["a"], undefined],
        [{ a: null }, ["a", "b"], undefined],
    ];
    for (const [obj, path, expected] of paths) {
        it(`at(${JSON.stringify(obj)}, ${path.join(".")}) is ${JSON.stringify(expected)}`, () => assert.strictEqual(at(obj, ...path), expected));
    }

    it("turns values into lists and tells plain objects", () => {
        assert.deepStrictEqual([asList(undefined), asList(null), asList(1), asList([1, 2])], [[], [], [1], [1, 2]]);
        assert.deepStrictEqual([isPlainObject({}), isPlainObject([]), isPlainObject(null), isPlainObject("x")], [true, false, false, false]);
    });

    // One answer for "a known string" (four versions disagreed on ""; an empty string names nothing).
    const strings: [unknown, string | undefined][] = [["name", "name"], ["", undefined], [u, undefined], [1, undefined], [undefined, undefined]];
    for (const [v, expected] of strings) {
        it(`knownString(${JSON.stringify(v)}) is ${JSON.stringify(expected)}`, () => assert.strictEqual(knownString(v), expected));
    }
});
