import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { previewProgram } from "../../../helpers/preview";
import { s3Policies } from "../../../../policy/policies/s3";

// Shape: a bucket the stack only reads (aws.s3.Bucket.get) has none of the stack's configuration resources;
// judging it as if the stack created it would report every S3 control on a bucket the stack does not manage.
// Correct verdict: no S3 policy reports the read bucket, in preview and update; a created bucket beside it is judged.
function program() {
    aws.s3.Bucket.get("read-only-bucket", "someone-elses-bucket");
    aws.s3.BucketV2.get("read-only-bucket-v6", "someone-elses-other-bucket");
    new aws.s3.Bucket("created-bucket", {});
}

for (const mode of ["preview", "update"] as const) {
    describe(`evasion s3-bucket-public-access-block, read bucket (${mode}): a bucket read with Bucket.get is not judged as created`, () => {
        let r: PreviewResult;
        before(async () => {
            r = await previewProgram(program, { mode });
        });

        it("the run marks the read resources as read (external), not as created", () => {
            const read = r.resources.filter(x => x.name.startsWith("read-only-bucket"));
            assert.strictEqual(read.length, 2);
            assert.ok(read.every(x => x.external === true), "reads are external");
            assert.notStrictEqual(r.resources.find(x => x.name === "created-bucket")?.external, true);
        });

        it("no S3 policy reports the read buckets, while the created bucket fails s3-bucket-public-access-block", () => {
            const names = s3Policies.map(p => p.name);
            const aboutRead = r.diagnostics.filter(d => names.includes(d.policyName) && d.resourceName.startsWith("read-only-bucket"));
            assert.deepStrictEqual(aboutRead, []);
            assert.ok(r.diagnostics.some(d => d.policyName === "s3-bucket-public-access-block" && d.resourceName === "created-bucket" && d.enforcementLevel === "mandatory"));
        });
    });
}
