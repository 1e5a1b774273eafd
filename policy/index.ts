import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// The pack's name is part of its interface: organisations enable it by this name.
new PolicyPack("pci-dss-aws-cicd", {
    description: "PCI DSS v4.0.1 controls for CI/CD pipelines on AWS",
    enforcementLevel: "mandatory",
    policies,
});
