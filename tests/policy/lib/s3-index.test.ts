// Linking S3 configuration resources to their buckets (policy/lib/s3-index.ts).
import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { S3Index, bucketTypes, isBucketType, s3ConfigTypes, undecidedBucket } from "../../../policy/lib/s3-index";
import { awsTypes } from "../../../policy/lib/aws-types";
import { unknownSentinels } from "../../../policy/lib/unknowns";

const u = unknownSentinels.string;

function resource(type: string, name: string, props: Record<string, unknown>, deps: Record<string, PolicyResource[]> = {}): PolicyResource {
    return { type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, props, propertyDependencies: deps } as any;
}

describe("lib/s3-index", () => {
    it("knows the v7 and v6 bucket tokens and every configuration kind", () => {
        assert.deepStrictEqual(bucketTypes, ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);
        assert.ok(isBucketType("aws:s3/bucketV2:BucketV2") && !isBucketType("aws:s3/bucketPolicy:BucketPolicy"));
        assert.deepStrictEqual(s3ConfigTypes.versioning, ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"]);
    });

    it("links configurations by property dependency (even when unknown), else by a known name or ARN", () => {
        const a = resource("aws:s3/bucket:Bucket", "a", { bucket: u });
        const b = resource("aws:s3/bucketV2:BucketV2", "b", { bucket: "logs-bucket" });
        const byDep = resource("aws:s3/bucketVersioning:BucketVersioning", "a-versioning", { bucket: u }, { bucket: [a] });
        const byName = resource("aws:s3/bucketPolicy:BucketPolicy", "b-policy", { bucket: "logs-bucket" });
        const byArn = resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "b-pab", { bucket: "arn:aws:s3:::logs-bucket" });
        const orphan = resource("aws:s3/bucketAcl:BucketAcl", "orphan", { bucket: "elsewhere" });
        const index = new S3Index([a, b, byDep, byName, byArn, orphan]);
        const [va, vb] = index.buckets;
        assert.deepStrictEqual(va.configs.versioning.map(r => r.name), ["a-versioning"]);
        assert.deepStrictEqual([vb.configs.policy.map(r => r.name), vb.configs.publicAccessBlock.map(r => r.name), vb.configs.acl], [["b-policy"], ["b-pab"], []]);
        assert.deepStrictEqual([va.physicalName, va.arn, vb.physicalName, vb.arn], [undefined, undefined, "logs-bucket", "arn:aws:s3:::logs-bucket"]);
        assert.strictEqual(index.bucketByUrn(b.urn), vb);
        assert.strictEqual(index.bucketByLiteral(u), undefined);
    });

    it("finds where buckets send their access logs, and which buckets receive them", () => {
        const logs = resource("aws:s3/bucket:Bucket", "logs", { bucket: "logs" });
        const app = resource("aws:s3/bucket:Bucket", "app", { bucket: "app" });
        const self = resource("aws:s3/bucket:Bucket", "self", { bucket: "self", logging: { targetBucket: "self" } });
        const outside = resource("aws:s3/bucketV2:BucketV2", "outside", { loggings: [{ targetBucket: "another-account-bucket" }] });
        const appLogging = resource("aws:s3/bucketLogging:BucketLogging", "app-logging", { bucket: u, targetBucket: u }, { bucket: [app], targetBucket: [logs] });
        const index = new S3Index([logs, app, self, outside, appLogging]);
        const [vLogs, vApp, vSelf, vOutside] = index.buckets;
        assert.deepStrictEqual(index.loggingTargetsOf(vApp).map(t => [t.bucket?.resource.name, t.isSelf, t.isOtherBucket]), [["logs", false, true]]);
        assert.deepStrictEqual(vLogs.loggingSources, ["app"]);
        assert.deepStrictEqual(index.loggingTargetsOf(vSelf).map(t => [t.isSelf, t.isOtherBucket]), [[true, false]]);
        assert.deepStrictEqual(index.loggingTargetsOf(vOutside).map(t => [t.bucket, t.isOtherBucket]), [[undefined, true]]);
        assert.strictEqual(undecidedBucket(vApp, "policy"), "bucket 'app' (policy)");
    });

    it("keeps directory buckets apart and lists configuration linked to no bucket of the stack", () => {
        const dir = resource(awsTypes.s3.DirectoryBucket, "express", { bucket: "express--euw1-az1--x-s3" });
        const sse = resource(awsTypes.s3.BucketServerSideEncryptionConfiguration, "express-sse", { bucket: u }, { bucket: [dir] });
        const outside = resource(awsTypes.s3.BucketAcl, "outside-acl", { bucket: "not-in-this-stack", acl: "public-read" });
        const index = new S3Index([dir, sse, outside]);
        assert.deepStrictEqual(index.buckets, []);
        assert.deepStrictEqual(index.directoryBuckets.map(b => [b.resource.name, b.configs.encryption.map(r => r.name)]), [["express", ["express-sse"]]]);
        assert.deepStrictEqual(index.unlinked.map(r => r.name), ["outside-acl"]);
    });
});
