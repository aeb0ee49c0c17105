// node:child_process asynchronous forms: exec/execFile (errors, timeout, maxBuffer, ENOENT,
// promisified), spawn (kill, abort, env/cwd/stdio, stdin writes, async iteration, shell).
const cp = require("child_process");
const promisify = (fn) => fn[Symbol.for("nodejs.util.promisify.custom")];
const show = (label) => (e, so, se) => console.log(label, e && Object.keys(e), e && e.message, e && e.code, e && e.killed, e && e.signal, e && e.cmd, JSON.stringify(so), JSON.stringify(se));
const steps = [
  (next) => cp.exec("echo out; echo err >&2; exit 3", (...a) => { show("exit3")(...a); next(); }),
  (next) => cp.execFile("sh", ["-c", "exec sleep 3"], { timeout: 30 }, (...a) => { show("timeout")(...a); next(); }),
  (next) => cp.execFile("nonexist", ["q"], (e, so, se) => { console.log(Object.keys(e), e.message, e.code, e.errno, e.syscall, e.cmd, e.path, e.spawnargs, so, se); next(); }),
  (next) => cp.exec("yes | head -c 100000", { maxBuffer: 10 }, (e, so) => { console.log(e.name, Object.keys(e), e.message, e.code, e.cmd, so.length); next(); }),
  (next) => cp.execFile("echo", ["a", "b c"], (...a) => { show("echo")(...a); next(); }),
  (next) => cp.exec("cat", (...a) => { show("cat no input")(...a); next(); }).stdin.end("typed in"),
  (next) => promisify(cp.exec)("echo promised").then((r) => { console.log(r); next(); }),
  (next) => promisify(cp.execFile)("sh", ["-c", "echo o; exit 2"]).catch((e) => { console.log(Object.keys(e), e.code, e.stdout); next(); }),
  (next) => { const c = cp.spawn("sh", ["-c", "exec sleep 5"]); c.on("exit", (code, sig) => { console.log("killed", code, sig, c.killed, c.signalCode, c.exitCode); next(); }); console.log(c.kill()); },
  (next) => { const c = cp.spawn("sh", ["-c", "exit 0"]); c.on("close", () => { console.log("kill after exit", c.kill()); next(); }); },
  (next) => { const ac = new AbortController(); const c = cp.spawn("sleep", ["5"], { signal: ac.signal }); c.on("error", (e) => console.log("abort", e.name, e.code, e.message)); c.on("close", (code, sig) => { console.log("abort close", code, sig); next(); }); ac.abort(); },
  (next) => { const c = cp.spawn("sh", ["-c", "echo $X; pwd"], { env: { X: "envx" }, cwd: "/", stdio: ["ignore", "pipe", "inherit"] }); c.stdout.setEncoding("utf8"); let out = ""; c.stdout.on("data", (d) => (out += d)); c.on("close", (code) => { console.log(JSON.stringify(out), code, c.stdin, c.stderr); next(); }); },
  (next) => { console.log("before inherit"); const c = cp.spawn("echo", ["inherit out"], { stdio: "inherit" }); c.on("close", (code) => { console.log("after inherit", code, c.stdout); next(); }); },
  // (cat may give "one two" in one chunk or two: the data is joined apart from the callbacks)
  (next) => { const c = cp.spawn("cat"); c.stdout.setEncoding("utf8"); const marks = []; let out = ""; c.stdout.on("data", (d) => (out += d)); c.stdin.write("one ", () => marks.push("[cb1]")); c.stdin.write(new Uint8Array([116, 119, 111])); c.stdin.end(() => marks.push("[finish]")); c.on("close", () => { console.log([...marks.sort(), out].join("|")); next(); }); },
  (next) => { const c = cp.spawn("sh", ["-c", "printf 'a\\nb\\n'"]); c.stdout.setEncoding("utf8"); (async () => { let s = ""; for await (const chunk of c.stdout) s += chunk; console.log("iterated", JSON.stringify(s)); next(); })(); },
  (next) => { const c = cp.spawn("echo", ["x"], { shell: true, timeout: 1000 }); c.on("exit", (code) => { console.log("shell spawn", code, c.spawnfile, c.spawnargs); next(); }); },
];
let i = 0;
const next = () => { if (i < steps.length) steps[i++](next); };
next();
