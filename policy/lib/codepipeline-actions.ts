// Walking an aws.codepipeline.Pipeline's stages and actions from raw props, without throwing on odd shapes.
import { awsTypes } from "./aws-types";
import { shown } from "./messages";
import { ResourceCheck } from "./policy";
import { asList, isPlainObject, isUnknown, knownString } from "./unknowns";

export const pipelineType = awsTypes.codepipeline.Pipeline;

export interface PipelineAction {
    stageName: string;
    stageIndex: number;
    actionIndex: number;
    /** Raw action object (unknown values are sentinel strings). */
    action: Record<string, any>;
    /** Property path of the action, for messages and `undecided`: ["stages", i, "actions", j]. */
    path: (string | number)[];
    /** `stages[i].actions[j]`, for messages. */
    label: string;
}

export interface PipelineActions {
    actions: PipelineAction[];
    /** Paths of stage/action lists that are unknown (preview): the listed actions may be incomplete. */
    unknownPaths: (string | number)[][];
}

/** Every action of a pipeline, with the paths of the parts that are unknown at preview. */
export function pipelineActions(props: Record<string, any> | undefined): PipelineActions {
    const out: PipelineActions = { actions: [], unknownPaths: [] };
    const stages = props?.stages;
    if (isUnknown(stages)) {
        out.unknownPaths.push(["stages"]);
        return out;
    }
    asList(stages).forEach((stage, i) => {
        if (isUnknown(stage)) {
            out.unknownPaths.push(["stages", i]);
            return;
        }
        if (!isPlainObject(stage)) return;
        const stageName = knownString(stage.name) ?? `#${i}`;
        if (isUnknown(stage.actions)) {
            out.unknownPaths.push(["stages", i, "actions"]);
            return;
        }
        asList(stage.actions).forEach((action, j) => {
            if (isUnknown(action)) {
                out.unknownPaths.push(["stages", i, "actions", j]);
                return;
            }
            if (!isPlainObject(action)) return;
            out.actions.push({
                stageName, stageIndex: i, actionIndex: j, action,
                path: ["stages", i, "actions", j],
                label: `stages[${i}].actions[${j}]`,
            });
        });
    });
    return out;
}

/** Compares a raw value to a string, ignoring case; unknown and non-strings never match. */
export function equalsIgnoreCase(value: unknown, expected: string): boolean {
    return typeof value === "string" && !isUnknown(value) && value.toLowerCase() === expected.toLowerCase();
}

/** A readable name for an action in messages: `action 'Source' (stages[0].actions[0])`. */
export function describeAction(a: PipelineAction): string {
    const name = knownString(a.action.name) !== undefined ? `'${a.action.name}' ` : "";
    return `action ${name}in stage '${a.stageName}' (${a.label})`;
}

/** Source actions: category `Source` (any casing). */
export function isSourceAction(a: PipelineAction): boolean {
    return equalsIgnoreCase(a.action.category, "Source");
}

/** A configuration flag given as "true"/"false" strings (CodePipeline's map of strings) or booleans. */
export function configFlag(value: unknown): boolean | undefined {
    if (typeof value === "boolean") return value;
    if (typeof value === "string" && !isUnknown(value)) {
        const v = value.trim().toLowerCase();
        if (v === "true") return true;
        if (v === "false") return false;
    }
    return undefined;
}

/**
 * A pipeline's `artifactStores` as a list; undefined (recorded as undecided) when the list is not known
 * yet at preview. A pipeline without stores is not applicable.
 */
export function artifactStoresOf(c: ResourceCheck<unknown>): unknown[] | undefined {
    const stores = c.props.artifactStores;
    if (isUnknown(stores)) {
        c.undecided(["artifactStores"]);
        return undefined;
    }
    const list = asList(stores);
    if (list.length === 0) {
        c.notApplicable("the pipeline declares no artifact store");
    }
    return list;
}

/** The providers of some actions, for messages: only provider identifiers (CodeCommit, S3, ...) are echoed. */
export function providersOf(actions: PipelineAction[]): string {
    const names = [...new Set(actions.map(a => {
        const p = knownString(a.action.provider);
        return p === undefined ? "unknown" : shown(p, /^[A-Za-z0-9]{1,40}$/) ?? "an unrecognised provider";
    }))];
    return names.length ? names.join(", ") : "none";
}
