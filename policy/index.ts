import * as fs from "fs";
import * as path from "path";
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// The pack's name is part of its interface (organisations enable it by this name), and package.json
// is its one source: the same name and version `pulumi policy publish` uploads.
// Compiled, this file is bin/index.js; run from its sources (ts-node), it sits next to package.json.
const packDir = fs.existsSync(path.join(__dirname, "package.json")) ? __dirname : path.join(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));

new PolicyPack(manifest.name, {
    description: manifest.description,
    enforcementLevel: "mandatory",
    policies,
});
