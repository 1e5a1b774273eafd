// The rule behind kmsKeyPolicy (lib/attribute-policy.ts): properties that must name a KMS key, by
// default a customer-managed one. Key references are classified by lib/kms-keys.ts.
import type { Rule, Verdict } from "./attribute-policy";
import { classifyKmsKey } from "./kms-keys";
import { ResourceCheck } from "./policy";
import { AnyArgs, PropPath, leavesAt, propertyName } from "./property-paths";

export interface KmsKeyRuleSpec<C, A> {
    /** The property (or properties) holding the key reference; `a[].b` checks every entry of a list. */
    key: PropPath<A> | PropPath<A>[];
    /** What the key encrypts, for messages: "SNS topic", "Secrets Manager secret". */
    what: string;
    /** The AWS-managed key the service uses when the property is unset; omit when unset means unencrypted. */
    defaultKey?: string;
    /** The service's AWS-managed key alias, named in messages when the property names exactly it (default: defaultKey). */
    awsManagedKey?: string;
    /** Whether an AWS-managed key is a finding (default); false requires only that some key is set. */
    customerManaged?: boolean;
    /** The rule applies only when this holds (e.g. a configuration switch). */
    when?(c: ResourceCheck<C, A>): boolean;
}

const aliasOf = (value: string) => value.trim().replace(/^arn:aws[a-z-]*:kms:[^:]*:[^:]*:/, "");

export function kmsKeyRule<C = {}, A = AnyArgs>(spec: KmsKeyRuleSpec<C, A>): Rule<C, A> {
    const keys = (Array.isArray(spec.key) ? spec.key : [spec.key]) as string[];
    const awsManagedKey = spec.awsManagedKey ?? spec.defaultKey;
    return {
        judge: c => {
            if (spec.when && !spec.when(c)) return "pass";
            let verdict: Verdict = "pass";
            for (const key of keys) {
                for (const leaf of leavesAt(c.props, key)) {
                    const where = propertyName(leaf.path);
                    if (!leaf.reached) {
                        // The list or object holding the key is not known yet: it may hold any key, or none.
                        c.undecided(leaf.path);
                        if (verdict === "pass") verdict = "undecided";
                        continue;
                    }
                    const kind = classifyKmsKey(leaf.value);
                    if (kind === "absent") {
                        const uses = spec.defaultKey ? `, so it is encrypted with the AWS-managed ${spec.defaultKey} key` : ", so it is not encrypted with a KMS key";
                        c.report(`${spec.what} '${c.name}' has no ${where}${uses}: set ${where} to a customer-managed KMS key.`);
                        verdict = "fail";
                    } else if (kind === "aws-managed" && spec.customerManaged !== false) {
                        // Quote the alias only when it is exactly the service's own: any other value could be a secret.
                        const alias = typeof leaf.value === "string" && awsManagedKey !== undefined && aliasOf(leaf.value) === awsManagedKey ? awsManagedKey : "alias/aws/...";
                        c.report(`${spec.what} '${c.name}' ${where} is an AWS-managed key alias (${alias}): set ${where} to a customer-managed KMS key.`);
                        verdict = "fail";
                    }
                    // "customer-managed" passes; an unknown key reference is taken as the stack's own key (lib/kms-keys.ts).
                }
            }
            return verdict;
        },
    };
}
