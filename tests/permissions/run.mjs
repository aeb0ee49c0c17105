// run.mjs: the sandbox-escape corpus (issue 21). Makes a fixture directory (a secret beside
// an allowed directory full of symlinks, hard links, a FIFO, modules), a loopback TCP and
// HTTP server, a process flipping symlinks for the TOCTOU case, then runs each
// cases/*.mjs under mrt with the flags its first line names, and checks that it passed and
// that the secret's text never appears in what it printed.
//   node tests/permissions/run.mjs --mrt build/tools/mrt [case names...]
import { spawn, execFileSync } from "node:child_process";
import dns from "node:dns/promises";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const cases = path.join(here, "cases");
const args = process.argv.slice(2);
let mrt = null;
const only = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--mrt") mrt = path.resolve(args[++i]);
  else only.push(args[i].replace(/\.mjs$/, ""));
}
if (!mrt) {
  console.error("usage: run.mjs --mrt PATH [cases...]");
  process.exit(2);
}

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "mrt-perm-")));
const A = `${dir}/allowed`;
const token = `SECRET-${process.pid}-${Date.now()}`;
const w = (p, s) => fs.writeFileSync(p, s);
w(`${dir}/secret.txt`, `${token}\n`);
w(`${dir}/secret.mjs`, `export default "${token}";\n`);
w(`${dir}/secret.cjs`, `module.exports = "${token}";\n`);
w(`${dir}/target.txt`, "target\n");
w(`${dir}/hl-source.txt`, "other\n");
fs.symlinkSync(`${dir}/secret.txt`, `${dir}/outside-link`);
fs.mkdirSync(`${A}/out`, { recursive: true });
fs.mkdirSync(`${A}/inner`);
w(`${A}/ok.txt`, "ok\n");
w(`${A}/inner/secret.txt`, "inner\n");
w(`${A}/mod.mjs`, 'export default "inside";\n');
w(`${A}/mod.cjs`, 'module.exports = "inside cjs";\n');
w(`${A}/worker.mjs`, `try { mrt.readTextFileSync("${dir}/secret.txt"); postMessage("read it"); }
catch (e) { postMessage(e.name); }\n`);
w(`${A}/out/mine.txt`, "mine\n");
fs.symlinkSync("../secret.txt", `${A}/link-to-secret`);
fs.symlinkSync("ok.txt", `${A}/link-to-ok`);
fs.symlinkSync(dir, `${A}/dirlink`);
fs.symlinkSync(`${A}/chain2`, `${A}/chain1`);
fs.symlinkSync(`${A}/dirlink/outside-link`, `${A}/chain2`);
fs.symlinkSync(`${dir}/secret.mjs`, `${A}/link-to-secret.mjs`);
fs.symlinkSync(`${dir}/secret.cjs`, `${A}/link-to-secret.cjs`);
fs.symlinkSync(`${dir}/target.txt`, `${A}/out/link-to-target`);
fs.symlinkSync(`${A}/ok.txt`, `${A}/flip`);
fs.symlinkSync(`${A}/inner`, `${A}/flipdir`);
fs.linkSync(`${dir}/hl-source.txt`, `${A}/hardlink`);
execFileSync("mkfifo", [`${A}/fifo.mjs`]);

// Loopback servers: TCP (accepts, says hello) and HTTP ("/" and "/redirect?to=URL").
const tcp = net.createServer((c) => { c.on("error", () => {}); c.end("hello\n"); });
await new Promise((r) => tcp.listen(0, "127.0.0.1", r));
const web = http.createServer((req, res) => {
  const u = new URL(req.url, "http://x");
  if (u.pathname === "/redirect") res.writeHead(302, { location: u.searchParams.get("to") }).end();
  else res.end("http ok");
});
await new Promise((r) => web.listen(0, "127.0.0.1", r));
const tcpPort = tcp.address().port, httpPort = web.address().port;

// A name other than localhost that resolves to 127.0.0.1 (/etc/hosts), for net_dns.
let loopName = "";
for (const line of fs.readFileSync("/etc/hosts", "utf8").split("\n")) {
  const [addr, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
  if (!addr || !addr.startsWith("127.")) continue;
  for (const n of names) {
    if (loopName || n === "localhost" || !n) continue;
    try {
      if ((await dns.lookup(n, { family: 4 })).address.startsWith("127.")) loopName = n;
    } catch {}
  }
}

// The TOCTOU flipper: renames fresh symlinks over flip and flipdir, atomically, in a loop.
const flipper = spawn(process.execPath, ["-e", `
  const fs = require("fs");
  const A = ${JSON.stringify(A)}, dir = ${JSON.stringify(dir)};
  for (let i = 0; ; i++) {
    const tmp = A + "/.flip-tmp";
    try { fs.unlinkSync(tmp); } catch {}
    fs.symlinkSync(i % 2 ? dir + "/secret.txt" : A + "/ok.txt", tmp);
    fs.renameSync(tmp, A + "/flip");
    try { fs.unlinkSync(tmp); } catch {}
    fs.symlinkSync(i % 2 ? dir : A + "/inner", tmp);
    fs.renameSync(tmp, A + "/flipdir");
  }`], { stdio: "ignore" });

function flagsOf(file) {
  const first = fs.readFileSync(file, "utf8").split("\n")[0];
  const m = /^\/\/ flags:(.*)$/.exec(first);
  if (!m) throw new Error(`${file}: the first line must be "// flags: ..."`);
  return m[1].trim().split(/\s+/).filter(Boolean).map((f) => f
    .replaceAll("{dir}", dir).replaceAll("{tcp}", tcpPort).replaceAll("{http}", httpPort)
    .replaceAll("{name}", loopName));
}

function runCase(file) {
  let flags = flagsOf(file);
  // The cases' own code (lib.mjs) is readable; a case without flags runs unsandboxed.
  if (flags.length) flags = [...flags, `--allow-read=${cases}`];
  const secretFd = fs.openSync(`${dir}/secret.txt`, "r"); // fd 3 of the child
  const child = spawn(mrt, [...flags, file, dir, String(tcpPort), String(httpPort), loopName], {
    env: { ...process.env, MRT_PERM_OK: "visible", MRT_PERM_SECRET: token },
    stdio: ["ignore", "pipe", "pipe", secretFd],
  });
  fs.closeSync(secretFd);
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  child.stderr.on("data", (d) => { out += d; });
  const timer = setTimeout(() => child.kill("SIGKILL"), 60000);
  return new Promise((resolve) => child.on("close", (code) => {
    clearTimeout(timer);
    resolve({ code, out });
  }));
}

let failed = 0;
const files = fs.readdirSync(cases).filter((f) => f.endsWith(".mjs") && f !== "lib.mjs").sort()
  .filter((f) => !only.length || only.includes(f.replace(/\.mjs$/, "")));
for (const f of files) {
  if (f === "net_dns.mjs" && !loopName) {
    console.log(`-- ${f}: skipped (no name other than localhost resolves to 127.0.0.1 here)`);
    continue;
  }
  const { code, out } = await runCase(path.join(cases, f));
  // Unsandboxed cases read the secret on purpose (it is not printed either).
  const leaked = out.includes(token);
  const bad = code !== 0 || leaked;
  if (bad) failed++;
  console.log(`-- ${f}: ${bad ? "FAIL" : "ok"}${leaked ? " (the secret was printed)" : ""}`);
  if (bad || process.env.VERBOSE) process.stdout.write(out.replaceAll(token, "<secret>"));
}
flipper.kill("SIGKILL");
tcp.close();
web.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(failed ? `${failed} case(s) failed` : `all ${files.length} cases passed`);
process.exit(failed ? 1 : 0);
