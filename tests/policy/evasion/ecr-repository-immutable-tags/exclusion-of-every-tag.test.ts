// Evasion: IMMUTABLE_WITH_EXCLUSION whose exclusion filter matches every tag (`*`, `**`), which makes the
// repository as mutable as MUTABLE while its setting reads "immutable". Correct verdict: a mandatory finding
// naming the filter, in both modes; a narrow exclusion (`latest`, `dev-*`) stays compliant (the default
// configuration accepts reviewed exclusions); an unknown filter is undecided at preview, never mandatory.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram, undecided } from "../../../helpers/preview";

const policy = "ecr-repository-immutable-tags";
const excluding = (...filters: string[]) => ({ imageTagMutability: "IMMUTABLE_WITH_EXCLUSION", imageTagMutabilityExclusionFilters: filters.map(filter => ({ filter, filterType: "WILDCARD" })) });

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: an exclusion filter matching every tag (${mode})`, () => {
        it("fails an exclusion of every tag and passes narrow exclusions", async () => {
            const r = await previewProgram(() => {
                new aws.ecr.Repository("star", excluding("latest", "*"));
                new aws.ecr.Repository("double-star", excluding("**"));
                new aws.ecr.Repository("narrow", excluding("latest", "dev-*"));
            }, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["double-star", "star"]);
            assert.match(findings(r, policy, "star")[0].message, /excludes every tag from immutability \(imageTagMutabilityExclusionFilters\[1\]\.filter matches all tags\)/);
        });
    });
}

describe(`evasion: ${policy}: an exclusion filter not known at preview`, () => {
    it("is undecided", async () => {
        const r = await previewProgram(() => {
            const other = new aws.ecr.Repository("other", { imageTagMutability: "IMMUTABLE" });
            new aws.ecr.Repository("unknown-filter", { imageTagMutability: "IMMUTABLE_WITH_EXCLUSION", imageTagMutabilityExclusionFilters: [{ filter: other.arn.apply(() => "*"), filterType: "WILDCARD" }] });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), []);
        assert.deepStrictEqual(undecided(r, policy), ["unknown-filter"]);
    });
});
