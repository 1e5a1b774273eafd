// The engine's view of a policy pack: what GetAnalyzerInfo describes and what Analyze returns, in the
// shapes the preview's reports use (pkg/resource/plugin/analyzer_plugin.go converts the same messages).
import { WireProperties } from "../wire";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
export type Severity = "" | "low" | "medium" | "high" | "critical";

export const levelNames: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
export const severityNames: Severity[] = ["", "low", "medium", "high", "critical"];

export function levelToProto(l: EnforcementLevel): number {
    return levelNames.indexOf(l);
}

export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    type: "resource" | "stack" | "unknown";
    remediationSteps: string;
    url: string;
    tags: string[];
    framework?: { name: string; version: string; reference: string; specification: string };
    configSchema?: { properties: Record<string, any>; required: string[] };
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    displayName: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Record<string, { enforcementLevel?: EnforcementLevel; properties: Record<string, any> }>;
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    severity: Severity;
}

export interface NotApplicable {
    policyName: string;
    reason: string;
}

export interface Remediation {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    properties?: WireProperties;
    diagnostic: string;
}

export interface StackContext {
    /** False for `pulumi policy analyze`, which starts packs without ConfigureStack. */
    configureStack?: boolean;
    project: string;
    stack: string;
    organization: string;
    dryRun: boolean;
    config: Record<string, string>;
    secretKeys: string[];
    tags?: Record<string, string>;
}

