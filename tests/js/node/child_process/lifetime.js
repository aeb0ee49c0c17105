// A running child keeps the program alive; unref() lets it end without waiting.
const cp = require("node:child_process");
const start = Date.now();
const waited = cp.spawn("sleep", ["0.2"], { stdio: "ignore" });
waited.on("exit", (code) => console.log("waited for the child", code, Date.now() - start >= 150));
const left = cp.spawn("sleep", ["3"], { stdio: "ignore" });
left.unref();
process.on("exit", () => console.log("ended before the unref'd child", Date.now() - start < 2500, left.exitCode));
