const cp = require("child_process");
let r = cp.spawnSync("sh", ["-c", "echo hello; echo err >&2; exit 3"], { encoding: "utf8" });
console.log(r.status, r.signal, JSON.stringify(r.output), r.stdout, r.stderr, typeof r.pid);
r = cp.spawnSync("nonexist", ["a"], { encoding: "utf8" });
console.log(r.error.message, r.error.code, r.error.errno, r.error.syscall, r.error.path, r.error.spawnargs, r.status, r.output, r.pid);
r = cp.spawnSync("sh", ["-c", "exec sleep 2"], { timeout: 50, encoding: "utf8" });
console.log(r.error.message, r.error.code, r.error.errno, r.status, r.signal);
r = cp.spawnSync("sh", ["-c", "kill -9 $$"], { encoding: "utf8" });
console.log(r.status, r.signal);
r = cp.spawnSync("cat", { input: "from stdin", encoding: "utf8" });
console.log(r.stdout);
r = cp.spawnSync("sh", ["-c", "echo $FOO; pwd"], { env: { FOO: "bar", PATH: process.env.PATH }, cwd: "/", encoding: "utf8" });
console.log(r.stdout);
console.log(cp.execSync("echo exec $((1+2))", { encoding: "utf8" }));
console.log(cp.execFileSync("echo", ["a b", "c"], { encoding: "utf8" }));
try { cp.execSync("echo out; echo oops >&2; exit 2", { encoding: "utf8", stdio: "pipe" }); } catch (e) { console.log(e.message, e.status, e.signal, e.stdout, e.stderr, Object.keys(e)); }
try { cp.execFileSync("sh", ["-c", "exit 4"], { encoding: "utf8" }); } catch (e) { console.log(e.message, Object.keys(e)); }
try { cp.execFileSync("nonexist", ["x"], { encoding: "utf8" }); } catch (e) { console.log(e.message, Object.keys(e)); }
for (const bad of [() => cp.spawnSync("a\0b"), () => cp.spawnSync(3), () => cp.spawnSync(""), () => cp.spawnSync("echo", ["x\0"])]) {
  try { bad(); } catch (e) { console.log(e.name, e.code, e.message); }
}
console.log("before inherit");
cp.execSync("echo inherited", { stdio: "inherit" });
console.log("after inherit");
r = cp.spawnSync("sh", ["-c", "head -c 200000 /dev/zero"], { maxBuffer: 10, encoding: "utf8" });
console.log(r.error.code, r.signal);
r = cp.spawnSync("sh", ["-c", "head -c 300000 /dev/zero"], { encoding: "utf8", maxBuffer: Infinity });
console.log(r.stdout.length);
console.log(cp.execSync("cat", { input: "x".repeat(100000) , encoding: "utf8"}).length);
