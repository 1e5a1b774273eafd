import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "rds-deletion-protection";
const db = { instanceClass: "db.t3.micro", engine: "postgres" };

describe(policy, () => {
    it("flags instances and clusters of both providers without deletion protection", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.rds.Instance("aws-default", db);
            new aws.rds.Instance("aws-on", { ...db, deletionProtection: true });
            new aws.rds.Instance("aws-unknown", { ...db, deletionProtection: key.arn.apply(() => true) });
            new aws.rds.Cluster("aws-cluster-off", { engine: "aurora-postgresql", deletionProtection: false });
            new aws.rds.Cluster("aws-cluster-on", { engine: "aurora-postgresql", deletionProtection: true });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-default", { engine: "mysql" });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-on", { engine: "mysql", deletionProtection: true });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-member", { engine: "aurora-mysql", dbClusterIdentifier: "c1" });
            nativeResource(awsNativeTypes.rds.DBCluster, "native-cluster-default", { engine: "aurora-mysql" });
            nativeResource(awsNativeTypes.rds.DBCluster, "native-cluster-on", { engine: "aurora-mysql", deletionProtection: true });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-cluster-off", "aws-default", "native-cluster-default", "native-default"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-unknown"]);
        assert.match(findings(r, policy, "aws-cluster-off")[0].message, /RDS cluster 'aws-cluster-off' .*set deletionProtection to true/);
        assert.strictEqual(findings(r, policy, "aws-default")[0].severity, "medium");
        assert.strictEqual(notApplicableReasons(r, policy, "native-member").length, 1);
    });
});
