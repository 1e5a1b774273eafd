// The one place the pack reads an unknown value through the SDK's proxy. Reading an unknown through
// `unknownCheckingProxy` throws the SDK's UnknownValueError, which the SDK reports as its standard
// advisory "can't run policy '<name>' from policy pack ... during preview: <kind> value at .<label>
// can't be known during preview". The wrapper (lib/policy.ts) calls this after `validate` has returned,
// so every decidable finding is out first, and only when its rule says so (docs/writing-a-policy.md).
import { unknownCheckingProxy } from "@pulumi/policy";
import { unknownSentinels } from "./unknowns";

/** How many undecided places an advisory names before "and N more". */
const named = 5;

/**
 * The advisory's label for several places: property paths as `a.b, .c.0` (the SDK writes the first `.`
 * itself), or a stack policy's descriptions joined by "; ".
 */
export function undecidedLabel(labels: string[], separator: ", ." | "; "): string {
    const unique = [...new Set(labels)];
    const head = unique.slice(0, named);
    return head.join(separator) + (unique.length > named ? ` and ${unique.length - named} more` : "");
}

/** Throws the SDK's UnknownValueError for these places (the sentinel says which kind of value it was). */
export function handOverToPreviewAdvisory(label: string, sentinel: string = unknownSentinels.string): never {
    void (unknownCheckingProxy({ [label]: sentinel }) as any)[label];
    // Not reached: the proxy throws on the unknown. Should the SDK ever stop throwing, fail loudly.
    throw new Error(`the SDK did not report the undecided value at ${label}`);
}
