import { CapturedResource } from "../model";
import { WireValue, isSecret, isUnknown } from "../wire";

/**
 * What the CLI masks in everything it prints (sdk/go/common/util/logging/log.go:448 replacements): a
 * secret of 3 or more characters, except `true` and `false`, and its JSON-escaped form, replaced by
 * `[secret]`. Nothing else is touched: enum words, property names, resource names and policy text
 * that happen to sit inside a secret output stay as they are.
 */
export class SecretFilter {
    private readonly pairs: [string, string][] = [];
    /** How many replacements were made, for the report's warning. */
    replaced = 0;

    constructor(secrets: Iterable<string>) {
        const seen = new Set<string>();
        for (const s of secrets) {
            if (s.length < 3 || /^(true|false)$/i.test(s) || seen.has(s)) continue;
            seen.add(s);
            this.pairs.push([s, "[secret]"]);
            const escaped = JSON.stringify(s).slice(1, -1);
            if (escaped !== s) this.pairs.push([escaped, "[secret]"]);
        }
        // Longest first, so a secret that contains another is masked whole.
        this.pairs.sort((a, b) => b[0].length - a[0].length);
    }

    get empty(): boolean {
        return this.pairs.length === 0;
    }

    apply(text: string): string {
        let out = text;
        for (const [secret, mask] of this.pairs) {
            if (out.includes(secret)) {
                const parts = out.split(secret);
                this.replaced += parts.length - 1;
                out = parts.join(mask);
            }
        }
        return out;
    }
}

/**
 * The secret values of a run: the stack's secret config (`--secret`, `secure:` values) and every value
 * the program made secret as a whole (a secret string or number, such as `config.requireSecret` or
 * `pulumi.secret("...")` gives). A secret that wraps an object or list is the SDK marking everything
 * derived from one secret; its other members are not secrets, and masking them would corrupt messages.
 */
export function secretValues(config: { values: Record<string, string>; secretKeys: string[] }, resources: CapturedResource[]): string[] {
    const out = new Set<string>();
    for (const k of config.secretKeys) {
        const v = config.values[k];
        if (typeof v === "string") out.add(v);
    }
    const visit = (x: WireValue): void => {
        if (isSecret(x)) {
            const v = x.value;
            if ((typeof v === "string" && !isUnknown(v)) || typeof v === "number") out.add(String(v));
            else visit(v);
        } else if (Array.isArray(x)) {
            x.forEach(visit);
        } else if (x && typeof x === "object") {
            Object.values(x).forEach(visit);
        }
    };
    for (const r of resources) {
        visit(r.inputs);
        visit(r.outputs);
    }
    return [...out];
}
