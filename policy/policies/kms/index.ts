import { PackPolicy } from "../../lib/policy";
import kmsKeyRotationEnabled from "./kms-key-rotation-enabled";

// The kms policies, one per file, in the pack's order.
export const kmsPolicies: PackPolicy[] = [
    kmsKeyRotationEnabled,
];
