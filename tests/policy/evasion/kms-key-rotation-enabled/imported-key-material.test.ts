// What the control means for aws.kms.ExternalKey (imported key material): AWS cannot rotate it, so the
// automatic-rotation control does not apply (decided: not applicable, not a finding, which would only force an
// exemption on every such key), but the reason says that PCI DSS 3.7.4 still requires manual rotation at the
// end of the cryptoperiod. Correct verdict, in both modes: no finding, and that reason in the report.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, notApplicableReasons, previewProgram } from "../../../helpers/preview";

const policy = "kms-key-rotation-enabled";

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: imported key material (${mode})`, () => {
        it("reports an ExternalKey as not applicable, saying it must be rotated manually", async () => {
            const r = await previewProgram(() => { new aws.kms.ExternalKey("imported", { description: "imported" }); }, { mode });
            assert.deepStrictEqual(findings(r, policy, "imported"), []);
            assert.match(notApplicableReasons(r, policy, "imported").join(), /cannot rotate automatically: PCI DSS 3\.7\.4 still requires rotating them manually/);
        });
    });
}
