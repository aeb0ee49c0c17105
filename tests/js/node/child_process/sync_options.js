// node:child_process sync forms: stdio arrays, shell strings, signals, inputs of each kind.
const cp = require("node:child_process");
const utf8 = { encoding: "utf8" };

// stdio per descriptor: ignore, inherit (this process's stdout), pipe.
let r = cp.spawnSync("sh", ["-c", "echo to-out; echo to-err >&2"], { ...utf8, stdio: ["pipe", "ignore", "pipe"] });
console.log(JSON.stringify(r.output), r.stdout, JSON.stringify(r.stderr));
console.log("--");
r = cp.spawnSync("sh", ["-c", "echo inherited-out"], { ...utf8, stdio: [0, 1, "pipe"] });
console.log(JSON.stringify(r.output));
r = cp.spawnSync("sh", ["-c", "echo via-process-stdout"], { ...utf8, stdio: ["ignore", process.stdout, "ignore"] });
console.log(JSON.stringify(r.output));

// A shell named by a string; args joined into its command line.
console.log(cp.execSync("echo $0", { ...utf8, shell: "/bin/sh" }).trim());
console.log(cp.spawnSync("echo", ["a", "$((6*7))"], { ...utf8, shell: true }).stdout);

// Signals by name and number; killSignal for a timeout.
r = cp.spawnSync("sh", ["-c", "kill -TERM $$"], utf8);
console.log(r.status, r.signal);
r = cp.spawnSync("sh", ["-c", "exec sleep 5"], { ...utf8, timeout: 20, killSignal: "SIGKILL" });
console.log(r.status, r.signal, r.error.code);
r = cp.spawnSync("sh", ["-c", "exec sleep 5"], { ...utf8, timeout: 20, killSignal: 2 });
console.log(r.status, r.signal, r.error.code);
try {
  cp.spawnSync("true", { killSignal: "SIGNOPE" });
} catch (e) {
  console.log(e.name, e.code, e.message);
}

// Input: string, typed array, DataView; a child that never reads it.
console.log(cp.execFileSync("cat", { ...utf8, input: "text in" }));
console.log(cp.execFileSync("cat", { ...utf8, input: new Uint8Array([104, 105]) }));
console.log(cp.execFileSync("cat", { ...utf8, input: new DataView(new Uint8Array([111, 107]).buffer) }));
console.log(cp.spawnSync("true", { ...utf8, input: "y".repeat(1 << 20) }).status);
// Both directions at once, larger than a pipe's buffer.
console.log(cp.execFileSync("cat", { ...utf8, input: "z".repeat(3 << 20), maxBuffer: 4 << 20 }).length);

// env replaces the environment; values are strings, undefined ones left out.
console.log(cp.execSync("env | grep -v ^PWD= | sort", { ...utf8, env: { B: 2, A: "1", C: undefined, PATH: "/usr/bin:/bin" } }));

// cwd that does not exist, a program that is not executable.
r = cp.spawnSync("true", { ...utf8, cwd: "/no/such/dir" });
console.log(r.error.code, r.error.message, r.status, r.pid);
r = cp.spawnSync("/", utf8);
console.log(r.error.code, r.error.message);
try {
  cp.execSync("exit 7", { ...utf8, stdio: "ignore" });
} catch (e) {
  console.log(e.message, e.status, e.stdout, e.stderr);
}

// Bad options.
// detached: the child leads a new session (its session id is its pid).
const [sid, pid] = cp.execSync("ps -o sid= -p $$; echo $$", { ...utf8, detached: true }).split(/\s+/).filter(Boolean);
console.log(sid === pid);

for (const opts of [{ uid: 1.5 }, { gid: "0" }, { uid: 2 ** 31 }, { stdio: "bogus" }, { timeout: -1 }, { timeout: 1.5 }, { maxBuffer: -1 }, { cwd: 5 }, { input: 5 }]) {
  try {
    cp.spawnSync("true", opts);
    console.log("ok", JSON.stringify(opts));
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}

// The asynchronous forms are not in mrt (the module still loads).
console.log(typeof cp.spawn, typeof cp.exec, typeof cp.execFile, typeof cp.fork, typeof cp.ChildProcess);
