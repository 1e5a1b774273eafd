import { PackPolicy } from "../../lib/policy";
import noPlaintextCredentials from "./no-plaintext-credentials";
import requiredTags from "./required-tags";

// Policies whose resources span services, one per file (the pack places them among the others, see ../index.ts).
export const crossServicePolicies: PackPolicy[] = [
    noPlaintextCredentials,
    requiredTags,
];

export { noPlaintextCredentials, requiredTags };
