import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PreviewResult } from "../../../preview/src";
import { findings, flagged, notApplicableReasons, previewProgram, undecided } from "../../helpers/preview";

const policy = "ecr-repository-scan-on-push";

describe(policy, () => {
    let result: PreviewResult;
    before(async () => {
        result = await previewProgram(() => {
            new aws.ecr.Repository("scans", { name: "app-scans", imageScanningConfiguration: { scanOnPush: true } });
            new aws.ecr.Repository("no-scan-config", { name: "app-plain" });
            new aws.ecr.Repository("scan-off", { name: "tools-off", imageScanningConfiguration: { scanOnPush: false } });
            new aws.ecr.Repository("exempt", { name: "mirror-cache" });
            // Covered by the registry's enhanced scanning rule below (wildcard "svc-*").
            new aws.ecr.Repository("covered-by-registry", { name: "svc-payments" });
            // A filter without a wildcard matches names that contain it ("batch").
            new aws.ecr.Repository("covered-by-contains", { name: "nightly-batch-jobs" });
            new aws.ecr.RegistryScanningConfiguration("registry-scanning", {
                scanType: "ENHANCED",
                rules: [
                    { scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "svc-*", filterType: "WILDCARD" }] },
                    { scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "batch", filterType: "WILDCARD" }] },
                    // MANUAL does not scan on push: "tools-*" stays uncovered.
                    { scanFrequency: "MANUAL", repositoryFilters: [{ filter: "tools-*", filterType: "WILDCARD" }] },
                ],
            });
            const key = new aws.kms.Key("key", { enableKeyRotation: true });
            new aws.ecr.Repository("scan-unknown", { name: "app-unknown", imageScanningConfiguration: { scanOnPush: key.arn.apply(a => a.length > 0) } });
        }, { policyPackConfigs: [{ [policy]: { exemptions: [{ resource: "exempt", reason: "pull-through cache of upstream images" }] } }] });
    });

    it("flags repositories that neither scan on push nor are covered by a registry rule, naming scanOnPush", () => {
        assert.deepStrictEqual(flagged(result, policy, "mandatory"), ["no-scan-config", "scan-off"]);
        assert.match(findings(result, policy, "scan-off")[0].message, /'scan-off'.*imageScanningConfiguration\.scanOnPush to true/);
        assert.strictEqual(findings(result, policy, "scan-off")[0].framework?.reference, "11.3.1, 6.3.3");
    });

    it("counts a RegistryScanningConfiguration rule that scans on push (or continuously) and matches the repository", () => {
        assert.deepStrictEqual(findings(result, policy, "covered-by-registry"), []);
        assert.deepStrictEqual(findings(result, policy, "covered-by-contains"), []);
        assert.deepStrictEqual(findings(result, policy, "scans"), []);
    });

    it("leaves a scanOnPush unknown at preview undecided, not mandatory", () => {
        assert.deepStrictEqual(undecided(result, policy), ["scan-unknown"]);
        assert.deepStrictEqual(findings(result, policy, "scan-unknown").map(d => d.enforcementLevel), ["advisory"]);
    });

    it("reports an exempted repository as not applicable with the reason, and does not flag it", () => {
        assert.deepStrictEqual(findings(result, policy, "exempt"), []);
        assert.match(notApplicableReasons(result, policy, "exempt").join(), /pull-through cache/);
    });

    it("does not count a registry rule in another region", async () => {
        const r = await previewProgram(() => {
            new aws.ecr.Repository("repo", { name: "svc-a" });
            new aws.ecr.RegistryScanningConfiguration("us-registry", {
                region: "us-east-1", scanType: "BASIC",
                rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }],
            });
        });
        assert.deepStrictEqual(flagged(r, policy), ["repo"]);
    });

    it("turns scan on push on when the level is remediate", async () => {
        const r = await previewProgram(() => {
            new aws.ecr.Repository("no-scan-config", { name: "app-plain" });
            new aws.ecr.Repository("scan-off", { name: "tools-off", imageScanningConfiguration: { scanOnPush: false } });
        }, { policyPackConfigs: [{ [policy]: "remediate" }] });
        assert.deepStrictEqual(r.remediations.map(x => x.resourceName).sort(), ["no-scan-config", "scan-off"]);
        assert.deepStrictEqual(flagged(r, policy), []);
        for (const n of ["no-scan-config", "scan-off"]) {
            assert.deepStrictEqual(r.resources.find(x => x.name === n)!.inputs.imageScanningConfiguration, { scanOnPush: true });
        }
    });
});
