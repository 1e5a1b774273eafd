import * as fs from "fs";
import * as path from "path";
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// The pack's name is part of its interface (organisations enable it by this name), and package.json
// is its one source: the same name and version `pulumi policy publish` uploads.
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));

new PolicyPack(manifest.name, {
    description: manifest.description,
    enforcementLevel: "mandatory",
    policies,
});
