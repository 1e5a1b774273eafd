"use strict";
// Preloaded into a pack (NODE_OPTIONS=--require this file; --cpu-prof itself is not allowed in
// NODE_OPTIONS). Records two V8 CPU profiles: start-up (until the pack writes its port on stdout) to
// $BENCH_CPU_PROFILE.startup.cpuprofile, and everything after (the evaluation) to
// $BENCH_CPU_PROFILE, written when the pack is stopped with SIGTERM as the engine stops packs.
const inspector = require("inspector");
const fs = require("fs");
const file = process.env.BENCH_CPU_PROFILE;
if (file) {
    delete process.env.NODE_OPTIONS;
    const session = new inspector.Session();
    session.connect();
    const start = () => {
        session.post("Profiler.enable");
        session.post("Profiler.setSamplingInterval", { interval: 500 });
        session.post("Profiler.start");
    };
    const stop = (to, then) => session.post("Profiler.stop", (err, res) => {
        if (!err) fs.writeFileSync(to, JSON.stringify(res.profile));
        then();
    });
    start();
    const write = process.stdout.write;
    process.stdout.write = function (...args) {
        process.stdout.write = write;
        const r = write.apply(this, args);
        stop(file.replace(/\.cpuprofile$/, "") + ".startup.cpuprofile", start);
        return r;
    };
    process.on("SIGTERM", () => stop(file, () => process.exit(0)));
}
