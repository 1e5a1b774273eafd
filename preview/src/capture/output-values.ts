// Values as the engine passes them between programs, providers and analyzers: output values with their
// dependencies (pkg/resource/deploy/source_eval.go), and the values of components' outputs.
import { CapturedResource } from "../model";
import { WireProperties, isUnknown, outputValueSig, secretSig, specialSigKey, unknownString, unwrapSecrets } from "../wire";
import { isChildRef, unknownInput } from "./components/model";
import { offlineAccountId, uuidFrom } from "./synth";

export function nonEmpty(pd: Record<string, string[]>): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(pd)) {
        if (v.length > 0) out[k] = [...v];
    }
    return out;
}

export function containsUnknownDeep(v: unknown): boolean {
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknownDeep);
    if (v && typeof v === "object") return Object.values(v).some(containsUnknownDeep);
    return false;
}

/** source_eval.go:3474 upgradeOutputValues: a property with dependencies becomes an output value carrying them. */
export function upgradeOutputValues(props: WireProperties, deps: Record<string, string[]>): WireProperties {
    const out: WireProperties = {};
    for (const [k, v] of Object.entries(props)) {
        const d = deps[k] ?? [];
        if (d.length === 0) {
            out[k] = v;
            continue;
        }
        if (v && typeof v === "object" && v[specialSigKey] === outputValueSig) {
            out[k] = { ...v, dependencies: [...new Set([...(v.dependencies ?? []), ...d])] };
        } else if (isUnknown(v)) {
            out[k] = { [specialSigKey]: outputValueSig, dependencies: d };
        } else if (v && typeof v === "object" && v[specialSigKey] === secretSig) {
            out[k] = { [specialSigKey]: outputValueSig, value: v.value, secret: true, dependencies: d };
        } else {
            out[k] = { [specialSigKey]: outputValueSig, value: v, dependencies: d };
        }
    }
    return out;
}

/** source_eval.go:3522 addOutputDependencies: the URNs that output values inside a value depend on. */
export function outputDependencies(v: unknown, into: Set<string> = new Set()): string[] {
    if (Array.isArray(v)) {
        v.forEach(e => outputDependencies(e, into));
    } else if (v && typeof v === "object") {
        if ((v as any)[specialSigKey] === outputValueSig) {
            for (const d of (v as any).dependencies ?? []) into.add(d);
            outputDependencies((v as any).value, into);
        } else {
            Object.values(v).forEach(e => outputDependencies(e, into));
        }
    }
    return [...into];
}

/** Inputs for a component model: plain values, secrets unwrapped, unknowns marked. */
export function modelInputs(inputs: WireProperties): Record<string, unknown> {
    const mark = (v: unknown): unknown => {
        if (isUnknown(v)) return unknownInput;
        if (Array.isArray(v)) return v.map(mark);
        if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, mark(e)]));
        return v;
    };
    return mark(unwrapSecrets(inputs)) as Record<string, unknown>;
}

/** A model's value in the wire encoding (it may hold unknownInput). */
export function toWire(v: unknown): unknown {
    if (v === unknownInput) return unknownString;
    if (Array.isArray(v)) return v.map(toWire);
    if (v && typeof v === "object" && !isChildRef(v)) {
        return Object.fromEntries(Object.entries(v).filter(([, e]) => e !== undefined).map(([k, e]) => [k, toWire(e)]));
    }
    return v;
}

/** An update-mode value for an output of an opaque component, from its name (ids, ARNs, lists of ids). */
export function syntheticComponentOutput(prop: string, r: CapturedResource, region: string): unknown {
    const seed = `${r.urn}#${prop}`;
    if (/Ids$/.test(prop)) {
        const kind = prop.replace(/Ids$/, "").replace(/^(public|private|isolated)/, "").replace(/^[A-Z]/, c => c.toLowerCase()) || "id";
        return [0, 1, 2].map(i => `${kind.toLowerCase()}-${uuidFrom(`${seed}${i}`).replace(/-/g, "").slice(0, 17)}`);
    }
    if (/Id$/.test(prop)) return `${prop.replace(/Id$/, "").toLowerCase()}-${uuidFrom(seed).replace(/-/g, "").slice(0, 17)}`;
    if (/Arn$/.test(prop) || prop === "arn") return `arn:aws:${r.type.split(":")[1] ?? "resource"}:${region}:${offlineAccountId}:${r.name}/${prop}`;
    if (/(Url|Endpoint|DnsName|Name)$/.test(prop)) return `${r.name}-${uuidFrom(seed).slice(0, 8)}`;
    return unknownString;
}
