// IAM's Resource and Action patterns (policy/lib/iam-patterns.ts).
import * as assert from "assert";
import { actionPatternMatches, matchesAllResources, resourceMatches, resourcePatternsOverlap } from "../../../policy/lib/iam-patterns";

describe("lib/iam-patterns", () => {
    const overlaps: [string, string, boolean][] = [
        ["arn:aws:s3:::bucket/*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true],
        ["arn:aws:s3:::bucket", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", false],
        ["arn:aws:s3:::bucket*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true],
        ["arn:aws:ecr:eu-west-?:123456789012:repository/app", "arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}", true],
        ["arn:aws:ecr:eu-west-1:123456789012:repository/app", "arn:${Partition}:codebuild:${Region}:${Account}:project/${ProjectName}", false],
        ["arn:aws:s3:::home/${aws:username}/*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true],
        ["arn:aws:s3:::a${*}b", "arn:${Partition}:s3:::${BucketName}", true],
    ];
    for (const [resource, format, expected] of overlaps) {
        it(`${resource} ${expected ? "overlaps" : "does not overlap"} ${format}`, () => assert.strictEqual(resourcePatternsOverlap(resource, format), expected));
    }

    it("decides the overlap of a Resource of thousands of stars without overflowing the stack", () => {
        const stars = "arn:aws:s3:::" + "*".repeat(9000);
        assert.strictEqual(resourcePatternsOverlap(stars, "arn:${Partition}:s3:::${BucketName}/${ObjectName}"), true);
        assert.strictEqual(resourcePatternsOverlap(stars + "x", "arn:${Partition}:s3:::${BucketName}"), true);
        assert.strictEqual(resourcePatternsOverlap("arn:aws:ecr:" + "*?".repeat(5000) + "q", "arn:${Partition}:s3:::${BucketName}z"), false);
    });

    const all: [string, boolean][] = [
        ["*", true], ["**", true], ["arn:*:*:*:*:*", true], ["arn:aws:*", true], ["arn:*", true], [" * ", true],
        ["arn:aws:s3:::*", false], ["arn:aws:s3:::bucket", false], ["arn:aws:iam::*:role/*", false], ["", false],
    ];
    for (const [resource, expected] of all) {
        it(`${JSON.stringify(resource)} ${expected ? "matches" : "does not match"} every resource`, () => assert.strictEqual(matchesAllResources(resource), expected));
    }

    it("matches Resource entries case-sensitively with `*` and `?`", () => {
        assert.ok(resourceMatches("arn:aws:s3:::b?cket/*", "arn:aws:s3:::bucket/*"));
        assert.ok(!resourceMatches("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket"));
    });

    it("matches Action entries case-insensitively", () => {
        assert.ok(actionPatternMatches("S3:get*", "s3:GetObject"));
        assert.ok(actionPatternMatches("ec2:Describe?nstances", "ec2:DescribeInstances"));
        assert.ok(!actionPatternMatches("s3:Get", "s3:GetObject"));
    });
});
