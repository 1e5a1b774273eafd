// Paths into a resource's properties: typed by the provider's argument types (so a misspelt property
// fails the build), read from raw values without throwing, and written back for remediations.
//
// A path is written as in messages: `enableKeyRotation`, `imageScanningConfiguration.scanOnPush`,
// `encryptionConfigurations[0].kmsKey` (one entry of a list) or `replicas[].kmsKeyId` (every entry).
// The argument types are imported with `import type` only (erased at compile time): the pack never
// loads @pulumi/aws.
import type { Unwrap } from "@pulumi/pulumi";
import { asList, isUnknown } from "./unknowns";

export type PropertyPath = (string | number)[];

/** Marks a resource policy whose properties are not typed (several unrelated resource types). */
export type AnyArgs = { readonly __anyArgs: unique symbol };

/** The provider's arguments of a resource as plain values (what a policy sees, before distrust). */
export type Inputs<A> = NonNullable<Unwrap<A>>;

/**
 * A resource's raw inputs as a policy sees them: the property names of the provider's argument type,
 * each value `unknown` (an unknown sentinel string, or any shape a program can produce), to be narrowed.
 */
export type Props<A> = [A] extends [AnyArgs] ? Record<string, any> : { readonly [K in keyof Inputs<A>]?: unknown };

type Scalar = string | number | boolean | bigint | symbol | null | undefined | ((...args: any[]) => any);
type Shallower = [never, 0, 1, 2, 3, 4];

/** Every path into T (up to five levels), as strings: `a`, `a.b`, `a[]`, `a[].b`, `a[0].b`. */
export type PathOf<T, D extends number = 5> = [D] extends [never] ? never
    : T extends Scalar ? never
    : { [K in keyof T & string]-?: K | SubPath<NonNullable<T[K]>, K, Shallower[D]> }[keyof T & string];

type SubPath<V, K extends string, D extends number> = [D] extends [never] ? never
    : V extends readonly (infer E)[]
        ? `${K}[]` | `${K}[${number}]` | `${K}[].${PathOf<NonNullable<E>, D>}` | `${K}[${number}].${PathOf<NonNullable<E>, D>}`
        : V extends Scalar ? never : `${K}.${PathOf<V, D>}`;

/** A path into the inputs of resources with argument type A (any string for untyped policies). */
export type PropPath<A> = [A] extends [AnyArgs] ? string : PathOf<Inputs<A>>;

/** One step of a parsed path: a property name, a list index, or `[]` (every entry of a list). */
type Step = string | number | { every: true };

/** Parses `a.b[0].c[].d` into its steps. */
export function parsePath(path: string): Step[] {
    const steps: Step[] = [];
    for (const part of path.split(".")) {
        const m = /^([^[\]]*)((?:\[\d*\])*)$/.exec(part);
        if (!m) {
            steps.push(part);
            continue;
        }
        if (m[1]) steps.push(m[1]);
        for (const index of m[2].match(/\[\d*\]/g) ?? []) {
            steps.push(index === "[]" ? { every: true } : Number(index.slice(1, -1)));
        }
    }
    return steps;
}

/** `["a", 0, "b"]` -> `a[0].b`, as messages name a property. */
export function propertyName(path: PropertyPath): string {
    let out = "";
    for (const p of path) {
        out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
    }
    return out;
}

/** One value a path leads to. */
export interface Leaf {
    /** The concrete path (list indexes filled in). */
    path: PropertyPath;
    /** The raw value there: undefined when absent (or when a step on the way is not an object). */
    value: unknown;
    /**
     * False when an unknown value stood on the way (a list or object not known yet at preview): then
     * `value` is that unknown and `path` leads to it, not to the property.
     */
    reached: boolean;
}

/**
 * The values a path leads to in raw props. `[i]` and names always lead somewhere (undefined when
 * absent); `[]` leads to each entry of the list (none when the list is absent or empty; a single value
 * counts as a one-entry list). Nothing here throws, whatever the shapes.
 */
export function leavesAt(props: unknown, path: string): Leaf[] {
    const steps = parsePath(path);
    let current: Leaf[] = [{ path: [], value: props, reached: true }];
    for (const step of steps) {
        const next: Leaf[] = [];
        for (const leaf of current) {
            if (!leaf.reached) {
                next.push(leaf);
                continue;
            }
            if (isUnknown(leaf.value)) {
                next.push({ ...leaf, reached: false });
                continue;
            }
            if (typeof step === "object") {
                if (leaf.value === null || typeof leaf.value !== "object" || !Array.isArray(leaf.value)) {
                    // A single object stands for a one-entry list (as the provider's inputs sometimes do).
                    asList(leaf.value).forEach((v, i) => next.push({ path: [...leaf.path, i], value: v, reached: true }));
                } else {
                    leaf.value.forEach((v: unknown, i: number) => next.push({ path: [...leaf.path, i], value: v, reached: true }));
                }
                continue;
            }
            const container = leaf.value;
            const value = container !== null && typeof container === "object" ? (container as any)[step] : undefined;
            next.push({ path: [...leaf.path, step], value, reached: true });
        }
        current = next;
    }
    return current;
}

/** The value at a path without `[]` steps (the first leaf). */
export function valueAt(props: unknown, path: string): Leaf {
    return leavesAt(props, path)[0] ?? { path: [], value: undefined, reached: true };
}

/**
 * Sets (or, with `undefined`, deletes) the value at a path of names and indexes in an object, creating
 * the objects on the way. Used by the wrapper on the SDK's remediation inputs, so secrets stay secret.
 */
export function setPath(target: Record<string, any>, path: string, value: unknown): void {
    const steps = parsePath(path).filter((s): s is string | number => typeof s !== "object");
    let cur: any = target;
    for (let i = 0; i < steps.length - 1; i++) {
        const step = steps[i];
        let next = cur[step];
        if (next === null || typeof next !== "object") {
            next = typeof steps[i + 1] === "number" ? [] : {};
            cur[step] = next;
            next = cur[step];
        }
        cur = next;
    }
    const last = steps[steps.length - 1];
    if (value === undefined) {
        delete cur[last];
    } else {
        cur[last] = value;
    }
}
