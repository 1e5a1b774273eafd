// The property encoding the Pulumi engine uses on the wire (google.protobuf.Struct values with
// special sentinel strings and signature-keyed objects). Values in this module are always in that
// encoding: unknowns are sentinel strings, secrets are signature objects.

export const specialSigKey = "4dabf18193072939515e22adb298388d";
export const secretSig = "1b47061264138c4ac30d75fd1eb44270";
export const assetSig = "c44067f5952c0a294b673a41bacd8c17";
export const archiveSig = "0def7320c3a5731c473e5ecbe6d01bc7";
export const resourceReferenceSig = "5cf8f73096256a8f31e491e813e4eb8e";
export const outputValueSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

export const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const unknownBoolean = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
export const unknownNumber = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
export const unknownArray = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
export const unknownObject = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";
export const unknownAsset = "030794c1-ac77-496b-92df-f27374a8bd58";
export const unknownArchive = "e48ece36-62e2-4504-bad9-02848725956a";

const unknownSentinels = new Set([
    unknownString, unknownBoolean, unknownNumber, unknownArray, unknownObject, unknownAsset, unknownArchive,
]);

export type WireValue = any;
export type WireProperties = Record<string, WireValue>;

/**
 * Sets an own property, whatever its name: a program's (or a state file's) key `__proto__` is data,
 * and plain assignment would replace the object's prototype instead.
 */
export function setOwn(o: Record<string, any>, k: string, v: unknown): void {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

export function isUnknown(v: unknown): boolean {
    return typeof v === "string" && unknownSentinels.has(v);
}

export function isSecret(v: unknown): v is { value: WireValue } {
    return isSigObject(v, secretSig);
}

export function makeSecret(value: WireValue): WireValue {
    return { [specialSigKey]: secretSig, value };
}

function isSigObject(v: unknown, sig: string): boolean {
    return typeof v === "object" && v !== null && !Array.isArray(v) && (v as any)[specialSigKey] === sig;
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(v: WireValue): boolean {
    if (isUnknown(v)) {
        return true;
    }
    if (Array.isArray(v)) {
        return v.some(containsUnknown);
    }
    if (typeof v === "object" && v !== null) {
        return Object.values(v).some(containsUnknown);
    }
    return false;
}

/**
 * Converts what a language SDK sends to the resource monitor into what the engine sends to an
 * analyzer: resource references become the referenced resource's id (or URN for components),
 * output values become their value (secret-wrapped if secret) or an unknown, and undefined values
 * are dropped (Struct.fromJavaScript rejects them).
 */
export function toEngineValue(v: WireValue): WireValue {
    if (v === undefined) {
        return undefined;
    }
    if (v === null || typeof v !== "object") {
        return v;
    }
    if (Array.isArray(v)) {
        return v.map(e => {
            const c = toEngineValue(e);
            return c === undefined ? null : c;
        });
    }
    const sig = v[specialSigKey];
    if (sig === resourceReferenceSig) {
        // pkg/resource/plugin/rpc.go:546-559: a reference becomes its resource's id when it has one (a
        // custom resource; an empty id is unknown), and its URN when it has none (a component).
        if (!("id" in v)) {
            return v.urn;
        }
        const id = typeof v.id === "string" ? v.id : (v.id && typeof v.id === "object" && v.id[specialSigKey] === outputValueSig ? v.id.value : undefined);
        return typeof id === "string" && id !== "" ? id : unknownString;
    }
    if (sig === outputValueSig) {
        if (!("value" in v) || v.value === undefined) {
            return unknownString;
        }
        const inner = toEngineValue(v.value);
        return v.secret ? makeSecret(inner) : inner;
    }
    if (sig === secretSig) {
        return makeSecret(toEngineValue(v.value));
    }
    if (sig === assetSig || sig === archiveSig) {
        return v;
    }
    const out: WireProperties = {};
    for (const [k, e] of Object.entries(v)) {
        const c = toEngineValue(e);
        if (c !== undefined) {
            setOwn(out, k, c);
        }
    }
    return out;
}

/** Removes the secret wrappers, for reports that must not treat the value as a secret any more. */
export function unwrapSecrets(v: WireValue): WireValue {
    if (isSecret(v)) {
        return unwrapSecrets(v.value);
    }
    if (Array.isArray(v)) {
        return v.map(unwrapSecrets);
    }
    if (typeof v === "object" && v !== null) {
        const out: WireProperties = {};
        for (const [k, e] of Object.entries(v)) {
            setOwn(out, k, unwrapSecrets(e));
        }
        return out;
    }
    return v;
}
