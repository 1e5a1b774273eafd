import * as aws from "@pulumi/aws";

const key = new aws.kms.Key("pipeline-key", {
    description: "Encrypts pipeline artifacts, logs and notifications",
    enableKeyRotation: true,
});

export const keyArn = key.arn;
