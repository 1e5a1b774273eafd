import * as assert from "assert";
import { awsNativeTypes, awsTypes } from "../../../policy/lib/aws-types";
import { clusterMemberReason } from "../../../policy/lib/rds-instances";
import { unknownSentinels } from "../../../policy/lib/unknowns";

function check(type: string, props: Record<string, unknown>) {
    const undecided: unknown[] = [];
    const c: any = { type, name: "r", props, undecided: (p: unknown) => undecided.push(p) };
    return { reason: clusterMemberReason(c), undecided };
}

describe("lib/rds-instances", () => {
    const unknown = Object.values(unknownSentinels)[0];
    const cases: [string, string, Record<string, unknown>, boolean, unknown[]][] = [
        ["aws instance, postgres", awsTypes.rds.Instance, { engine: "postgres" }, false, []],
        ["aws instance, aurora engine", awsTypes.rds.Instance, { engine: "aurora-mysql" }, true, []],
        ["aws instance, unknown engine", awsTypes.rds.Instance, { engine: unknown }, false, [["engine"]]],
        ["native instance in a cluster", awsNativeTypes.rds.DBInstance, { dbClusterIdentifier: "c1" }, true, []],
        ["native instance, unknown cluster", awsNativeTypes.rds.DBInstance, { dbClusterIdentifier: unknown }, false, [["dbClusterIdentifier"]]],
        ["native standalone instance", awsNativeTypes.rds.DBInstance, { engine: "mysql" }, false, []],
        ["aws cluster (never a member)", awsTypes.rds.Cluster, { engine: "aurora-mysql" }, false, []],
        ["native cluster (never a member)", awsNativeTypes.rds.DBCluster, { engine: "aurora-mysql" }, false, []],
    ];
    for (const [what, type, props, member, undecided] of cases) {
        it(what, () => {
            const r = check(type, props);
            assert.strictEqual(r.reason !== undefined, member);
            assert.deepStrictEqual(r.undecided, undecided);
        });
    }
});
