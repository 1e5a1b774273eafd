import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "rds-auto-minor-version-upgrade";
const db = { instanceClass: "db.t3.micro", engine: "postgres" };

describe(policy, () => {
    it("flags instances of both providers that turn automatic minor upgrades off; unset is AWS's true", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.rds.Instance("aws-default", db);
            new aws.rds.Instance("aws-off", { ...db, autoMinorVersionUpgrade: false });
            new aws.rds.Instance("aws-unknown", { ...db, autoMinorVersionUpgrade: key.arn.apply(() => true) });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-default", { engine: "mysql" });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-off", { engine: "mysql", autoMinorVersionUpgrade: false });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-off", "native-off"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-unknown"]);
        assert.match(findings(r, policy, "native-off")[0].message, /RDS instance 'native-off' .*set autoMinorVersionUpgrade to true/);
    });
});
