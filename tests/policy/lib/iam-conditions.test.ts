import * as assert from "assert";
import { parseOperator, restrictsKey, wildcardOnly } from "../../../policy/lib/iam-conditions";
import { unknownSentinels } from "../../../policy/lib/unknowns";

const unknownValue = Object.values(unknownSentinels)[0];

const narrow = (v: string, like: boolean) => !like || !wildcardOnly(v);
const key = (k: string) => k === "k";

describe("lib/iam-conditions", () => {
    const operators: [string, Partial<ReturnType<typeof parseOperator>>][] = [
        ["StringEquals", { base: "StringEquals", negated: false, like: false, matchesStrings: true, ifExists: false }],
        ["StringLike", { like: true, matchesStrings: true }],
        ["StringNotLike", { negated: true, like: true, matchesStrings: false }],
        ["StringNotEquals", { negated: true, matchesStrings: false }],
        ["StringEqualsIgnoreCase", { matchesStrings: true, like: false }],
        ["ForAnyValue:StringLike", { qualifier: "ForAnyValue", base: "StringLike", like: true, matchesStrings: true }],
        ["ForAllValues:StringEquals", { qualifier: "ForAllValues", base: "StringEquals" }],
        ["StringLikeIfExists", { base: "StringLike", ifExists: true, matchesStrings: true }],
        ["ArnEquals", { like: true, matchesStrings: true }],
        ["ArnNotLike", { negated: true, matchesStrings: false }],
        ["Bool", { matchesStrings: false, negated: false }],
        ["Null", { matchesStrings: false }],
        ["NotIpAddress", { negated: true, matchesStrings: false }],
        ["NumericNotEquals", { negated: true }],
    ];
    for (const [op, expected] of operators) {
        it(`parses ${op}`, () => {
            const got = parseOperator(op);
            for (const [k, v] of Object.entries(expected)) assert.strictEqual((got as any)[k], v, `${op}.${k}`);
        });
    }

    const cases: [string, Record<string, unknown> | undefined, boolean, string][] = [
        ["no condition", undefined, false, "unrestricted"],
        ["StringEquals narrow", { StringEquals: { k: "a" } }, false, "restricted"],
        ["StringEquals takes * literally", { StringEquals: { k: "*" } }, false, "restricted"],
        ["StringLike *", { StringLike: { k: "*" } }, false, "unrestricted"],
        ["StringLike ?* ", { StringLike: { k: "?*" } }, false, "unrestricted"],
        ["StringLike one narrow one wildcard", { StringLike: { k: ["a", "*"] } }, false, "unrestricted"],
        ["StringNotLike never restricts", { StringNotLike: { k: "a" } }, false, "unrestricted"],
        ["IfExists does not restrict an optional key", { StringEqualsIfExists: { k: "a" } }, false, "unrestricted"],
        ["IfExists restricts a key always present", { StringEqualsIfExists: { k: "a" } }, true, "restricted"],
        ["ForAllValues does not restrict an optional key", { "ForAllValues:StringEquals": { k: "a" } }, false, "unrestricted"],
        ["ForAnyValue restricts", { "ForAnyValue:StringLike": { k: "a*" } }, false, "restricted"],
        ["other key", { StringEquals: { other: "a" } }, false, "unrestricted"],
        ["Bool never restricts", { Bool: { k: "true" } }, false, "unrestricted"],
        ["value not known yet", { StringEquals: { k: unknownValue } }, false, "unknown"],
        ["a known narrow clause wins over an unknown one", { StringEquals: { k: unknownValue }, StringLike: { k: "a*" } }, false, "restricted"],
    ];
    for (const [name, condition, always, expected] of cases) {
        it(`restrictsKey: ${name} -> ${expected}`, () => {
            assert.strictEqual(restrictsKey(condition, key, narrow, { keyAlwaysPresent: always }), expected);
        });
    }
});
