// process.exit while children run and their output is still coming.
const cp = require("node:child_process");
cp.spawn("sleep", ["1"], { stdio: "ignore" }).unref();
const talker = cp.spawn("sh", ["-c", "yes | head -c 1000000"]);
talker.stdout.once("data", () => {
  console.log("first data, exiting");
  process.exit(0);
});
