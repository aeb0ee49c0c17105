// run.mjs: runs test262 tests (a checkout kept outside the repository) against mrt and,
// for comparison, node/deno/bun. Reads each test's frontmatter (includes, flags, negative),
// prepends the harness, runs it as a classic script (strict and sloppy unless a flag says
// one) or a module, and prints pass counts per runtime; -v lists each failure.
//   node tools/test262/run.mjs [--root /work/test262] [--runtimes mrt,node,deno,bun] [-v]
//        built-ins/ArrayBuffer/prototype/transfer ...
// MRT_BIN overrides the mrt binary (default ./build/tools/mrt). A test262 checkout: the
// `harness` and `test` folders of tc39/test262.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
let root = "/work/test262";
let runtimes = ["mrt"];
let verbose = false;
const paths = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--root") root = args[++i];
  else if (a === "--runtimes") runtimes = args[++i].split(",");
  else if (a === "-v") verbose = true;
  else paths.push(a);
}
if (!paths.length) {
  console.error("usage: run.mjs [--root DIR] [--runtimes mrt,node,deno,bun] [-v] test-path...");
  process.exit(2);
}

// deno and bun as tools/compare installs them (MRT_PEERS_DIR, as tools/wpt/run.mjs).
const peers = process.env.MRT_PEERS_DIR || path.join(os.homedir(), ".cache/mrt-peers");
const commands = {
  mrt: (f, module) => [process.env.MRT_BIN || "./build/tools/mrt", [module ? "--module" : "--script", f]],
  node: (f) => ["node", [f]],
  deno: (f) => [path.join(peers, "bin/deno"), ["run", "-A", "--quiet", f]],
  bun: (f) => [path.join(peers, "bin/bun"), [f]],
};
// The file's extension picks script or module where a runtime has no flag for it.
const ext = (module) => (module ? ".mjs" : ".cjs");

function collect(p, out) {
  const full = path.join(root, "test", p);
  const st = fs.statSync(full);
  if (st.isDirectory()) {
    for (const e of fs.readdirSync(full).sort()) collect(path.join(p, e), out);
  } else if (p.endsWith(".js") && !p.includes("_FIXTURE")) {
    out.push(p);
  }
}

function frontmatter(src) {
  const m = /\/\*---([\s\S]*?)---\*\//.exec(src);
  const meta = { includes: [], flags: [], negative: null, features: [] };
  if (!m) return meta;
  const y = m[1];
  const list = (key) => {
    const inline = new RegExp(`^${key}:\\s*\\[(.*)\\]`, "m").exec(y);
    if (inline) return inline[1].split(",").map((s) => s.trim()).filter(Boolean);
    const block = new RegExp(`^${key}:\\s*\\n((?:\\s+-.*\\n?)+)`, "m").exec(y);
    if (block) return block[1].split("\n").map((s) => s.replace(/^\s*-\s*/, "").trim()).filter(Boolean);
    return [];
  };
  meta.includes = list("includes");
  meta.flags = list("flags");
  meta.features = list("features");
  const neg = /^negative:\s*\n\s+phase:\s*(\w+)\s*\n\s+type:\s*(\w+)/m.exec(y) ||
    /^negative:\s*\n\s+type:\s*(\w+)\s*\n\s+phase:\s*(\w+)/m.exec(y);
  if (neg) {
    meta.negative = /phase/.test(neg[0].split("\n")[1])
      ? { phase: neg[1], type: neg[2] }
      : { phase: neg[2], type: neg[1] };
  }
  return meta;
}

// The host-defined $262 (what the ArrayBuffer, TypedArray and most built-ins tests use);
// detachArrayBuffer through structuredClone's transfer, which every runtime has.
// print: what the async harness (doneprintHandle.js) reports through; no runtime here
// has it as a global.
const host = `
var print = typeof print === "function" ? print : (s) => console.log(s);
var $262 = {
  global: globalThis,
  detachArrayBuffer(buffer) { structuredClone(buffer, { transfer: [buffer] }); return null; },
  evalScript(src) { return (0, eval)(src); },
  gc() { if (typeof gc === "function") gc(); else throw new Test262Error("gc unavailable"); },
  createRealm() { throw new Test262Error("createRealm unavailable"); },
  agent: {},
};
`;
const harnessCache = new Map();
const harness = (name) => {
  if (!harnessCache.has(name)) harnessCache.set(name, fs.readFileSync(path.join(root, "harness", name), "utf8"));
  return harnessCache.get(name);
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "test262-"));
let seq = 0;

function runOne(runtime, test, src, meta, strict) {
  const module = meta.flags.includes("module");
  const raw = meta.flags.includes("raw");
  let code;
  if (raw) code = src;
  else {
    const inc = ["assert.js", "sta.js"];
    if (meta.flags.includes("async")) inc.push("doneprintHandle.js");
    for (const i of meta.includes) if (!inc.includes(i)) inc.push(i);
    code = (strict ? '"use strict";\n' : "") + host + inc.map(harness).join("\n") + "\n" + src;
  }
  const file = path.join(tmp, `t${seq++}${ext(module)}`);
  fs.writeFileSync(file, code);
  const [cmd, argv] = commands[runtime](file, module);
  const r = spawnSync(cmd, argv, { encoding: "utf8", timeout: 10000 });
  fs.unlinkSync(file);
  const out = (r.stdout || "") + (r.stderr || "");
  if (meta.negative) {
    const ok = r.status !== 0 && out.includes(meta.negative.type);
    return ok ? null : `expected ${meta.negative.type} (${meta.negative.phase}); exit ${r.status}`;
  }
  if (r.error) return String(r.error);
  if (r.status !== 0) return out.trim().split("\n").slice(0, 3).join(" | ") || `exit ${r.status}`;
  if (meta.flags.includes("async") && !out.includes("Test262:AsyncTestComplete")) {
    return out.trim().split("\n")[0] || "async test did not complete";
  }
  return null;
}

const tests = [];
for (const p of paths) collect(p, tests);
const totals = {};
for (const runtime of runtimes) {
  let pass = 0, total = 0;
  for (const t of tests) {
    const src = fs.readFileSync(path.join(root, "test", t), "utf8");
    const meta = frontmatter(src);
    const modes = meta.flags.includes("module") || meta.flags.includes("raw") || meta.flags.includes("noStrict")
      ? [false]
      : meta.flags.includes("onlyStrict") ? [true] : [false, true];
    total++;
    let err = null;
    for (const strict of modes) {
      err = runOne(runtime, t, src, meta, strict);
      if (err) {
        err = `${strict ? "strict: " : ""}${err}`;
        break;
      }
    }
    if (!err) pass++;
    else if (verbose) console.log(`${runtime} FAIL ${t}: ${err}`);
  }
  totals[runtime] = `${pass}/${total}`;
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(Object.entries(totals).map(([r, c]) => `${r} ${c}`).join("  "));
