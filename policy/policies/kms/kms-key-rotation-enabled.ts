import { resourcePolicy } from "../../lib/policy";
import { deferUnknown, isUnknown } from "../../lib/unknowns";

const keyType = "aws:kms/key:Key";
const externalKeyType = "aws:kms/externalKey:ExternalKey";

/** Why a key cannot have automatic rotation, or undefined when it can. */
function cannotRotate(type: string, props: Record<string, any>): string | undefined {
    if (type === externalKeyType) {
        return "keys with imported key material (EXTERNAL origin) cannot rotate automatically; rotate them by re-importing material";
    }
    const spec = props.keySpec ?? props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    const usage = props.keyUsage ?? "ENCRYPT_DECRYPT";
    // Only echo values that are key-spec identifiers: a property value could be a secret.
    const shown = (v: string) => /^[A-Z0-9_]{3,40}$/.test(v) ? ` (${v})` : "";
    if (typeof spec === "string" && !isUnknown(spec) && spec !== "SYMMETRIC_DEFAULT") {
        return spec.startsWith("HMAC")
            ? `HMAC keys${shown(spec)} do not support automatic rotation`
            : `asymmetric keys${shown(spec)} do not support automatic rotation`;
    }
    if (typeof usage === "string" && !isUnknown(usage) && usage !== "ENCRYPT_DECRYPT") {
        return `keys with usage${shown(usage)} other than ENCRYPT_DECRYPT do not support automatic rotation`;
    }
    if (props.customKeyStoreId !== undefined || props.xksKeyId !== undefined) {
        return "keys in a custom key store do not support automatic rotation";
    }
    return undefined;
}

export default resourcePolicy<{ maxRotationPeriodDays: number }>({
    name: "kms-key-rotation-enabled",
    description: "Symmetric KMS keys rotate their key material automatically, at least yearly.",
    severity: "high",
    pci: "3.7.4",
    resourceTypes: [keyType, externalKeyType],
    remediationSteps: "Set `enableKeyRotation: true` on the aws.kms.Key (and, if you set `rotationPeriodInDays`, keep it at or below the configured maximum, 365 by default).",
    config: {
        properties: {
            maxRotationPeriodDays: { type: "integer", minimum: 90, maximum: 2560, default: 365, description: "Longest rotation period allowed." },
        },
    },
    validate: c => {
        const reason = cannotRotate(c.type, c.props);
        if (reason) {
            c.notApplicable(reason);
        }
        const spec = c.props.keySpec ?? c.props.customerMasterKeySpec;
        if (isUnknown(spec) || isUnknown(c.props.keyUsage)) {
            deferUnknown(c.proxied, [isUnknown(spec) ? (c.props.keySpec !== undefined ? "keySpec" : "customerMasterKeySpec") : "keyUsage"]);
        }
        const rotation = c.props.enableKeyRotation;
        if (isUnknown(rotation)) {
            deferUnknown(c.proxied, ["enableKeyRotation"]);
        }
        if (rotation !== true) {
            c.report(`KMS key '${c.name}' does not rotate: set enableKeyRotation to true.`);
            return;
        }
        const period = c.props.rotationPeriodInDays;
        if (isUnknown(period)) {
            deferUnknown(c.proxied, ["rotationPeriodInDays"]);
        }
        if (typeof period === "number" && period > c.config.maxRotationPeriodDays) {
            c.report(`KMS key '${c.name}' rotates every ${period} days: set rotationPeriodInDays to ${c.config.maxRotationPeriodDays} or less.`);
        }
    },
    remediate: c => {
        if (c.type !== keyType || cannotRotate(c.type, c.props) || c.props.enableKeyRotation === true) {
            return undefined;
        }
        c.proxied.enableKeyRotation = true;
        return c.proxied;
    },
});
