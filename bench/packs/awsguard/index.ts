import { AwsGuard } from "@pulumi/awsguard";

new AwsGuard({ all: "mandatory" });
