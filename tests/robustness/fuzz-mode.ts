// Loaded by .mocharc.fuzz.json (`npm run fuzz`): many more cases per property, a fresh random seed each
// run (fast-check prints the seed and path of any failure, to replay with FUZZ_SEED=<seed>), and the
// 10,000-resource scale run in both modes. Each setting can be overridden from the environment.
process.env.FUZZ_RUNS ??= "40";
process.env.FUZZ_SEED ??= "random";
process.env.SCALE_RESOURCES ??= "10000";
process.env.SCALE_MODES ??= "preview,update";
