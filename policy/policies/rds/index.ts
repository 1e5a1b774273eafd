import { PackPolicy } from "../../lib/policy";
import rdsAutoMinorVersionUpgrade from "./rds-auto-minor-version-upgrade";
import rdsBackupRetention from "./rds-backup-retention";
import rdsDeletionProtection from "./rds-deletion-protection";
import rdsNotPubliclyAccessible from "./rds-not-publicly-accessible";
import rdsStorageEncrypted from "./rds-storage-encrypted";

// The rds policies, one per file, in the pack's order.
export const rdsPolicies: PackPolicy[] = [
    rdsStorageEncrypted,
    rdsNotPubliclyAccessible,
    rdsDeletionProtection,
    rdsBackupRetention,
    rdsAutoMinorVersionUpgrade,
];
