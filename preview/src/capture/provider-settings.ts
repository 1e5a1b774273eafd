// What a provider resource's inputs say that the engine's emulation of its Check needs (region,
// defaultTags), and what a child inherits from its parent's goal (source_eval.go:2004).
import { WireProperties, isUnknown, unwrapSecrets } from "../wire";
import { Goal } from "./goal";
import { containsUnknownDeep } from "./output-values";

export interface ProviderInfo {
    region: string;
    /** The provider's defaultTags; null when they are not known yet. */
    defaultTags?: Record<string, string> | null;
}

/** source_eval.go:2004 inheritFromParent: provider (same package, or any for a local component) and protect. */
export function inheritFromParent(child: Goal, parent: Goal): void {
    if (child.protect === undefined) child.protect = parent.protect;
    if (child.retainOnDelete === undefined) child.retainOnDelete = parent.retainOnDelete;
    if (!child.deletedWith) child.deletedWith = parent.deletedWith;
    if (!child.provider && parent.provider) {
        const parentType = parent.provider.split("::")[2] ?? "";
        const pkg = child.type.split(":")[0];
        if ((!child.remote && !child.custom) || parentType === `pulumi:providers:${pkg}`) {
            child.provider = parent.provider;
        }
    }
}

export function providerInfoOf(inputs: WireProperties, fallbackRegion: string): ProviderInfo {
    const plain = unwrapSecrets(inputs);
    const region = typeof plain.region === "string" && !isUnknown(plain.region) ? plain.region : fallbackRegion;
    return { region, defaultTags: parseDefaultTags(plain.defaultTags) };
}

/** A provider's defaultTags input: a JSON string on the wire (an object if a caller built it so). */
export function parseDefaultTags(v: unknown): Record<string, string> | null | undefined {
    if (isUnknown(v) || containsUnknownDeep(v)) return null;
    let parsed: any = v;
    if (typeof v === "string") {
        try {
            parsed = JSON.parse(v);
        } catch {
            return undefined;
        }
    }
    return parsed && typeof parsed === "object" && parsed.tags && typeof parsed.tags === "object" ? parsed.tags : undefined;
}
