#!/usr/bin/env node
"use strict";
// Entry point of `npm run corpus`: the compiled measurement over a folder of real programs.
require("../dist/corpus/cli").main(process.argv.slice(2)).then(code => { process.exitCode = code; setImmediate(() => process.exit(code)); });
