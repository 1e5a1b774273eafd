import * as yaml from "js-yaml";
import { Answer, Inputs, str } from "./context";

/**
 * `kubernetes:yaml:decode`, which the Kubernetes SDK's yaml.ConfigFile/ConfigGroup call to split a
 * manifest into objects before registering each one. Decoding is local in the real provider too, so
 * the answer is the real one; without it those components would register nothing.
 */
function decode(i: Inputs) {
    const text = str(i.text) ?? "";
    try {
        return { result: yaml.loadAll(text).filter(d => d !== null && typeof d === "object") };
    } catch {
        // The provider fails on invalid YAML; an empty list lets the preview go on with the rest of the program.
        return { result: [] };
    }
}

export const kubernetesAnswers: Record<string, Answer> = {
    "kubernetes:yaml:decode": decode,
};
