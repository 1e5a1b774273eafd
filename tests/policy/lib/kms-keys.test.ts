// The one answer to "is this KMS key customer-managed?" (policy/lib/kms-keys.ts). Two versions disagreed:
// lib/s3.ts (`/(^|:)alias\/aws\//`, untrimmed, non-strings "no", unknowns by their origin) and
// lib/kms-key-references.ts (anchored alias ARN, trimmed, unknowns customer-managed). The cases marked
// "changed" are where the S3 policy's answer changed.
import * as assert from "assert";
import { KmsKeyReference, classifyKmsKey } from "../../../policy/lib/kms-keys";
import { unknownSentinels } from "../../../policy/lib/unknowns";

const u = unknownSentinels.string;
const key = { type: "aws:kms/key:Key" };
const alias = { type: "aws:kms/alias:Alias" };
const bucket = { type: "aws:s3/bucket:Bucket" };

describe("lib/kms-keys", () => {
    const cases: [string, unknown, readonly ({ type: string } | undefined)[] | undefined, KmsKeyReference][] = [
        ["unset", undefined, undefined, "absent"],
        ["null", null, undefined, "absent"],
        ["empty", "", undefined, "absent"],
        ["not a string (changed for S3: was an AWS-managed key)", 42, undefined, "absent"],
        ["a key ARN", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", undefined, "customer-managed"],
        ["a key id", "1234abcd-12ab-34cd-56ef-1234567890ab", undefined, "customer-managed"],
        ["a customer alias", "alias/pipeline-artifacts", undefined, "customer-managed"],
        ["a customer alias ARN", "arn:aws:kms:eu-west-1:111122223333:alias/pipeline", undefined, "customer-managed"],
        ["an AWS-managed alias", "alias/aws/s3", undefined, "aws-managed"],
        ["an AWS-managed alias ARN", "arn:aws:kms:eu-west-1:111122223333:alias/aws/sns", undefined, "aws-managed"],
        ["an AWS-managed alias ARN in another partition", "arn:aws-us-gov:kms:us-gov-west-1:1:alias/aws/ecr", undefined, "aws-managed"],
        ["an AWS-managed alias with spaces around it (changed for S3: was customer-managed)", " alias/aws/s3 ", undefined, "aws-managed"],
        ["a malformed reference that only contains the reserved prefix (changed for S3: was AWS-managed)", "xyz:alias/aws/s3", undefined, "customer-managed"],
        ["a reserved prefix in another case is another alias", "alias/AWS/s3", undefined, "customer-managed"],
        ["unknown, origin not visible (resource policies): the stack's own key", u, undefined, "customer-managed"],
        ["unknown, from a KMS key of the stack", u, [key], "customer-managed"],
        ["unknown, from a KMS alias of the stack", u, [bucket, alias], "customer-managed"],
        ["unknown, from something else", u, [bucket], "undecided"],
        ["unknown, from nothing seen", u, [], "undecided"],
        ["unknown, with odd dependency entries", u, [undefined], "undecided"],
    ];
    for (const [what, value, origin, expected] of cases) {
        it(`${what}: ${expected}`, () => assert.strictEqual(classifyKmsKey(value, origin), expected));
    }
});
