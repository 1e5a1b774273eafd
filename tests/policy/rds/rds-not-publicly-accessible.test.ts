import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "rds-not-publicly-accessible";
const db = { instanceClass: "db.t3.micro", engine: "postgres" };

describe(policy, () => {
    it("flags public instances (and aws-native ones left to AWS's default), leaves unknowns undecided, honours exemptions", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.rds.Instance("aws-default", db);
            new aws.rds.Instance("aws-private", { ...db, publiclyAccessible: false });
            new aws.rds.Instance("aws-public", { ...db, publiclyAccessible: true });
            new aws.rds.Instance("aws-unknown", { ...db, publiclyAccessible: key.arn.apply(() => false) });
            new aws.rds.Instance("exempt", { ...db, publiclyAccessible: true });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-default", { engine: "postgres" });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-private", { engine: "postgres", publiclyAccessible: false });
            nativeResource(awsNativeTypes.rds.DBInstance, "native-public", { engine: "postgres", publiclyAccessible: true });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "exempt", reason: "lab database" }] } }] });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-public", "native-default", "native-public"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-unknown"]);
        assert.match(findings(r, policy, "aws-public")[0].message, /is publicly accessible: set publiclyAccessible to false/);
        assert.match(findings(r, policy, "native-default")[0].message, /AWS's default, which is public in a VPC with an internet gateway/);
        assert.strictEqual(findings(r, policy, "aws-public")[0].severity, "critical");
        assert.deepStrictEqual(notApplicableReasons(r, policy, "exempt"), ["exempted by configuration: lab database"]);
    });
});
