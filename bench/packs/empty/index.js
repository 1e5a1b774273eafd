"use strict";
// The floor of the benchmark: what any Node.js policy pack pays (loading @pulumi/policy and
// @pulumi/pulumi, the gRPC server, the protocol) with one policy that does nothing.
Object.defineProperty(exports, "__esModule", { value: true });
const policy_1 = require("@pulumi/policy");
new policy_1.PolicyPack("bench-empty", {
    enforcementLevel: "mandatory",
    policies: [{
        name: "no-op",
        description: "Looks at every resource and reports nothing.",
        validateResource: () => { /* nothing */ },
    }],
});
