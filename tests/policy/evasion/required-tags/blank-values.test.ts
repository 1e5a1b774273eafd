// Evasion: a required tag present with a blank value ("" or whitespace only), on the resource or in the
// provider's defaultTags, which names no owner or classification. Correct verdict: a mandatory finding naming
// the tag, in both modes; a resource whose tags all have values is compliant.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "required-tags";
const tags = { Environment: "dev", Owner: "team-a", DataClassification: "internal" };

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: blank tag values (${mode})`, () => {
        it("treats a blank or whitespace-only value as missing", async () => {
            const r = await previewProgram(() => {
                new aws.sns.Topic("blank-owner", { tags: { ...tags, Owner: "" } });
                new aws.sns.Topic("space-owner", { tags: { ...tags, Owner: "   " } });
                new aws.sns.Topic("tab-classification", { tags: { ...tags, DataClassification: "\t" } });
                new aws.sns.Topic("tagged", { tags });
            }, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["blank-owner", "space-owner", "tab-classification"]);
            assert.match(findings(r, policy, "space-owner")[0].message, /missing required tag Owner: add tags\.Owner/);
        });
    });
}
