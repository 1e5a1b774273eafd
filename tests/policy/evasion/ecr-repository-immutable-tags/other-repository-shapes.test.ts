// Evasion: repositories the stack makes other than by aws.ecr.Repository. An aws.ecr.RepositoryCreationTemplate
// sets the tags of the repositories that pull-through cache and replication create: it is judged as a
// repository (MUTABLE by default). An aws.ecrpublic.Repository cannot make tags immutable (nor scan on push):
// decided a mandatory finding telling to keep deployed images in a private repository (exempt it when the public
// repository only distributes images the stack does not deploy). Correct verdicts, in both modes, below.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { findings, flagged, previewProgram } from "../../../helpers/preview";

const policy = "ecr-repository-immutable-tags";

for (const mode of ["preview", "update"] as const) {
    describe(`evasion: ${policy}: creation templates and ECR Public (${mode})`, () => {
        it("judges templates like repositories and fails ECR Public repositories", async () => {
            const r = await previewProgram(() => {
                new aws.ecr.RepositoryCreationTemplate("template-default", { prefix: "docker-hub", appliedFors: ["PULL_THROUGH_CACHE"] });
                new aws.ecr.RepositoryCreationTemplate("template-immutable", { prefix: "quay", appliedFors: ["PULL_THROUGH_CACHE"], imageTagMutability: "IMMUTABLE" });
                new aws.ecrpublic.Repository("public", { repositoryName: "public" });
            }, { mode });
            assert.deepStrictEqual(flagged(r, policy, "mandatory"), ["public", "template-default"]);
            assert.match(findings(r, policy, "template-default")[0].message, /ECR repository creation template 'template-default' has mutable image tags \(MUTABLE \(the default\)\)/);
            assert.match(findings(r, policy, "public")[0].message, /ECR Public cannot change: keep deployed images in a private aws\.ecr\.Repository/);
        });
    });
}
