import { PackPolicy } from "../../lib/policy";
import dynamodbTablePitrEnabled from "./dynamodb-table-pitr-enabled";

// The dynamodb policies, one per file, in the pack's order.
export const dynamodbPolicies: PackPolicy[] = [
    dynamodbTablePitrEnabled,
];
