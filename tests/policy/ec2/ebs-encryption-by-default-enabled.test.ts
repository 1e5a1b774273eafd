import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram, undecided } from "../../helpers/preview";

const policy = "ebs-encryption-by-default-enabled";

describe(policy, () => {
    it("flags an EncryptionByDefault that turns it off; unset is on; unknown is undecided", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.ebs.EncryptionByDefault("default", {});
            new aws.ebs.EncryptionByDefault("off", { enabled: false });
            new aws.ebs.EncryptionByDefault("unknown", { enabled: key.arn.apply(() => true) });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["off"]);
        assert.deepStrictEqual(undecided(r, policy), ["unknown"]);
        assert.match(findings(r, policy, "off")[0].message, /set enabled to true/);
    });
});
