// run.mjs: the fetch suite. Starts the local test server (server.mjs: HTTP and HTTPS on
// 127.0.0.1, certificate made with `openssl req` now), runs each tests/fetch/*.js under the
// runtime with FETCH_HTTP / FETCH_HTTPS in the environment, and compares stdout with the
// .out file beside it. No network beyond loopback.
//   node tests/fetch/run.mjs --mrt build/tools/mrt [names...]   (or --runtime node)
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { start } from "./server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let runtime = null;
const names = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--mrt") runtime = [path.resolve(args[++i]), "run"];
  else if (args[i] === "--runtime") runtime = [args[++i]];
  else names.push(args[i].replace(/\.m?js$/, ""));
}
if (!runtime) {
  console.error("usage: run.mjs --mrt PATH | --runtime CMD [tests...]");
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mrt-fetch-"));
let tls = {};
try {
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
    "-subj", "/CN=localhost", "-keyout", `${tmp}/key.pem`, "-out", `${tmp}/cert.pem`],
    { stdio: "ignore" });
  tls = { cert: fs.readFileSync(`${tmp}/cert.pem`), key: fs.readFileSync(`${tmp}/key.pem`) };
} catch {
  console.error("openssl not available: HTTPS tests will fail");
}
fs.writeFileSync(`${tmp}/file.txt`, "from a file\n");
const srv = await start(tls);

function run(file) {
  return new Promise((resolve) => {
    const child = spawn(runtime[0], [...runtime.slice(1), file], {
      cwd: here,
      env: { ...process.env, FETCH_HTTP: srv.http, FETCH_HTTPS: srv.https ?? "", FETCH_TMP: tmp,
        NO_PROXY: "127.0.0.1,localhost", no_proxy: "127.0.0.1,localhost" },
    });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ out, err, code, signal });
    });
  });
}

const files = fs.readdirSync(here).filter((f) => /\.m?js$/.test(f) && !f.startsWith("_") &&
  fs.existsSync(path.join(here, f.replace(/\.m?js$/, ".out"))))
  .filter((f) => names.length === 0 || names.includes(f.replace(/\.m?js$/, ""))).sort();
let passed = 0, failed = 0;
for (const f of files) {
  const want = fs.readFileSync(path.join(here, f.replace(/\.m?js$/, ".out")), "utf8");
  const t0 = Date.now();
  const r = await run(path.join(here, f));
  const ok = r.code === 0 && r.out === want;
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${f} (${Date.now() - t0} ms)`);
  if (!ok) {
    console.log(`  exit ${r.code}${r.signal ? ` signal ${r.signal}` : ""}`);
    const a = want.split("\n"), b = r.out.split("\n");
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== b[i]) {
        console.log(`  line ${i + 1}:\n    want ${JSON.stringify(a[i])}\n    got  ${JSON.stringify(b[i])}`);
        break;
      }
    }
    if (r.err) console.log("  stderr: " + r.err.slice(0, 2000).replace(/\n/g, "\n  "));
  }
}
srv.close();
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
