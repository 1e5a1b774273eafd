// A CodeBuild project for test programs (not a test file: mocha only runs *.test.ts).
import * as aws from "@pulumi/aws";

export const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

export function project(name: string, o: Partial<aws.codebuild.ProjectArgs> & { privilegedMode?: aws.types.input.codebuild.ProjectEnvironment["privilegedMode"] } = {}) {
    const { privilegedMode, ...rest } = o;
    return new aws.codebuild.Project(name, {
        serviceRole: "arn:aws:iam::123456789012:role/build",
        artifacts: { type: "CODEPIPELINE" },
        source: { type: "CODEPIPELINE" },
        encryptionKey: keyArn,
        environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER", privilegedMode },
        ...rest,
    });
}
