// Evasion: `customKeyStoreId: ""` or `xksKeyId: ""` on a key without rotation, to look like a key in a custom
// key store (which cannot rotate, so is not applicable). The provider drops empty strings: AWS creates an
// ordinary key, which must rotate. Correct verdict: a mandatory finding in both modes; a real key store id stays
// not applicable; a key store id not known at preview is undecided, never mandatory.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { flagged, notApplicableReasons, previewProgram, undecided } from "../../../helpers/preview";

const policy = "kms-key-rotation-enabled";

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: an empty custom key store id (${mode})`, () => {
        it("judges a key with an empty key store id as an ordinary key", async () => {
            const r = await previewProgram(() => {
                new aws.kms.Key("empty-store", { customKeyStoreId: "" });
                new aws.kms.Key("empty-xks", { xksKeyId: "", customKeyStoreId: "" });
                new aws.kms.Key("real-store", { customKeyStoreId: "cks-1234567890abcdef0" });
            }, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["empty-store", "empty-xks"]);
            assert.match(notApplicableReasons(r, policy, "real-store").join(), /custom key store/);
        });
    });
}

describe(`evasion: ${policy}: a key store id not known at preview`, () => {
    it("is undecided", async () => {
        const r = await previewProgram(() => {
            const other = new aws.kms.Key("other", { enableKeyRotation: true });
            new aws.kms.Key("unknown-store", { customKeyStoreId: other.arn.apply(() => "") });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), []);
        assert.deepStrictEqual(undecided(r, policy), ["unknown-store"]);
    });
});
