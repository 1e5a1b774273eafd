import { PackPolicy } from "../../lib/policy";
import codebuildPrivilegedMode from "./codebuild-privileged-mode";
import codebuildProjectKmsEncryption from "./codebuild-project-kms-encryption";
import codebuildProjectLogging from "./codebuild-project-logging";

// The codebuild policies, one per file, in the pack's order.
export const codebuildPolicies: PackPolicy[] = [
    codebuildProjectKmsEncryption,
    codebuildProjectLogging,
    codebuildPrivilegedMode,
];
