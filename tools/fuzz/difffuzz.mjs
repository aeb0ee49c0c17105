#!/usr/bin/env node
// difffuzz.mjs: differential fuzzing of mrt against node (the oracle).
//
// Generates random programs mixing timers, immediates, intervals, microtasks, promises,
// async functions, caught throws and rejections, clears, host-API calls with a node
// equivalent (TextEncoder/TextDecoder, atob/btoa, structuredClone) and file I/O (mrt.* file
// API; under node a small prelude maps the same names onto fs). Each program runs twice
// under node and twice under mrt (use the ASan build); a program whose output differs
// between two runs of the same runtime is a race and is excluded. A deterministic program
// whose stdout or exit code differs from node's, or any sanitizer report or crash, is a
// finding: it is re-checked, shrunk by the reducer and saved.
//
//   node tools/fuzz/difffuzz.mjs --mrt build-asan/tools/mrt [--minutes N | --count N]
//        [--seconds N] [--seed S] [--out DIR] [--intervals] [--no-io] [--timeout MS]
//        [--differs-nonfatal] [-v]
//   node tools/fuzz/difffuzz.mjs --mrt build-asan/tools/mrt --replay prog.js   (one file)
//
// Intervals are excluded by default (--intervals includes them). Their re-queue order now
// matches node's (issue #11), but short intervals make many programs whose order depends on
// how long a callback takes (FINDINGS.md, finding 4), too noisy for the CI smoke.
//
// Findings: <out>/<seed>/ holds prog.js (the original), min.js (reduced), node.out,
// mrt.out, mrt.err and a README line with the command that reproduces it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
function opt(name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
}
const flag = (name) => args.includes(name);
const mrtBin = opt("--mrt", "build-asan/tools/mrt");
const minutes = Number(opt("--minutes", "0"));
const count = Number(opt("--count", minutes ? "0" : "20"));
let seed = Number(opt("--seed", String(Date.now() % 1e9)));
const outDir = opt("--out", "fuzz-findings/difffuzz");
const withIntervals = flag("--intervals");
const withIO = !flag("--no-io");
const verbose = flag("-v");
const replay = opt("--replay", null);
const timeoutMs = Number(opt("--timeout", "20000"));
const seconds = Number(opt("--seconds", "0")); // no new program after this long (0: no limit)
// Crashes, hangs and sanitizer reports always fail the run; with this flag a difference from
// node is saved and reported but does not: some programs order a short timer against file
// I/O, and each runtime orders them the same way every run at its own speed (a race the
// double run cannot see). The CI smoke uses it; long runs keep differences fatal.
const differsNonFatal = flag("--differs-nonfatal");

// ------------------------------------------------------------------ random

let rngState = 0;
function rnd() { // mulberry32
  rngState = (rngState + 0x6d2b79f5) | 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n) => Math.floor(rnd() * n);
const choose = (a) => a[pick(a.length)];

// ------------------------------------------------------------------ programs
//
// A program is a tree: a node is a string (one statement) or {open, body: [nodes], close}.
// The reducer removes nodes; labels are fixed at generation, so what remains still prints
// the same labels.

const PRELUDE = `// difffuzz prelude: the same names under mrt and node
const DIR = typeof mrt === "object" ? mrt.args[0] : process.argv[2];
const IO = typeof mrt === "object" ? {
  write: (p, t) => mrt.writeTextFile(DIR + "/" + p, t),
  append: (p, t) => mrt.writeTextFile(DIR + "/" + p, t, { append: true }),
  read: (p) => mrt.readTextFile(DIR + "/" + p),
  size: async (p) => (await mrt.stat(DIR + "/" + p)).size,
  remove: (p) => mrt.remove(DIR + "/" + p),
  writeSync: (p, t) => mrt.writeTextFileSync(DIR + "/" + p, t),
  readSync: (p) => mrt.readTextFileSync(DIR + "/" + p),
} : (() => {
  const fs = require("fs");
  return {
    write: (p, t) => fs.promises.writeFile(DIR + "/" + p, t),
    append: (p, t) => fs.promises.appendFile(DIR + "/" + p, t),
    read: (p) => fs.promises.readFile(DIR + "/" + p, "utf8"),
    size: async (p) => (await fs.promises.stat(DIR + "/" + p)).size,
    remove: (p) => fs.promises.rm(DIR + "/" + p),
    writeSync: (p, t) => fs.writeFileSync(DIR + "/" + p, t),
    readSync: (p) => fs.readFileSync(DIR + "/" + p, "utf8"),
  };
})();
const H = [];
`;

function gen() {
  let label = 0;
  const handles = []; // [id, clear function] of the timers made so far (a clear matches its kind)
  let budget = 12 + pick(30);
  const delays = [0, 0, 1, 1, 2, 5, 20];
  const texts = ["", "a", "hello", "h\u00e9llo", "\u20ac\u{1F600}", "x".repeat(100)];

  function body(depth) {
    const n = 1 + pick(depth === 0 ? 8 : 4);
    const out = [];
    for (let i = 0; i < n && budget > 0; i++) out.push(stmt(depth));
    return out;
  }

  function stmt(depth) {
    budget--;
    const id = label++;
    const log = `console.log("L${id}");`;
    const nest = depth < 3;
    const kinds = ["log", "log", "micro", "then", "async", "throw", "reject", "ops", "clear"];
    if (nest) kinds.push("timeout", "timeout", "immediate", "immediate");
    if (nest && withIntervals) kinds.push("interval");
    if (withIO) kinds.push("io", "iosync");
    const block = (open, close, extra = []) => ({ open, body: [...extra, ...(nest ? body(depth + 1) : [])], close });
    switch (choose(kinds)) {
      case "log": return log;
      case "timeout":
        handles.push([id, "clearTimeout"]);
        return block(`H[${id}] = setTimeout(() => { console.log("T${id}");`, `}, ${choose(delays)});`);
      case "immediate":
        handles.push([id, "clearImmediate"]);
        return block(`H[${id}] = setImmediate(() => { console.log("I${id}");`, `});`);
      case "interval": {
        const times = 1 + pick(3);
        handles.push([id, choose(["clearInterval", "clearTimeout"])]);
        // Its own handle clears it: H[id] is overwritten when the code making it runs again.
        return block(`{ let c${id} = 0; const h = setInterval(() => { console.log("V${id}", c${id});` +
          ` if (++c${id} >= ${times}) clearInterval(h);`, `}, ${choose(delays)}); H[${id}] = h; }`);
      }
      case "micro":
        return block(`queueMicrotask(() => { console.log("M${id}");`, `});`);
      case "then":
        return block(`Promise.resolve(${id}).then((v) => { console.log("P" + v);`, `});`);
      case "async":
        return block(`(async () => { console.log("A${id}"); await ${choose(["null", "undefined", `Promise.resolve(${id})`, "new Promise((r) => setTimeout(r, 1))"])}; console.log("A${id}b");`, `})();`);
      case "throw":
        return block(`try { console.log("Y${id}"); throw new Error("E${id}"); } catch (e) { console.log("caught", e.message);`, `}`);
      case "reject":
        return block(`Promise.reject(new Error("R${id}")).catch((e) => { console.log("rejected", e.message);`, `});`);
      case "ops": {
        const t = JSON.stringify(choose(texts));
        return choose([
          `console.log("O${id}", btoa(unescape(encodeURIComponent(${t}))));`,
          `console.log("O${id}", new TextDecoder().decode(new TextEncoder().encode(${t})));`,
          `console.log("O${id}", JSON.stringify(structuredClone({ a: [${id}, ${t}], b: { c: null } })));`,
          `try { atob("${choose(["@@", "abc", "a===", "YQ"])}"); console.log("O${id} ok"); } catch (e) { console.log("O${id}", e.name); }`,
          `console.log("O${id}", [...new TextEncoder().encode(${t})].length);`,
        ]);
      }
      case "clear": {
        if (!handles.length) return log;
        const [k, clear] = choose(handles);
        return `${clear}(H[${k}]);`;
      }
      case "io": {
        // A file of its own: two chains on one file would race each other.
        const f = `f${id}`;
        const t = JSON.stringify(choose(texts));
        // No nested code: concurrent file operations complete in any order, so their lines
        // ("W") are compared as a set (see key()), and nothing else may hang off them.
        return `(async () => { try { ${choose([
          `await IO.write("${f}", ${t}); console.log("W${id}", JSON.stringify(await IO.read("${f}")));`,
          `await IO.append("${f}", ${t}); console.log("W${id}", await IO.size("${f}") >= ${t.length - 2});`,
          `await IO.read("missing${id}"); console.log("W${id} read?!");`,
          `await IO.write("${f}", ${t}); await IO.remove("${f}"); console.log("W${id} removed");`,
        ])} } catch (e) { console.log("W${id}", e.code); } })();`;
      }
      case "iosync": {
        const t = JSON.stringify(choose(texts));
        return `try { IO.writeSync("s${id}", ${t}); console.log("S${id}", JSON.stringify(IO.readSync("s${id}"))); } catch (e) { console.log("S${id}", e.code); }`;
      }
    }
    return log;
  }
  return body(0);
}

function render(nodes, indent = "") {
  let s = "";
  for (const n of nodes) {
    if (typeof n === "string") s += indent + n + "\n";
    else s += indent + n.open + "\n" + render(n.body, indent + "  ") + indent + n.close + "\n";
  }
  return s;
}

// ------------------------------------------------------------------ running

const work = fs.mkdtempSync(path.join(os.tmpdir(), "difffuzz-"));

function runOnce(cmd, argv, file) {
  const dir = fs.mkdtempSync(path.join(work, "io-"));
  const r = spawnSync(cmd, [...argv, file, dir], {
    encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 << 20,
    env: { ...process.env, ASAN_OPTIONS: "detect_leaks=1:abort_on_error=0", UBSAN_OPTIONS: "print_stacktrace=1" },
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return { out: r.stdout ?? "", err: r.stderr ?? "", code: r.status, signal: r.signal, timedOut: r.error?.code === "ETIMEDOUT" };
}

// Output as compared: lines in order, except the lines of asynchronous file operations ("W"),
// whose completion order is not defined, compared as a sorted set.
const key = (r) => {
  const lines = r.out.split("\n");
  const io = lines.filter((l) => /^W\d/.test(l)).sort();
  return `${r.code}|${r.signal}|${lines.filter((l) => !/^W\d/.test(l)).join("\n")}|${io.join("\n")}`;
};
const sanitizerReport = (r) => /ERROR: (Address|Leak)Sanitizer|runtime error:|AddressSanitizer/.test(r.err);

// Runs a program; returns {status: "same" | "race" | "differs" | "crash", node, mrt}.
function judge(source, runs = 2) {
  const file = path.join(work, "prog.js");
  fs.writeFileSync(file, source);
  const nodeRuns = [], mrtRuns = [];
  for (let i = 0; i < runs; i++) {
    nodeRuns.push(runOnce(process.execPath, [], file));
    mrtRuns.push(runOnce(mrtBin, ["run"], file));
  }
  const m = mrtRuns.find((r) => sanitizerReport(r) || (r.signal && r.signal !== "SIGTERM") || r.code > 128);
  if (m) return { status: "crash", node: nodeRuns[0], mrt: m };
  if (nodeRuns.some((r) => r.timedOut)) return { status: "race", node: nodeRuns[0], mrt: mrtRuns[0] };
  if (mrtRuns.some((r) => r.timedOut)) return { status: "hang", node: nodeRuns[0], mrt: mrtRuns[0] };
  const nodeSame = nodeRuns.every((r) => key(r) === key(nodeRuns[0]));
  const mrtSame = mrtRuns.every((r) => key(r) === key(mrtRuns[0]));
  if (!nodeSame || !mrtSame) return { status: "race", node: nodeRuns[0], mrt: mrtRuns[0] };
  if (key(nodeRuns[0]) !== key(mrtRuns[0])) return { status: "differs", node: nodeRuns[0], mrt: mrtRuns[0] };
  return { status: "same", node: nodeRuns[0], mrt: mrtRuns[0] };
}

// ------------------------------------------------------------------ reducer

// Removes nodes (and unwraps blocks into their bodies) while the program keeps failing the
// same way; a removal that makes it racy or passing is undone.
function reduce(tree, status) {
  const stillFails = (t) => judge(PRELUDE + render(t), status === "differs" ? 3 : 2).status === status;
  let changed = true;
  let tries = 0;
  while (changed && tries < 400) {
    changed = false;
    const paths = [];
    (function walk(nodes, p) {
      nodes.forEach((n, i) => {
        paths.push([...p, i]);
        if (typeof n !== "string") walk(n.body, [...p, i]);
      });
    })(tree, []);
    for (const p of paths.reverse()) {
      for (const mode of ["remove", "unwrap"]) {
        const copy = structuredClone(tree);
        let list = copy;
        for (const i of p.slice(0, -1)) list = list[i].body;
        const last = p[p.length - 1];
        if (!list || last >= list.length) continue;
        if (mode === "remove") list.splice(last, 1);
        else if (typeof list[last] !== "string") list.splice(last, 1, ...list[last].body);
        else continue;
        tries++;
        if (stillFails(copy)) {
          tree = copy;
          changed = true;
          if (verbose) console.error(`  reduced to ${render(tree).split("\n").length} lines`);
          break;
        }
      }
      if (changed) break;
    }
  }
  return tree;
}

// ------------------------------------------------------------------ main

function save(seedUsed, tree, verdict) {
  const dir = path.join(outDir, String(seedUsed));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "prog.js"), PRELUDE + render(tree));
  const small = verdict.status === "crash" || verdict.status === "differs" ? reduce(tree, verdict.status) : tree;
  const min = PRELUDE + render(small);
  fs.writeFileSync(path.join(dir, "min.js"), min);
  const again = judge(min, 2);
  fs.writeFileSync(path.join(dir, "node.out"), again.node.out);
  fs.writeFileSync(path.join(dir, "mrt.out"), again.mrt.out);
  fs.writeFileSync(path.join(dir, "mrt.err"), again.mrt.err);
  fs.writeFileSync(path.join(dir, "README"),
    `${verdict.status}: seed ${seedUsed}${withIntervals ? " --intervals" : ""}${withIO ? "" : " --no-io"}\n` +
    `node exit ${again.node.code}, mrt exit ${again.mrt.code} ${again.mrt.signal ?? ""}\n` +
    `reproduce: node tools/fuzz/difffuzz.mjs --mrt ${mrtBin} --replay ${path.join(dir, "min.js")}\n`);
  return dir;
}

if (replay) {
  const v = judge(fs.readFileSync(replay, "utf8"), 3);
  console.log(`${replay}: ${v.status}`);
  if (v.status !== "same") {
    console.log("--- node (exit " + v.node.code + ")\n" + v.node.out + "--- mrt (exit " + v.mrt.code + ")\n" + v.mrt.out);
    if (v.mrt.err) console.log("--- mrt stderr\n" + v.mrt.err.slice(0, 4000));
  }
  process.exit(v.status === "same" || v.status === "race" ? 0 : 1);
}

if (!fs.existsSync(mrtBin)) {
  console.error(`difffuzz: no mrt binary at ${mrtBin} (build it, or pass --mrt)`);
  process.exit(2);
}
const start = Date.now();
const stats = { same: 0, race: 0, differs: 0, crash: 0, hang: 0 };
const found = [];
for (let i = 0; ; i++) {
  if (count && i >= count) break;
  if (minutes && Date.now() - start > minutes * 60e3) break;
  if (seconds && Date.now() - start > seconds * 1e3) break;
  if (!count && !minutes) break;
  const s = seed + i;
  rngState = s;
  const tree = gen();
  const v = judge(PRELUDE + render(tree));
  stats[v.status]++;
  if (verbose) console.error(`seed ${s}: ${v.status}`);
  if (v.status === "differs" || v.status === "crash" || v.status === "hang") {
    // Confirm with more runs before reporting (a rare race can look deterministic twice).
    const again = v.status === "differs" ? judge(PRELUDE + render(tree), 4) : v;
    if (again.status !== v.status) {
      stats[v.status]--;
      stats.race++;
      continue;
    }
    const dir = save(s, tree, v);
    if (v.status !== "differs" || !differsNonFatal) found.push(dir);
    console.error(`difffuzz: ${v.status} at seed ${s} -> ${dir}`);
  }
}
fs.rmSync(work, { recursive: true, force: true });
const secs = ((Date.now() - start) / 1000).toFixed(0);
const total = Object.values(stats).reduce((a, b) => a + b, 0);
console.log(`difffuzz: ${total} programs in ${secs} s from seed ${seed}` +
  ` (intervals ${withIntervals ? "on" : "off"}, io ${withIO ? "on" : "off"}): ` +
  Object.entries(stats).map(([k, v]) => `${v} ${k}`).join(", "));
process.exit(found.length ? 1 : 0);
