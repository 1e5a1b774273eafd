#!/usr/bin/env node
"use strict";
// Writes policy/npm-shrinkwrap.json: the exact dependency tree a consumer's `npm install` gets. A
// published pack is installed without a lockfile (npm pack never ships package-lock.json), but npm
// ships and honours a shrinkwrap. Run after changing policy/package.json's dependencies:
//     npm run pin-pack
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const pack = path.join(__dirname, "..", "policy");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pin-pack-"));
try {
    // Outside the workspace, so the tree is the pack's alone, as a consumer resolves it.
    fs.copyFileSync(path.join(pack, "package.json"), path.join(tmp, "package.json"));
    execFileSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: tmp, stdio: "inherit" });
    fs.copyFileSync(path.join(tmp, "package-lock.json"), path.join(pack, "npm-shrinkwrap.json"));
    console.log("policy/npm-shrinkwrap.json written");
} finally {
    fs.rmSync(tmp, { recursive: true, force: true });
}
