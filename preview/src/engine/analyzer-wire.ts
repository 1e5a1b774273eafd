// Conversion between captured resources and the analyzer protocol's messages, as the engine builds them
// (pkg/resource/deploy/step_generator.go, pkg/resource/plugin/analyzer_plugin.go).
import * as path from "path";
import { CapturedResource } from "../model";
import { WireProperties } from "../wire";
import { Diagnostic, NotApplicable, levelNames, severityNames } from "./pack-types";

// google-protobuf must be the copy @pulumi/pulumi uses: its serializers check `instanceof`.
// eslint-disable-next-line @typescript-eslint/no-var-requires
export const analyzerproto = require("@pulumi/pulumi/proto/analyzer_pb");
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
export const structproto = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }));

export function structFrom(props: WireProperties): any {
    return structproto.Struct.fromJavaScript(props);
}

export function optionsProto(r: CapturedResource): any {
    const o = new analyzerproto.AnalyzerResourceOptions();
    o.setProtect(r.options.protect);
    o.setIgnorechangesList(r.options.ignoreChanges);
    o.setAliasesList(r.options.aliases);
    o.setAdditionalsecretoutputsList(r.options.additionalSecretOutputs);
    if (r.options.deleteBeforeReplace !== undefined) {
        o.setDeletebeforereplacedefined(true);
        o.setDeletebeforereplace(r.options.deleteBeforeReplace);
    }
    if (r.options.parent) {
        o.setParent(r.options.parent);
    }
    const t = r.options.customTimeouts;
    if (t.create || t.update || t.delete) {
        const ct = new analyzerproto.AnalyzerResourceOptions.CustomTimeouts();
        ct.setCreate(t.create);
        ct.setUpdate(t.update);
        ct.setDelete(t.delete);
        o.setCustomtimeouts(ct);
    }
    return o;
}

/**
 * Top-level keys starting with `__` (a provider's bookkeeping, such as `__defaults`) are not sent to
 * Analyze or AnalyzeStack (pkg/resource/plugin/analyzer_plugin.go); Remediate gets them.
 */
export function withoutInternalKeys(props: WireProperties): WireProperties {
    let out: WireProperties | undefined;
    for (const k of Object.keys(props)) {
        if (k.startsWith("__")) {
            out ??= { ...props };
            delete out[k];
        }
    }
    return out ?? props;
}

export function providerProto(r: CapturedResource, lookup: (urn: string) => CapturedResource | undefined): any {
    if (!r.provider) {
        return undefined;
    }
    const p = lookup(r.provider);
    const pr = new analyzerproto.AnalyzerProviderResource();
    const parts = r.provider.split("::");
    pr.setUrn(r.provider);
    pr.setType(p?.type ?? parts[2] ?? "");
    pr.setName(p?.name ?? parts[3] ?? "");
    // step_generator.go:1429 and 3572: the provider's inputs, in Analyze and in AnalyzeStack alike.
    pr.setProperties(structFrom(p ? withoutInternalKeys(p.inputs) : {}));
    return pr;
}

export function diagnosticsOf(resp: any, defaultUrn: string, versionOverride: string | undefined): Diagnostic[] {
    return resp.getDiagnosticsList().map((d: any) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: versionOverride ?? d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        enforcementLevel: levelNames[d.getEnforcementlevel()] ?? "advisory",
        urn: d.getUrn() || defaultUrn,
        severity: severityNames[d.getSeverity?.() ?? 0] ?? "",
    }));
}

export function notApplicableOf(resp: any): NotApplicable[] {
    return (resp.getNotApplicableList?.() ?? []).map((n: any) => ({ policyName: n.getPolicyName(), reason: n.getReason() }));
}

