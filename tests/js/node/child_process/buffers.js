// Without an encoding the outputs are Buffers (sync and async forms), bytes kept as they are.
const cp = require("node:child_process");
const util = require("node:util");
const r = cp.spawnSync("sh", ["-c", "printf 'ab\\377'; printf e >&2"]);
console.log(r.stdout, r.stderr, Buffer.isBuffer(r.stdout), r.output);
console.log(cp.execSync("echo hi"), cp.execFileSync("echo", ["x"]).toString());
console.log(cp.spawnSync("cat", { input: Buffer.from("buf in"), encoding: "latin1" }).stdout);
console.log(cp.spawnSync("cat", { input: new Uint16Array([0x6968]), encoding: "hex" }).stdout);
try {
  cp.execSync("echo no >&2; exit 1", { stdio: "pipe" });
} catch (e) {
  console.log(e.message, e.stderr, e.output);
}
const t = cp.spawnSync("sh", ["-c", "exec sleep 2"], { timeout: 30 });
console.log(t.stdout, t.signal, t.error.code);

cp.execFile("sh", ["-c", "printf '\\001\\002'"], { encoding: "buffer" }, (err, stdout, stderr) => {
  console.log(err, stdout, stderr);
  const c = cp.spawn("sh", ["-c", "printf 'x\\377y'"]);
  const chunks = [];
  c.stdout.on("data", (d) => chunks.push(d));
  c.on("close", async () => {
    console.log(Buffer.concat(chunks), Buffer.isBuffer(chunks[0]));
    console.log(await util.promisify(cp.exec)("echo promisified"));
    try {
      await util.promisify(cp.execFile)("sh", ["-c", "echo o; echo e >&2; exit 2"]);
    } catch (e) {
      console.log(e.code, JSON.stringify(e.stdout), JSON.stringify(e.stderr));
    }
  });
});
