import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import codebuildPrivilegedMode from "./codebuild-privileged-mode";
import codebuildProjectKmsEncryption from "./codebuild-project-kms-encryption";
import codebuildProjectLogging from "./codebuild-project-logging";
// Policies for codebuild, one per file, assembled here.
export const codebuildPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    codebuildProjectKmsEncryption,
    codebuildProjectLogging,
    codebuildPrivilegedMode,
];
