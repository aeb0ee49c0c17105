// Writing to a child that exits without reading: EPIPE, unhandled, ends the program (Node's);
// the children still running are left to run (their handles closed at teardown).
// exit: 1
// stderr: write EPIPE
const cp = require("node:child_process");
const running = cp.spawn("sleep", ["1"], { stdio: "ignore" });
running.unref();
const gone = cp.spawn("sh", ["-c", "exit 1"]);
gone.stdin.write("x".repeat(1 << 20), (e) => console.log("write callback", e && e.code));
