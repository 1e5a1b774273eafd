import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { awsNativeTypes } from "../../../policy/lib/aws-types";
import { findings, flagged, previewProgram, undecided } from "../../helpers/preview";
import { nativeResource } from "../fixtures/aws-native";

const policy = "dynamodb-table-pitr-enabled";
const table = { attributes: [{ name: "id", type: "S" }], hashKey: "id", billingMode: "PAY_PER_REQUEST" };

describe(policy, () => {
    it("flags tables of both providers without point-in-time recovery; unknown is undecided", async () => {
        const r = await previewProgram(() => {
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.dynamodb.Table("aws-default", table);
            new aws.dynamodb.Table("aws-off", { ...table, pointInTimeRecovery: { enabled: false } });
            new aws.dynamodb.Table("aws-on", { ...table, pointInTimeRecovery: { enabled: true } });
            new aws.dynamodb.Table("aws-unknown", { ...table, pointInTimeRecovery: { enabled: key.arn.apply(() => true) } });
            nativeResource(awsNativeTypes.dynamodb.Table, "native-default", { keySchema: [{ attributeName: "id", keyType: "HASH" }] });
            nativeResource(awsNativeTypes.dynamodb.Table, "native-on", { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
            nativeResource(awsNativeTypes.dynamodb.Table, "native-unknown", { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: key.arn.apply(() => true) } });
        });
        assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["aws-default", "aws-off", "native-default"]);
        assert.deepStrictEqual(undecided(r, policy), ["aws-unknown", "native-unknown"]);
        assert.match(findings(r, policy, "aws-off")[0].message, /set pointInTimeRecovery.enabled to true/);
        assert.match(findings(r, policy, "native-default")[0].message, /set pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled to true/);
    });

    it("remediates the shape of each provider", async () => {
        const r = await previewProgram(() => {
            new aws.dynamodb.Table("aws-default", table);
            nativeResource(awsNativeTypes.dynamodb.Table, "native-default", {});
        }, { policyPackConfigs: [{ [policy]: "remediate" }] });
        assert.deepStrictEqual(flagged(r, policy), []);
        assert.deepStrictEqual(r.resources.find(x => x.name === "aws-default")!.inputs.pointInTimeRecovery, { enabled: true });
        assert.deepStrictEqual(r.resources.find(x => x.name === "native-default")!.inputs.pointInTimeRecoverySpecification, { pointInTimeRecoveryEnabled: true });
    });
});
