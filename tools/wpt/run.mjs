#!/usr/bin/env node
// run.mjs: runs WPT `.any.js` tests (kept outside this repository) under mrt and its peers,
// with testharness.js, and reports pass counts per file and per area.
//
//   node tools/wpt/run.mjs [--wpt DIR] [--runtimes mrt,node,deno,bun] [--timeout MS]
//                          [--json FILE] [--verbose] [--filter RE] PATH...
//
// PATH is a file or folder relative to the WPT root (DIR, default $MRT_WPT_DIR or /work/wpt),
// e.g. `url` or `dom/events/Event-constructors.any.js`. The root holds WPT's layout: the test
// files, their `resources/`, `/common/` and `resources/testharness.js` (tools/wpt/harness.sh
// puts one there from npm's wpt-runner when it is missing).
//
// Each test file becomes one script: a prelude (the shell globals WPT's server would give:
// `self`, `GLOBAL`, `location`; a `fetch` of the test's own JSON/text resources, the same for
// every runtime, so an area without fetch is judged on its API, not on fetch), testharness.js,
// a reporter printing one JSON line, the `// META: script=` files, then the test.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const args = process.argv.slice(2);
let wpt = process.env.MRT_WPT_DIR || "/work/wpt";
let runtimes = ["mrt"];
let timeout = 30000;
let jsonOut = null;
let verbose = false;
let filter = null;
const paths = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const val = () => args[++i];
  if (a === "--wpt") wpt = val();
  else if (a === "--runtimes") runtimes = val().split(",");
  else if (a === "--timeout") timeout = Number(val());
  else if (a === "--json") jsonOut = val();
  else if (a === "--verbose" || a === "-v") verbose = true;
  else if (a === "--filter") filter = new RegExp(val());
  else if (a.startsWith("-")) { console.error(`unknown option ${a}`); process.exit(2); }
  else paths.push(a);
}
if (paths.length === 0) {
  console.error("usage: run.mjs [--wpt DIR] [--runtimes mrt,node,deno,bun] PATH...");
  process.exit(2);
}
wpt = path.resolve(wpt);
const harness = path.join(wpt, "resources/testharness.js");
if (!fs.existsSync(harness)) {
  console.error(`no ${harness}: run tools/wpt/harness.sh ${wpt}`);
  process.exit(2);
}

const peers = process.env.MRT_PEERS_DIR || path.join(os.homedir(), ".cache/mrt-peers");
const mrtBin = process.env.MRT_BIN || path.join(root, "build/tools/mrt");
const commands = {
  mrt: (f) => [mrtBin, [f]],
  node: (f) => [process.execPath, [f]],
  // --location: the base URL a browser would give (Request("") and relative fetches resolve
  // against it); mrt uses the prelude's `location`, node and bun have no such notion.
  deno: (f) => [path.join(peers, "bin/deno"),
    ["run", "-A", "--quiet", "--location", "http://web-platform.test:8000/", f]],
  bun: (f) => [path.join(peers, "bin/bun"), [f]],
};
for (const r of runtimes) {
  if (!commands[r]) { console.error(`unknown runtime ${r}`); process.exit(2); }
}

function collect(p, out) {
  const abs = path.join(wpt, p);
  if (!fs.existsSync(abs)) { console.error(`no such test path: ${abs}`); process.exit(2); }
  if (fs.statSync(abs).isDirectory()) {
    for (const e of fs.readdirSync(abs).sort()) {
      if (e === "resources" || e === "support") continue;
      collect(path.join(p, e), out);
    }
  } else if (/\.any\.js$/.test(p) && (!filter || filter.test(p))) {
    out.push(p);
  }
}
const files = [];
for (const p of paths) collect(p, files);

function metaScripts(text, testRel) {
  const scripts = [];
  for (const m of text.matchAll(/^\/\/ META: script=(.+)$/gm)) {
    const s = m[1].trim();
    scripts.push(s.startsWith("/") ? s.slice(1) : path.join(path.dirname(testRel), s));
  }
  return scripts;
}

// The test's own resources it fetches by a relative name: JSON and text files named in a
// string literal that exist next to the test.
function resources(texts, testRel) {
  const out = {};
  for (const t of texts) {
    for (const m of t.matchAll(/["'`]([\w./-]+\.(?:json|txt))["'`]/g)) {
      const rel = m[1];
      const abs = path.join(wpt, path.dirname(testRel), rel);
      if (fs.existsSync(abs) && fs.statSync(abs).isFile()) {
        out[rel] = fs.readFileSync(abs, "utf8");
      }
    }
  }
  return out;
}

const reporterMark = "@@WPT-RESULT@@";
function build(testRel) {
  const text = fs.readFileSync(path.join(wpt, testRel), "utf8");
  const scripts = metaScripts(text, testRel);
  const scriptTexts = scripts.map((s) => fs.readFileSync(path.join(wpt, s), "utf8"));
  const res = resources([text, ...scriptTexts], testRel);
  const prelude = `
// The file runs as CommonJS under node, deno and bun: without this, UMD scripts a test loads
// (compression's pako) would fill module.exports instead of defining their global.
var module = undefined, exports = undefined, define = undefined;
if (typeof globalThis.self === "undefined") globalThis.self = globalThis;
globalThis.GLOBAL = { isWindow: () => false, isWorker: () => false, isShadowRealm: () => false };
if (typeof globalThis.location === "undefined") {
  globalThis.location = { href: ${JSON.stringify("http://web-platform.test:8000/" + testRel)} };
}
{
  const files = ${JSON.stringify(res)};
  const realFetch = globalThis.fetch;
  globalThis.fetch = function fetch(url, ...rest) {
    const key = String(url);
    if (Object.prototype.hasOwnProperty.call(files, key)) {
      const body = files[key];
      return Promise.resolve({
        ok: true, status: 200,
        text: () => Promise.resolve(body),
        json: () => Promise.resolve(JSON.parse(body)),
      });
    }
    if (typeof realFetch === "function") return realFetch.call(this, url, ...rest);
    return Promise.reject(new TypeError("fetch is not available: " + key));
  };
  // Newer testharness.js has it (tests written for ShadowRealm call it); ours may not.
  if (typeof globalThis.fetch_json === "undefined") {
    globalThis.fetch_json = (resource) => fetch(resource).then((res) => res.json());
  }
}
`;
  const reporter = `
add_completion_callback(function (tests, status) {
  var out = { status: status.status, message: status.message, tests: [] };
  for (var i = 0; i < tests.length; i++) {
    out.tests.push({ name: tests[i].name, status: tests[i].status, message: tests[i].message });
  }
  console.log(${JSON.stringify(reporterMark)} + JSON.stringify(out));
});
`;
  return [
    prelude,
    fs.readFileSync(harness, "utf8"),
    reporter,
    ...scripts.map((s, i) => `// ---- ${s}\n${scriptTexts[i]}`),
    `// ---- ${testRel}\n${text}`,
  ].join("\n;\n");
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mrt-wpt-"));
const STATUS = ["PASS", "FAIL", "TIMEOUT", "NOTRUN", "PRECONDITION_FAILED"];
const results = {}; // file -> runtime -> {pass, total, error?}
for (const f of files) {
  // .cjs: a classic (sloppy) script everywhere, as a browser runs WPT's files: deno and bun
  // would take a .js as a strict ES module, where the tests' undeclared globals throw.
  const script = path.join(tmp, f.replace(/[/\\]/g, "__").replace(/\.js$/, ".cjs"));
  fs.writeFileSync(script, build(f));
  results[f] = {};
  for (const r of runtimes) {
    const [cmd, argv] = commands[r](script);
    const p = spawnSync(cmd, argv, {
      encoding: "utf8", timeout, maxBuffer: 64 << 20,
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    });
    const line = (p.stdout || "").split("\n").find((l) => l.startsWith(reporterMark));
    let rec;
    if (line) {
      const out = JSON.parse(line.slice(reporterMark.length));
      const pass = out.tests.filter((t) => t.status === 0).length;
      rec = { pass, total: out.tests.length, tests: out.tests };
      if (out.status !== 0) rec.error = `harness status ${out.status}: ${out.message}`;
    } else {
      const why = p.error ? String(p.error.code || p.error) : `exit ${p.status} ${p.signal || ""}`;
      const err = (p.stderr || "").trim().split("\n").slice(0, 3).join(" | ");
      rec = { pass: 0, total: 0, error: `no result (${why.trim()}): ${err.slice(0, 300)}` };
    }
    results[f][r] = rec;
  }
  const cells = runtimes.map((r) => {
    const x = results[f][r];
    return `${r} ${x.pass}/${x.total}${x.error ? " !" : ""}`;
  });
  console.log(`${f}: ${cells.join("  ")}`);
  if (verbose) {
    for (const r of runtimes) {
      const x = results[f][r];
      if (x.error) console.log(`  [${r}] ${x.error}`);
      for (const t of x.tests || []) {
        if (t.status !== 0) {
          console.log(`  [${r}] ${STATUS[t.status]} ${t.name}: ${String(t.message).slice(0, 200)}`);
        }
      }
    }
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

// Per area (the first two path parts, or one for a file at the top level).
const areas = {};
for (const f of files) {
  const parts = f.split("/");
  const area = parts.length > 2 ? parts.slice(0, 2).join("/") : parts[0];
  areas[area] ??= Object.fromEntries(runtimes.map((r) => [r, { pass: 0, total: 0, files: 0 }]));
  for (const r of runtimes) {
    areas[area][r].pass += results[f][r].pass;
    areas[area][r].total += results[f][r].total;
    areas[area][r].files++;
  }
}
console.log(`\n| area | ${runtimes.join(" | ")} |\n| --- |${runtimes.map(() => " --- |").join("")}`);
for (const [a, v] of Object.entries(areas)) {
  console.log(`| ${a} | ${runtimes.map((r) => `${v[r].pass}/${v[r].total}`).join(" | ")} |`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ runtimes, results, areas }, null, 1));
