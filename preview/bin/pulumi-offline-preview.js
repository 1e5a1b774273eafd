#!/usr/bin/env node
"use strict";
// Entry point of `npm run preview`: the compiled CLI, so start-up does not pay for TypeScript.
require("../dist/cli").main(process.argv.slice(2)).then(
    code => { process.exitCode = code; setImmediate(() => process.exit(code)); },
    err => { console.error(err); process.exit(2); },
);
