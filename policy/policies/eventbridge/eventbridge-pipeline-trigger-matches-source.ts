import { PolicyResource } from "@pulumi/policy";
import { awsTypes } from "../../lib/aws-types";
import {
    configFlag, describeAction, equalsIgnoreCase, isSourceAction, PipelineAction, pipelineActions, providersOf,
} from "../../lib/codepipeline-actions";
import { all, any, Match, matchLeaf, matchPattern, parsePattern } from "../../lib/event-pattern-matching";
import { stackPolicy } from "../../lib/policy";
import { PropertyPath, propertyName } from "../../lib/property-paths";
import { asList, isPlainObject, isUnknown, knownString, raw } from "../../lib/unknowns";

const pipelineType = awsTypes.codepipeline.Pipeline;
const ruleType = awsTypes.cloudwatch.EventRule;
const targetType = awsTypes.cloudwatch.EventTarget;
const scheduleType = awsTypes.scheduler.Schedule;

/** The EventBridge event sources that announce a change of a pipeline source, by action provider. */
const sourceKinds = [
    { eventSource: "aws.codecommit", provider: "CodeCommit" },
    { eventSource: "aws.s3", provider: "S3" },
    { eventSource: "aws.ecr", provider: "ECR" },
] as const;
type Kind = typeof sourceKinds[number];

/** Resources a pattern can be built from, and the event source such a pattern is for. */
const patternDependencyKinds: Record<string, Kind> = {
    [awsTypes.codecommit.Repository]: sourceKinds[0],
    [awsTypes.ecr.Repository]: sourceKinds[2],
};

const pipelineArn = /^arn:aws[a-z-]*:codepipeline:[^:]*:[^:]*:([^:/]+)$/;

/** Whether a pattern can match the event of one change of one source action. */
function patternMatchesAction(pattern: Record<string, any>, a: PipelineAction): Match {
    const cfg = isPlainObject(a.action.configuration) ? a.action.configuration : {};
    const provider = a.action.provider;
    const resources = (pattern as any).resources;
    if (equalsIgnoreCase(provider, "CodeCommit")) {
        const repo = cfg.RepositoryName;
        const events = ["referenceUpdated", "referenceCreated"].map(e => ({
            source: "aws.codecommit",
            "detail-type": "CodeCommit Repository State Change",
            detail: { event: e, repositoryName: repo, referenceType: "branch", referenceName: cfg.BranchName },
        }));
        const { resources: _r, ...rest } = pattern;
        const byResource: Match = resources === undefined ? true
            : knownString(repo) === undefined ? undefined
                : Array.isArray(resources) && resources.every(x => typeof x === "string")
                    ? resources.some((arn: string) => arn.split(":").pop() === repo)
                    : undefined;
        return all([byResource, any(events.map(e => matchPattern(rest, e, () => false)))]);
    }
    if (equalsIgnoreCase(provider, "S3")) {
        const bucket = cfg.S3Bucket, key = cfg.S3ObjectKey;
        const reasons = ["PutObject", "CopyObject", "CompleteMultipartUpload"];
        const notification = reasons.map(r => ({
            source: "aws.s3", "detail-type": "Object Created",
            detail: { bucket: { name: bucket }, object: { key }, reason: r },
        }));
        const cloudTrail = reasons.map(r => ({
            source: "aws.s3", "detail-type": "AWS API Call via CloudTrail",
            detail: { eventSource: "s3.amazonaws.com", eventName: r, requestParameters: { bucketName: bucket, key } },
        }));
        return any([...notification, ...cloudTrail].map(e => matchPattern(pattern, e, () => false)));
    }
    if (equalsIgnoreCase(provider, "ECR")) {
        const event = {
            source: "aws.ecr", "detail-type": "ECR Image Action",
            detail: { "action-type": "PUSH", result: "SUCCESS", "repository-name": cfg.RepositoryName, "image-tag": cfg.ImageTag ?? "latest" },
        };
        return matchPattern(pattern, event, () => false);
    }
    return false;
}

export default stackPolicy<{ requireTriggerWithoutChangeDetection: boolean }>({
    name: "eventbridge-pipeline-trigger-matches-source",
    description: "An EventBridge rule that starts a pipeline has an event pattern its source can produce (a CodeCommit pattern on a pipeline whose source is a " +
        "CodeStarSourceConnection or S3 never fires; an S3 source needs `aws.s3` \"Object Created\" events for its bucket and key), and a source action with " +
        "change detection turned off has a trigger.",
    severity: "high",
    pci: "n/a (silent CI failure)",
    enforcementLevel: "advisory",
    resourceTypes: [ruleType, targetType, pipelineType, scheduleType],
    remediationSteps: "Make the rule's `eventPattern` match the pipeline's Source action: CodeCommit -> source `aws.codecommit`, detail-type `CodeCommit Repository State Change`, " +
        "the repository ARN in `resources` and the branch in `detail.referenceName`; S3 -> source `aws.s3`, detail-type `Object Created`, `detail.bucket.name` and " +
        "`detail.object.key` (with EventBridge notifications on the bucket); ECR -> source `aws.ecr`, detail-type `ECR Image Action`, repository and tag. " +
        "A CodeStarSourceConnection source needs no rule: keep `DetectChanges` on or add a pipeline `triggers` entry.",
    config: {
        properties: {
            requireTriggerWithoutChangeDetection: {
                type: "boolean", default: true,
                description: "Report source actions whose change detection is off (DetectChanges / PollForSourceChanges \"false\") when nothing in the stack starts the pipeline.",
            },
        },
    },
    validateStack: c => {
        const pipelines = new Map<string, PolicyResource>();
        const pipelinesByName = new Map<string, PolicyResource>();
        const pipelinesByArn = new Map<string, PolicyResource>();
        const rulesByName = new Map<string, PolicyResource>();
        const rulesByUrn = new Map<string, PolicyResource>();
        const targets: PolicyResource[] = [];
        const schedules: PolicyResource[] = [];
        for (const r of c.resources) {
            if (r.type === pipelineType) {
                pipelines.set(r.urn, r);
                const p = raw(r.props) ?? {};
                const name = knownString(p.name);
                const arn = knownString(p.arn);
                if (name) pipelinesByName.set(name, r);
                if (arn) pipelinesByArn.set(arn, r);
            } else if (r.type === ruleType) {
                rulesByUrn.set(r.urn, r);
                const name = knownString((raw(r.props) ?? {}).name);
                if (name) rulesByName.set(name, r);
            } else if (r.type === targetType) {
                targets.push(r);
            } else if (r.type === scheduleType) {
                schedules.push(r);
            }
        }
        if (!pipelines.size) return;

        /** The pipeline a target/schedule points to: through property dependencies first, then ARN or name. */
        let unresolvedPipelineArns = false;
        const pipelineOf = (r: PolicyResource, prop: string, arn: unknown): PolicyResource | undefined => {
            const dep = (r.propertyDependencies?.[prop] ?? []).find(d => d.type === pipelineType);
            if (dep) return dep;
            const s = knownString(arn);
            if (!s) return undefined;
            const found = pipelinesByArn.get(s) ?? pipelinesByName.get(pipelineArn.exec(s)?.[1] ?? "");
            if (!found && pipelineArn.test(s)) unresolvedPipelineArns = true;
            return found;
        };

        const triggered = new Set<string>();
        const pairs: { rule: PolicyResource; pipeline: PolicyResource }[] = [];
        const seenPairs = new Set<string>();
        for (const t of targets) {
            const tp = raw(t.props) ?? {};
            const pipeline = pipelineOf(t, "arn", tp.arn);
            if (!pipeline) continue;
            triggered.add(pipeline.urn);
            const rule = (t.propertyDependencies?.rule ?? []).find(d => d.type === ruleType) ?? rulesByName.get(knownString(tp.rule) ?? "");
            if (!rule || !rulesByUrn.has(rule.urn)) continue;
            const key = `${rule.urn}|${pipeline.urn}`;
            if (seenPairs.has(key)) continue;
            seenPairs.add(key);
            pairs.push({ rule, pipeline });
        }
        for (const s of schedules) {
            const target = (raw(s.props) ?? {}).target;
            const pipeline = pipelineOf(s, "target", isPlainObject(target) ? target.arn : undefined);
            if (pipeline) triggered.add(pipeline.urn);
        }

        const sourceActionsCache = new Map<string, { actions: PipelineAction[]; unknown?: PropertyPath }>();
        const sourceActionsOf = (p: PolicyResource) => {
            let v = sourceActionsCache.get(p.urn);
            if (!v) {
                const all = pipelineActions(raw(p.props));
                v = { actions: all.actions.filter(isSourceAction), unknown: all.unknownPaths[0] };
                sourceActionsCache.set(p.urn, v);
            }
            return v;
        };


        for (const { rule, pipeline } of pairs) {
            const rp = raw(rule.props) ?? {};
            const text = rp.eventPattern;
            if (text === undefined || text === null) continue; // a scheduled rule fires whatever the source
            const sources = sourceActionsOf(pipeline);
            let kinds: Kind[];
            let pattern: Record<string, any> | undefined;
            if (isUnknown(text)) {
                // The pattern is built from outputs: its dependencies still tell what it is for.
                const deps = rule.propertyDependencies?.eventPattern ?? [];
                kinds = [...new Set(deps.map(d => patternDependencyKinds[d.type]).filter(Boolean))];
                if (!kinds.length || sources.unknown || kinds.some(k => sources.actions.some(a => equalsIgnoreCase(a.action.provider, k.provider)))) {
                    c.undecided(rule, `EventRule '${rule.name}' eventPattern`);
                    continue;
                }
            } else {
                pattern = parsePattern(text);
                if (!pattern || !Array.isArray(pattern.source)) continue; // no source: not a source-change pattern
                kinds = sourceKinds.filter(k => matchLeaf(pattern!.source, k.eventSource) !== false);
                if (!kinds.length) continue; // aws.codepipeline, custom events...: not about the source
                if (sources.unknown) {
                    c.undecided(pipeline, `pipeline '${pipeline.name}' ${propertyName(sources.unknown)}`);
                    continue;
                }
            }
            const candidates = sources.actions.filter(a => kinds.some(k => equalsIgnoreCase(a.action.provider, k.provider)));
            const eventSources = kinds.map(k => k.eventSource).join(", ");
            if (!candidates.length) {
                c.report(rule, `EventRule '${rule.name}' starts pipeline '${pipeline.name}' on ${eventSources} events, but the pipeline's Source actions use ` +
                    `${providersOf(sources.actions)}: such events never come and the rule never starts the pipeline. Change the rule's eventPattern to match the ` +
                    "pipeline's source" + (sources.actions.some(a => equalsIgnoreCase(a.action.provider, "CodeStarSourceConnection"))
                        ? " or remove the rule (a CodeStarSourceConnection source starts the pipeline itself with DetectChanges, or through the pipeline's triggers)." : "."));
                continue;
            }
            if (!pattern) continue;
            const results = candidates.map(a => patternMatchesAction(pattern!, a));
            if (any(results) === false) {
                const labels = candidates.map(describeAction).join("; ");
                c.report(rule, `EventRule '${rule.name}' eventPattern does not match the changes of pipeline '${pipeline.name}' source (${labels}): ` +
                    "change the eventPattern's detail-type, resources and detail fields to the events that source produces " +
                    "(CodeCommit: repository ARN and branch; S3: \"Object Created\" for the bucket and object key; ECR: push of the repository and tag).");
            }
        }

        if (c.config.requireTriggerWithoutChangeDetection) {
            for (const pipeline of pipelines.values()) {
                if (triggered.has(pipeline.urn)) continue;
                const p = raw(pipeline.props) ?? {};
                if (unresolvedPipelineArns && !knownString(p.name)) continue; // a target by ARN may point to it
                const triggers = p.triggers;
                if (isUnknown(triggers)) continue;
                const triggeredActions = new Set(asList(triggers).filter(isPlainObject)
                    .map(t => isPlainObject(t.gitConfiguration) ? knownString(t.gitConfiguration.sourceActionName) : undefined)
                    .filter((n): n is string => !!n));
                for (const a of sourceActionsOf(pipeline).actions) {
                    const cfg = isPlainObject(a.action.configuration) ? a.action.configuration : {};
                    const provider = a.action.provider;
                    let off = false;
                    let setting = "";
                    if (equalsIgnoreCase(provider, "CodeStarSourceConnection")) {
                        off = configFlag(cfg.DetectChanges) === false && !triggeredActions.has(knownString(a.action.name) ?? "");
                        setting = "configuration.DetectChanges";
                    } else if (equalsIgnoreCase(provider, "CodeCommit") || equalsIgnoreCase(provider, "S3")) {
                        off = configFlag(cfg.PollForSourceChanges) === false;
                        setting = "configuration.PollForSourceChanges";
                    } else if (equalsIgnoreCase(provider, "ECR")) {
                        off = true;
                        setting = "an EventBridge rule (ECR sources have no polling)";
                    }
                    if (!off) continue;
                    c.report(pipeline, `Pipeline '${pipeline.name}' ${describeAction(a)} has change detection off and nothing in the stack starts the pipeline ` +
                        `(no EventBridge rule or schedule targets it${equalsIgnoreCase(provider, "CodeStarSourceConnection") ? ", no triggers entry for the action" : ""}): ` +
                        (setting.startsWith("configuration.")
                            ? `set ${a.label}.${setting} to "true"` + (equalsIgnoreCase(provider, "CodeStarSourceConnection") ? " or add a triggers entry" : " or add an EventBridge rule for the source")
                            : `add ${setting}`) + ", or exempt the pipeline if it is started by hand on purpose.");
                }
            }
        }
    },
});
