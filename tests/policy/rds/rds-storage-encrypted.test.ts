import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { wire } from "../../../preview/src";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "rds-storage-encrypted";
const db = { instanceClass: "db.t3.micro", engine: "postgres" };

describe(policy, () => {
    it("flags unencrypted instances and clusters of both providers, leaves unknowns undecided and cluster members alone", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.rds.Instance("aws-default", db);
            new aws.rds.Instance("aws-off", { ...db, storageEncrypted: false });
            new aws.rds.Instance("aws-on", { ...db, storageEncrypted: true });
            new aws.rds.Instance("aws-unknown", { ...db, storageEncrypted: key.arn.apply(() => true) });
            new aws.rds.Cluster("aws-cluster-default", { engine: "aurora-postgresql" });
            new aws.rds.Cluster("aws-cluster-on", { engine: "aurora-postgresql", storageEncrypted: true });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-default", { engine: "postgres" });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-on", { engine: "postgres", storageEncrypted: true });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-member", { engine: "aurora-mysql", dbClusterIdentifier: "c1" });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-member-unknown", { dbClusterIdentifier: key.arn });
            nativeResource(awsNativeTypes.rds.DBCluster, "native-cluster-off", { engine: "aurora-mysql", storageEncrypted: false });
            nativeResource(awsNativeTypes.rds.DBCluster, "native-cluster-on", { engine: "aurora-mysql", storageEncrypted: true });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-cluster-default", "aws-default", "aws-off", "native-cluster-off", "native-default"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-unknown", "native-member-unknown"]);
        const d = findings(r, policy, "native-cluster-off")[0];
        assert.match(d.message, /RDS cluster 'native-cluster-off' does not encrypt its storage: set storageEncrypted to true/);
        assert.strictEqual(d.severity, "high");
        assert.match(findings(r, policy, "aws-default")[0].message, /RDS instance 'aws-default'/);
        assert.deepStrictEqual(notApplicableReasons(r, policy, "native-member"), ["the instance is a member of a DB cluster, which holds this setting (judged on the cluster)"]);
    });

    it("turns encryption on when the level is remediate, keeping secrets secret", async () => {
        const r = await previewProgram(() => {
            new aws.rds.Instance("aws-off", { ...db, storageEncrypted: false, password: pulumi.secret("s3kr1t-password") });
        }, { policyPackConfigs: [{ [policy]: "remediate" }] });
        assert.deepStrictEqual(flagged(r, policy), []);
        const inst = r.resources.find(x => x.name === "aws-off")!;
        assert.strictEqual(inst.inputs.storageEncrypted, true);
        assert.ok(wire.isSecret(inst.inputs.password));
    });
});
