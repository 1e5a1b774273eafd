import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "rds-backup-retention";
const db = { instanceClass: "db.t3.micro", engine: "postgres" };

function program() {
    const key = new aws.kms.Key("key", { enableKeyRotation: true });
    new aws.rds.Instance("aws-default", db);
    new aws.rds.Instance("aws-off", { ...db, backupRetentionPeriod: 0 });
    new aws.rds.Instance("aws-week", { ...db, backupRetentionPeriod: 7 });
    new aws.rds.Instance("aws-unknown", { ...db, backupRetentionPeriod: key.arn.apply(() => 7) });
    new aws.rds.Cluster("aws-cluster-3", { engine: "aurora-postgresql", backupRetentionPeriod: 3 });
    nativeResource(awsNativeTypes.rds.DBInstance, "native-default", { engine: "mysql" });
    nativeResource(awsNativeTypes.rds.DBInstance, "native-30", { engine: "mysql", backupRetentionPeriod: 30 });
    nativeResource(awsNativeTypes.rds.DBCluster, "native-cluster-0", { engine: "aurora-mysql", backupRetentionPeriod: 0 });
}

describe(policy, () => {
    it("flags fewer than 7 days of backups (unset is AWS's 1 day), both providers; unknown is undecided", async () => {
        const r = await previewProgram(program);
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-cluster-3", "aws-default", "aws-off", "native-cluster-0", "native-default"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-unknown"]);
        assert.match(findings(r, policy, "aws-off")[0].message, /keeps 0 days of automated backups: set backupRetentionPeriod to 7 or more/);
        assert.match(findings(r, policy, "aws-default")[0].message, /the default 1 day/);
        assert.match(findings(r, policy, "native-cluster-0")[0].message, /RDS cluster 'native-cluster-0'/);
    });

    it("honours minimumDays and remediates to it", async () => {
        const relaxed = await previewProgram(program, { policyPackConfigs: [{ [policy]: { minimumDays: 1 } }] });
        assert.deepStrictEqual(flagged(relaxed, policy), ["aws-off", "native-cluster-0"]);
        const fixed = await previewProgram(() => { new aws.rds.Instance("aws-off", { ...db, backupRetentionPeriod: 0 }); },
            { policyPackConfigs: [{ [policy]: { enforcementLevel: "remediate", minimumDays: 14 } }] });
        assert.deepStrictEqual(flagged(fixed, policy), []);
        assert.strictEqual(fixed.resources.find(x => x.name === "aws-off")!.inputs.backupRetentionPeriod, 14);
    });
});
