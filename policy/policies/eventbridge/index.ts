import { PackPolicy } from "../../lib/policy";
import eventbridgePipelineTriggerMatchesSource from "./eventbridge-pipeline-trigger-matches-source";

// The eventbridge policies, one per file, in the pack's order.
export const eventbridgePolicies: PackPolicy[] = [
    eventbridgePipelineTriggerMatchesSource,
];
