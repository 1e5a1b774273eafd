import type { ExternalKeyArgs, KeyArgs } from "@pulumi/aws/kms";
import { attributePolicy, attributeRule } from "../../lib/attribute-policy";
import { awsTypes } from "../../lib/aws-types";
import { shown } from "../../lib/messages";
import { ResourceCheck } from "../../lib/policy";
import { isUnknown } from "../../lib/unknowns";

type Args = KeyArgs & ExternalKeyArgs;
interface Config { maxRotationPeriodDays: number }

/** Only key-spec identifiers are quoted: a property value could be a secret. */
const identifier = (v: unknown) => (shown(v, /^[A-Z0-9_]{3,40}$/) !== undefined ? ` (${v})` : "");

/**
 * Why a key cannot rotate automatically (from known values), or nothing; an unknown key spec or usage
 * is recorded as undecided, since it may make the key one that cannot rotate.
 */
function cannotRotate(c: ResourceCheck<Config, Args>): string | undefined {
    if (c.type === awsTypes.kms.ExternalKey) {
        // Decided: not a finding of this control (AWS cannot rotate imported material), but the reason says what PCI DSS 3.7.4 still asks.
        return "keys with imported key material (EXTERNAL origin) cannot rotate automatically: PCI DSS 3.7.4 still requires rotating them manually " +
            "at the end of their cryptoperiod (create a new key with new material and move the alias to it)";
    }
    const specPath = c.props.keySpec !== undefined && c.props.keySpec !== null ? "keySpec" : "customerMasterKeySpec";
    const spec = c.props[specPath] ?? "SYMMETRIC_DEFAULT";
    const usage = c.props.keyUsage ?? "ENCRYPT_DECRYPT";
    if (typeof spec === "string" && !isUnknown(spec) && spec !== "SYMMETRIC_DEFAULT") {
        return spec.startsWith("HMAC")
            ? `HMAC keys${identifier(spec)} do not support automatic rotation`
            : `asymmetric keys${identifier(spec)} do not support automatic rotation`;
    }
    if (typeof usage === "string" && !isUnknown(usage) && usage !== "ENCRYPT_DECRYPT") {
        return `keys with usage${identifier(usage)} other than ENCRYPT_DECRYPT do not support automatic rotation`;
    }
    // The provider drops an empty string (and null): such a key is an ordinary key, which must rotate.
    const storeProps = (["customKeyStoreId", "xksKeyId"] as const).filter(p => isUnknown(c.props[p]) || (typeof c.props[p] === "string" && c.props[p] !== ""));
    if (storeProps.some(p => !isUnknown(c.props[p]))) {
        return "keys in a custom key store do not support automatic rotation";
    }
    storeProps.forEach(p => c.undecided([p]));
    if (isUnknown(spec)) c.undecided([specPath]);
    else if (isUnknown(usage)) c.undecided(["keyUsage"]);
    return undefined;
}

export default attributePolicy<Config, Args>({
    name: "kms-key-rotation-enabled",
    description: "Symmetric KMS keys rotate their key material automatically, at least yearly.",
    severity: "high",
    pci: "3.7.4",
    securityHub: ["KMS.4"],
    resourceTypes: [awsTypes.kms.Key, awsTypes.kms.ExternalKey],
    remediationSteps: "Set `enableKeyRotation: true` on the aws.kms.Key (and, if you set `rotationPeriodInDays`, keep it at or below the configured maximum, 365 by default).",
    config: {
        properties: {
            maxRotationPeriodDays: { type: "integer", minimum: 90, maximum: 2560, default: 365, description: "Longest rotation period allowed." },
        },
    },
    notApplicable: cannotRotate,
    path: "enableKeyRotation",
    absent: false,
    compliant: [true],
    message: c => `KMS key '${c.name}' does not rotate: set enableKeyRotation to true.`,
    fix: true,
    andThen: [attributeRule<Config, Args>({
        path: "rotationPeriodInDays",
        compliant: (days, c) => typeof days !== "number" || days <= c.config.maxRotationPeriodDays,
        echo: /^\d{1,6}$/,
        message: (c, v) => `KMS key '${c.name}' rotates every ${v.shown ?? "more than the allowed number of"} days: set rotationPeriodInDays to ${c.config.maxRotationPeriodDays} or less.`,
    })],
});
