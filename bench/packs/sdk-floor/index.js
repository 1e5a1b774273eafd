"use strict";
// What @pulumi/policy costs for a pack of OUR shape: the same policies (names, config schemas, and which
// of validateResource / validateStack / remediateResource each has) with every one a no-op. Its
// evaluation cost minus the empty pack's is the SDK's per-policy cost; our pack's minus this one is our
// policies' own logic. Used for CPU attribution only: it also loads policy/bin (and so a second copy of
// @pulumi/policy), so its start-up time and memory are not a floor.
Object.defineProperty(exports, "__esModule", { value: true });
const policy_1 = require("@pulumi/policy");
const ours = require("../../../policy/bin/policies").policies;
new policy_1.PolicyPack("bench-sdk-floor", {
    enforcementLevel: "mandatory",
    policies: ours.map(p => Object.assign(
        { name: p.name, description: p.description, enforcementLevel: p.enforcementLevel, configSchema: p.configSchema },
        p.validateResource ? { validateResource: () => { /* nothing */ } } : {},
        p.validateStack ? { validateStack: () => { /* nothing */ } } : {},
        p.remediateResource ? { remediateResource: () => undefined } : {},
    )),
});
