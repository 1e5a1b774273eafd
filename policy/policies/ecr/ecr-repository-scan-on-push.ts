// Scan on push can be set on the repository (imageScanningConfiguration.scanOnPush) or, for the whole
// registry of a region, by an aws.ecr.RegistryScanningConfiguration whose rules scan on push (BASIC or
// ENHANCED) or continuously (ENHANCED, which also scans every pushed image) with a repository filter
// that matches the repository's name. AWS recommends the registry-level setting, so it counts.
//
// Seeing the registry setting needs the whole stack, and a remediation needs the single resource, so
// this policy has both halves: the resource half (Analyze) records a scanOnPush that is unknown at
// preview as undecided and remediates; the stack half (AnalyzeStack) decides coverage.
import type { RepositoryArgs } from "@pulumi/aws/ecr";
import { PolicyResource } from "@pulumi/policy";
import { awsTypes } from "../../lib/aws-types";
import { globMatches } from "../../lib/glob";
import { PolicyMetadata, stackPolicy } from "../../lib/policy";
import { valueAt } from "../../lib/property-paths";
import { asList, at, isPlainObject, isUnknown, knownString, raw } from "../../lib/unknowns";

const repositoryType = awsTypes.ecr.Repository;
const registryScanningType = awsTypes.ecr.RegistryScanningConfiguration;

const metadata: PolicyMetadata = {
    name: "ecr-repository-scan-on-push",
    description: "Images pushed to ECR repositories are scanned for vulnerabilities on push, by the repository's setting or by a registry scanning rule that covers it.",
    severity: "high",
    pci: "11.3.1, 6.3.3",
    securityHub: ["ECR.1"],
    resourceTypes: [repositoryType, registryScanningType],
    remediationSteps: "Set `imageScanningConfiguration: { scanOnPush: true }` on the aws.ecr.Repository, or create an aws.ecr.RegistryScanningConfiguration " +
        "with a rule `scanFrequency: \"SCAN_ON_PUSH\"` (or `CONTINUOUS_SCAN` with `scanType: \"ENHANCED\"`) whose repositoryFilters match the repository.",
};

/** ECR's WILDCARD filter: with `*`, a whole-name match where `*` is any run of characters; without, "contains". */
export function registryFilterMatches(filter: string, repositoryName: string): boolean {
    return filter.includes("*") ? globMatches(filter, repositoryName) : repositoryName.includes(filter);
}

function regionOf(r: PolicyResource): string | undefined {
    return knownString(raw(r.props)?.region) ?? knownString(raw(r.provider?.props)?.region);
}

interface ScanRule { region?: string; filters: string[]; matchesAnything: boolean }

/** The repository filters of a registry configuration's rules that scan on push; nothing if unknown. */
function scanOnPushRules(r: PolicyResource): ScanRule[] {
    const props = raw(r.props) ?? {};
    const scanType = props.scanType;
    const out: ScanRule[] = [];
    for (const rule of asList(props.rules)) {
        if (!isPlainObject(rule)) continue;
        const freq = rule.scanFrequency;
        const scansOnPush = freq === "SCAN_ON_PUSH" || (freq === "CONTINUOUS_SCAN" && scanType === "ENHANCED");
        if (!scansOnPush) continue;
        const filters: string[] = [];
        let matchesAnything = false;
        for (const f of asList(rule.repositoryFilters)) {
            const filter = at(f, "filter");
            if (isUnknown(filter)) matchesAnything = true; // cannot tell: do not blame the repository
            else if (typeof filter === "string") filters.push(filter);
        }
        if (isUnknown(rule.repositoryFilters)) matchesAnything = true;
        out.push({ region: regionOf(r), filters, matchesAnything });
    }
    return out;
}

const scanOnPush = "imageScanningConfiguration.scanOnPush" as const;

export default stackPolicy<{}, RepositoryArgs>({
    ...metadata,
    validateResource: c => {
        if (c.type !== repositoryType) return;
        const setting = valueAt(c.props, scanOnPush);
        if (isUnknown(setting.value)) c.undecided(setting.path);
        // A known setting is judged by validateStack, which also sees registry scanning rules.
    },
    remediate: c => {
        if (c.type !== repositoryType) return undefined;
        const setting = valueAt(c.props, scanOnPush).value;
        return setting === true || isUnknown(setting) ? undefined : { [scanOnPush]: true };
    },
    validateStack: c => {
        const rules: ScanRule[] = [];
        const repositories: PolicyResource[] = [];
        for (const r of c.resources) {
            if (r.type === registryScanningType) rules.push(...scanOnPushRules(r));
            else if (r.type === repositoryType) repositories.push(r);
        }
        for (const repo of repositories) {
            const props = raw(repo.props) ?? {};
            const scan = props.imageScanningConfiguration;
            const onPush = at(scan, "scanOnPush");
            if (onPush === true || isUnknown(scan) || isUnknown(onPush)) continue; // unknown: deferred by validateResource
            const name = knownString(props.name);
            const region = regionOf(repo);
            const covered = rules.some(rule =>
                (rule.region === undefined || region === undefined || rule.region === region) &&
                (rule.matchesAnything || name === undefined || rule.filters.some(f => registryFilterMatches(f, name))));
            if (!covered) {
                c.report(repo, `ECR repository '${repo.name}' does not scan images on push: set imageScanningConfiguration.scanOnPush to true ` +
                    "(or add a RegistryScanningConfiguration rule that scans on push with a repositoryFilters entry matching this repository).");
            }
        }
    },
});
