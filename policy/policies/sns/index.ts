import { PackPolicy } from "../../lib/policy";
import snsTopicKmsEncryption from "./sns-topic-kms-encryption";

// The sns policies, one per file, in the pack's order.
export const snsPolicies: PackPolicy[] = [
    snsTopicKmsEncryption,
];
