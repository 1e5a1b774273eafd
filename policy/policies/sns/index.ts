import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import snsTopicKmsEncryption from "./sns-topic-kms-encryption";

// Policies for sns, one per file, assembled here.
export const snsPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [snsTopicKmsEncryption];
