// Runs the reference stack in stack/ through the offline preview with the pack, as
// `node preview/bin/pulumi-offline-preview.js --program stack` does.
import * as path from "path";
import { CapturedResource, PreviewOptions, PreviewResult, runPreview } from "../../preview/src";
import { policyPackDir, repoRoot, sharedPackPool } from "../helpers/preview";

export const stackDir = path.join(repoRoot, "stack");

export type StackRunOptions = Omit<PreviewOptions, "programDir" | "policyPacks">;

export function previewStack(o: StackRunOptions = {}): Promise<PreviewResult> {
    return runPreview({ policyPacks: [policyPackDir], programOutput: () => undefined, packPool: sharedPackPool, ...o, programDir: stackDir });
}

/** Options for a prod stack (there is no Pulumi.prod.yaml: everything comes from `config`). */
export function prodConfig(extra: Record<string, string> = {}): Record<string, string> {
    return { "aws:region": "eu-west-1", environment: "prod", ...extra };
}

/** The resource with this logical name; where a component and its main resource share it, the resource. */
export function byName(result: PreviewResult, name: string): CapturedResource {
    let found = result.resources.filter(r => r.name === name);
    if (found.length > 1) found = found.filter(r => r.custom);
    if (found.length !== 1) {
        throw new Error(`expected one resource named ${name}, found ${found.length}: ${result.resources.map(r => r.name).join(", ")}`);
    }
    return found[0];
}

export function ofType(result: PreviewResult, type: string): CapturedResource[] {
    return result.resources.filter(r => r.type === type);
}

/** The component resource with this logical name. */
export function component(result: PreviewResult, name: string): CapturedResource {
    const found = result.resources.filter(r => r.name === name && !r.custom);
    if (found.length !== 1) throw new Error(`expected one component named ${name}, found ${found.length}`);
    return found[0];
}

/** The logical names of a component's direct children. */
export function childrenOf(result: PreviewResult, parentName: string): string[] {
    const parent = component(result, parentName);
    return result.resources.filter(r => r.parent === parent.urn).map(r => r.name).sort();
}

/** Parses a JSON-string input (policy documents, container definitions, event patterns). */
export function json(value: unknown): any {
    if (typeof value !== "string") {
        throw new Error(`expected a JSON string, got ${JSON.stringify(value)}`);
    }
    return JSON.parse(value);
}

/** Every statement of a policy document as an array. */
export function statements(doc: any): any[] {
    return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

export function list<T>(v: T | T[] | undefined): T[] {
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export const account = "123456789012";
export const region = "eu-west-1";
