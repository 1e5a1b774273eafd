import { PackPolicy } from "../../lib/policy";
import ecsTaskDefinitionSecure from "./ecs-task-definition-secure";

// The ecs policies, one per file, in the pack's order.
export const ecsPolicies: PackPolicy[] = [
    ecsTaskDefinitionSecure,
];
