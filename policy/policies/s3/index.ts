import { PackPolicy } from "../../lib/policy";
import s3BucketAccessLogging from "./s3-bucket-access-logging";
import s3BucketKmsEncryption from "./s3-bucket-kms-encryption";
import s3BucketNoInlineConfiguration from "./s3-bucket-no-inline-configuration";
import s3BucketPublicAccessBlock from "./s3-bucket-public-access-block";
import s3BucketSingleConfiguration from "./s3-bucket-single-configuration";
import s3BucketSslRequestsOnly from "./s3-bucket-ssl-requests-only";
import s3BucketVersioningEnabled from "./s3-bucket-versioning-enabled";

// The s3 policies, one per file, in the pack's order.
export const s3Policies: PackPolicy[] = [
    s3BucketVersioningEnabled,
    s3BucketPublicAccessBlock,
    s3BucketKmsEncryption,
    s3BucketAccessLogging,
    s3BucketSslRequestsOnly,
    s3BucketNoInlineConfiguration,
    s3BucketSingleConfiguration,
];
