// ChildProcess events, per source (their interleaving across sources depends on timing).
const cp = require("node:child_process");
const log = { enoent: [], sh: [], stdout: [], stderr: [] };
const bad = cp.spawn("nonexist", ["a"]);
console.log(bad.pid, bad.exitCode, bad.signalCode, bad.killed, bad.connected, bad.spawnfile, bad.spawnargs, typeof bad.stdin.write, bad.stdio.length);
for (const ev of ["spawn", "error", "exit", "close"]) {
  bad.on(ev, (...a) => log.enoent.push([ev, ...a.map((x) => (x instanceof Error ? `${x.message} ${x.code} ${x.errno} ${x.syscall} ${x.path} ${x.spawnargs}` : x))]));
}
const sh = cp.spawn("sh", ["-c", "read x; echo got $x; echo e >&2; exit 5"]);
console.log(typeof sh.pid, sh.pid > 0);
for (const ev of ["spawn", "error", "exit", "close"]) sh.on(ev, (...a) => log.sh.push([ev, ...a, sh.exitCode, sh.signalCode]));
sh.stdout.setEncoding("utf8");
sh.stderr.setEncoding("utf8");
for (const name of ["stdout", "stderr"]) {
  sh[name].on("data", (d) => log[name].push(["data", d]));
  sh[name].on("end", () => log[name].push(["end"]));
  sh[name].on("close", () => log[name].push(["close"]));
}
sh.stdin.write("hello\n");
sh.stdin.end();
process.on("exit", () => {
  for (const [k, v] of Object.entries(log)) console.log(k, JSON.stringify(v));
});
