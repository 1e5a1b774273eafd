import { ActionInfo, actionConditionKeys, arnFormatsOf, authorizationDataDate, expandAction, matchesEveryResourceOfAType } from "../../lib/iam-authorization";
import { typeName } from "../../lib/aws-types";
import { StatementVerdict, identityDocuments, identityPolicyResourceTypes, reportWalk, walkDocuments } from "../../lib/iam-documents";
import { actionPatternMatches, matchesAllResources, resourcePatternsOverlap } from "../../lib/iam-patterns";
import { shown } from "../../lib/messages";
import { resourcePolicy } from "../../lib/policy";
import { conditionClauses, wildcardOnly } from "../../lib/iam-conditions";
import { configuredStrings, stringListSetting } from "../../lib/policy-config";
import { DocumentValue, PolicyStatement, describeStatement, firstUnknown } from "../../lib/policy-documents";

const policyName = "iam-no-wildcard-resource";

/** How many action names a message lists before "+N more". */
const listedActions = 5;

function isAllowed(action: string, allowed: string[]): boolean {
    return allowed.some(p => typeof p === "string" && actionPatternMatches(p.trim(), action));
}

interface BroadResource {
    /** "all" for "*" / NotResource, otherwise the ARN that names every resource of a type. */
    breadth: "all" | "every-of-type";
    arn?: string;
    label: string;
}

/** Resource entries of an Allow statement that cover every resource (or every resource of a type). */
function broadResources(s: PolicyStatement): BroadResource[] {
    const out: BroadResource[] = [];
    if (s.notResource !== undefined) {
        out.push({ breadth: "all", label: "NotResource (everything except the resources it lists)" });
    }
    (s.resource ?? []).forEach((r: DocumentValue, i) => {
        // An entry not known at preview is another resource's ARN: it names that resource, not every resource.
        if (r.unknown || r.value === undefined) return;
        if (matchesAllResources(r.value)) out.push({ breadth: "all", label: `Resource "*"` });
        else if (matchesEveryResourceOfAType(r.value)) out.push({ breadth: "every-of-type", arn: r.value.trim(), label: `Resource entry ${i} (an ARN that matches every resource of its type)` });
    });
    return out;
}

/**
 * ABAC: the statement's Condition restricts `aws:ResourceTag/<key>` (or `<service>:ResourceTag/<key>`)
 * with a positive string operator and values that are not wildcards only. An action whose data lists that
 * condition key is then granted only on the resources carrying the tag: Resource "*" is how ABAC is
 * written, not a wildcard grant. `aws:RequestTag` does not count: it constrains the tags a request sets,
 * not which existing resources the action reaches. `IfExists`/`ForAllValues:` forms do not count either
 * (true for a resource without the tag).
 */
function resourceTagKeys(s: PolicyStatement): string[] {
    return conditionClauses(s.condition)
        .filter(c => c.operator.matchesStrings && !c.operator.ifExists && c.operator.qualifier !== "ForAllValues" && !c.unknown &&
            /^[a-z0-9-]+:resourcetag\/./i.test(c.key) && c.values.length > 0 && c.values.every(v => !(c.operator.like && wildcardOnly(v!))))
        .map(c => c.key.toLowerCase().replace(/\/.*$/, "/${tagkey}"));
}

/** Does this action, which supports resource-level permissions, fall under the broad resource? */
function coveredBy(action: ActionInfo, broad: BroadResource): boolean {
    if (broad.breadth === "all") return true;
    return arnFormatsOf(action).some(f => resourcePatternsOverlap(broad.arn!, f));
}

/**
 * The actions of an Allow statement that support resource-level permissions but are granted on every
 * resource. Exported for tests and benchmarks; `allowed` is the config's allowedWildcardActions.
 */
export function wildcardResourceGrants(s: PolicyStatement, allowed: string[]): { actions: string[]; broad: BroadResource[]; undecidedAt?: (string | number)[] } {
    const broad = broadResources(s);
    if (broad.length === 0) return { actions: [], broad };
    const everything = allowed.some(a => typeof a === "string" && /^\*+$/.test(a.trim()));
    const names = new Set<string>();
    if (s.notAction !== undefined && !everything) {
        // Allow + NotAction grants every other action of every service: certainly some with resource types.
        names.add("every action except those in NotAction");
    }
    const tagKeys = resourceTagKeys(s);
    for (const [i, a] of (s.action ?? []).entries()) {
        if (a.unknown || a.value === undefined) continue;
        const exp = expandAction(a.value);
        if (exp.kind === "all-services") {
            if (!everything) names.add(`Action entry ${i} (every action of every service)`);
        } else if (exp.kind === "actions" && exp.actions.length === 0 && !/[*?]/.test(a.value)) {
            // An action the installed data does not know (AWS added it later, or a typo that
            // iam-action-resource-mismatch reports): judged as one with resource types, never as wildcard-only.
            if (!isAllowed(a.value.trim(), allowed)) names.add(unknownActionLabel(a.value, i));
        } else if (exp.kind === "actions") {
            for (const action of exp.actions) {
                // No resource type, or one optional one (a request may name none): the action needs Resource "*".
                if (action.resourceTypes.length === 0 || action.singleOptionalType) continue;
                if (tagKeys.length > 0 && tagKeys.some(k => actionConditionKeys(action).has(k))) continue;
                if (isAllowed(action.name, allowed)) continue;
                if (broad.some(b => coveredBy(action, b))) names.add(action.name);
            }
        }
        // Unknown service prefixes and malformed actions grant nothing: iam-action-resource-mismatch reports them.
    }
    const unknownAction = firstUnknown(s.action);
    return { actions: [...names], broad, undecidedAt: names.size === 0 && unknownAction ? unknownAction.path : undefined };
}

function unknownActionLabel(value: string, i: number): string {
    const name = shown(value.trim(), /^[A-Za-z0-9-]{1,64}:[A-Za-z0-9]{1,128}$/) ?? `Action entry ${i}`;
    return `${name} (unknown to the IAM authorization data of ${authorizationDataDate()}, so judged as supporting resource-level permissions)`;
}

function listNames(names: string[]): string {
    const shown = names.slice(0, listedActions).join(", ");
    return names.length > listedActions ? `${shown} and ${names.length - listedActions} more` : shown;
}

export default resourcePolicy<{ allowedWildcardActions: string[] }>({
    name: policyName,
    description: "IAM identity policies grant actions that support resource-level permissions only on named resources, never on Resource \"*\" (or NotResource, or an ARN matching every resource of a type).",
    severity: "high",
    pci: "7.2.1, 7.2.2",
    resourceTypes: identityPolicyResourceTypes,
    remediationSteps: "In the statement named by the finding, replace Resource \"*\" (or the all-matching ARN, or NotResource) with the ARNs of the " +
        "resources the listed actions need (e.g. the pipeline's artifact bucket `arn:aws:s3:::bucket/*`, the repository ARN). Actions that " +
        "AWS authorizes only on \"*\" (e.g. ecr:GetAuthorizationToken, sts:GetCallerIdentity) may stay in a separate statement with Resource \"*\". " +
        "If an action must apply to every resource, list it in this policy's `allowedWildcardActions` config.",
    config: {
        properties: {
            allowedWildcardActions: stringListSetting("Actions (IAM patterns such as `ec2:Describe*`, case-insensitive) allowed on every resource although they support resource-level permissions.", []),
        },
    },
    validate: c => {
        const allowed = configuredStrings(c.config.allowedWildcardActions);
        const what = `${typeName(c.type)} '${c.name}'`;
        const walk = walkDocuments(identityDocuments(c.type, c.props), (doc, s): StatementVerdict | void => {
            if (s.effect === "Deny") return;
            const grants = wildcardResourceGrants(s, allowed);
            if (grants.actions.length === 0) return { undecidedAt: grants.undecidedAt };
            if (s.effect === "unknown") return { undecidedAt: [...s.path, "Effect"] };
            const where = grants.broad.map(b => b.label).join(" and ");
            return {
                findings: [`${what}: ${doc.property} ${describeStatement(s)} allows ${listNames(grants.actions)} on ${where}, although ` +
                    `these actions support resource-level permissions. Set the statement's Resource to the ARNs these actions need ` +
                    `(keep actions AWS authorizes only on "*" in a separate statement), or add the action to allowedWildcardActions.`],
            };
        });
        reportWalk(c, walk);
    },
});
