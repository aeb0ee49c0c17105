// The measuring flags of the mrt command, run by node: `node tests/prof/check.mjs --mrt PATH`.
// --cpu-prof (and mrt bench --cpu-prof), heap snapshots, --expose-gc, --trace-startup for
// module graphs. Profiles are parsed and checked for the .cpuprofile structure (the one node
// --cpu-prof writes, compared key by key with node's own) and for the hot functions' names.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const mrtAt = args.indexOf("--mrt");
if (mrtAt < 0 || !args[mrtAt + 1]) {
  console.error("usage: node tests/prof/check.mjs --mrt PATH [name-substring]");
  process.exit(2);
}
const MRT = path.resolve(args[mrtAt + 1]);
const only = args.filter((a, i) => i !== mrtAt && i !== mrtAt + 1)[0];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mrt-prof-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

class AssertionError extends Error {}
function assert(cond, msg) { if (!cond) throw new AssertionError(msg || "assertion failed"); }
function eq(a, e, msg) {
  if (!Object.is(a, e)) throw new AssertionError(`${msg ? msg + ": " : ""}expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`);
}

function run(argv, { cwd = tmp, input } = {}) {
  const r = spawnSync(MRT, argv, { cwd, encoding: "utf8", input, timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function freshDir(name) {
  const d = path.join(tmp, name);
  fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(d);
  return d;
}

// Named hot functions, busy for ~300 ms of wall time.
const HOT = `
function hotLoopAlpha(n) { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.sin(i); return s; }
function hotStringBeta(n) { let s = ""; for (let i = 0; i < n; i++) s += String.fromCharCode(65 + (i % 26)); return s.length; }
const end = Date.now() + 300;
let x = 0;
while (Date.now() < end) { x += hotLoopAlpha(20000); x += hotStringBeta(20000); }
console.log("done", x > 0);
`;
const hotFile = path.join(tmp, "hot.js");
fs.writeFileSync(hotFile, HOT);

// The structure of a .cpuprofile (Chrome DevTools Protocol, Profiler.Profile); returns the
// sample count of each function name.
function checkCpuProfile(file) {
  const p = JSON.parse(fs.readFileSync(file, "utf8"));
  eq(Object.keys(p).join(), "nodes,startTime,endTime,samples,timeDeltas", "top-level keys");
  assert(Array.isArray(p.nodes) && p.nodes.length > 1, "nodes");
  const byId = new Map();
  for (const n of p.nodes) {
    assert(Number.isInteger(n.id) && !byId.has(n.id), `unique integer id ${n.id}`);
    byId.set(n.id, n);
    const f = n.callFrame;
    eq(Object.keys(f).join(), "functionName,scriptId,url,lineNumber,columnNumber", "callFrame keys");
    assert(typeof f.functionName === "string" && typeof f.scriptId === "string" && typeof f.url === "string", "callFrame strings");
    assert(Number.isInteger(f.lineNumber) && f.lineNumber >= -1 && Number.isInteger(f.columnNumber) && f.columnNumber >= -1, "0-based positions");
    assert(Number.isInteger(n.hitCount) && n.hitCount >= 0, "hitCount");
    assert(n.children === undefined || (Array.isArray(n.children) && n.children.length > 0), "children: absent on leaves");
    if (n.positionTicks) for (const t of n.positionTicks) assert(t.line > 0 && t.ticks > 0, "positionTicks");
  }
  eq(p.nodes[0].callFrame.functionName, "(root)", "the root first");
  const seen = new Set([p.nodes[0].id]);
  for (const n of p.nodes) for (const c of n.children || []) {
    assert(byId.has(c), `child ${c} exists`);
    assert(!seen.has(c), `child ${c} has one parent`);
    seen.add(c);
  }
  eq(seen.size, p.nodes.length, "every node reachable from the root");
  assert(Number.isInteger(p.startTime) && Number.isInteger(p.endTime) && p.startTime <= p.endTime, "times");
  eq(p.samples.length, p.timeDeltas.length, "one delta per sample");
  let t = p.startTime;
  const hits = new Map();
  for (let i = 0; i < p.samples.length; i++) {
    assert(byId.has(p.samples[i]), `sample ${p.samples[i]} is a node`);
    // A delta may be negative: V8 orders samples as its processor thread takes them, not by
    // their timestamps (node's profiles show it too; seen here under ASan's slowness).
    t += p.timeDeltas[i];
    assert(t >= p.startTime - 1000, "no sample before the profile began");
    const name = byId.get(p.samples[i]).callFrame.functionName;
    hits.set(name, (hits.get(name) || 0) + 1);
  }
  assert(t <= p.endTime + 1000, "samples within the profile");
  // hitCount: V8's tick count of the node, close to the samples that name it (V8 counts them
  // apart: node's own profiles differ by a few too)
  const ticks = p.nodes.reduce((sum, n) => sum + n.hitCount, 0);
  assert(ticks > 0.8 * p.samples.length && ticks < 1.2 * p.samples.length + 2, `ticks ${ticks}, samples ${p.samples.length}`);
  return { profile: p, hits, byId };
}

const NODE_NAME = /^CPU\.\d{8}\.\d{6}\.\d+\.0\.\d{3}\.cpuprofile$/;

const tests = [];
function test(name, fn) { tests.push({ name, fn }); }

test("--cpu-prof: a valid .cpuprofile with the hot functions, named as node names it", () => {
  const dir = freshDir("cpu1");
  const r = run(["--cpu-prof", `--cpu-prof-dir=${dir}`, hotFile]);
  eq(r.code, 0, r.err);
  eq(r.out, "done true\n");
  const files = fs.readdirSync(dir);
  eq(files.length, 1, files.join());
  assert(NODE_NAME.test(files[0]), files[0]);
  const { hits, byId } = checkCpuProfile(path.join(dir, files[0]));
  assert(hits.get("hotLoopAlpha") > 5, `hotLoopAlpha sampled: ${[...hits]}`);
  assert(hits.get("hotStringBeta") > 0, `hotStringBeta sampled: ${[...hits]}`);
  const alpha = [...byId.values()].find((n) => n.callFrame.functionName === "hotLoopAlpha");
  eq(alpha.callFrame.url, "file://" + hotFile, "a file: URL, as node's");
  eq(alpha.callFrame.lineNumber, 1, "0-based line of its definition");
  eq(alpha.callFrame.columnNumber, 21, "0-based column");
});

test("--cpu-prof: the same keys as node's own profile of the same script", () => {
  const dir = freshDir("cpu-node");
  const r = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, hotFile], { encoding: "utf8" });
  eq(r.status, 0, r.stderr);
  const file = fs.readdirSync(dir)[0];
  assert(NODE_NAME.test(file), `node names it ${file}`);
  const { hits } = checkCpuProfile(path.join(dir, file)); // node's passes the same checks
  assert(hits.get("hotLoopAlpha") > 0, "node sampled it too");
});

test("--cpu-prof=FILE and --cpu-prof-interval; written at process.exit and after an uncaught error", () => {
  const dir = freshDir("cpu2");
  const file = path.join(dir, "out.cpuprofile");
  let r = run([`--cpu-prof=${file}`, "--cpu-prof-interval=100", hotFile]);
  eq(r.code, 0, r.err);
  const fine = checkCpuProfile(file).profile;
  const coarse = path.join(dir, "coarse.cpuprofile");
  r = run([`--cpu-prof=${coarse}`, "--cpu-prof-interval=20000", hotFile]);
  eq(r.code, 0, r.err);
  const c = checkCpuProfile(coarse).profile;
  assert(c.samples.length * 4 < fine.samples.length, `100 us: ${fine.samples.length} samples, 20 ms: ${c.samples.length}`);
  const exiting = path.join(dir, "exit.cpuprofile");
  r = run([`--cpu-prof=${exiting}`, "eval", HOT + ";process.exit(3)"]);
  eq(r.code, 3, r.err);
  assert(checkCpuProfile(exiting).hits.get("hotLoopAlpha") > 0, "profiled up to process.exit");
  const throwing = path.join(dir, "throw.cpuprofile");
  r = run([`--cpu-prof=${throwing}`, "eval", HOT + ";throw new Error('boom')"]);
  eq(r.code, 1);
  assert(/boom/.test(r.err), r.err);
  assert(checkCpuProfile(throwing).hits.get("hotLoopAlpha") > 0, "profiled up to the error");
});

test("usage errors: settings without --cpu-prof, bad interval, bad signal", () => {
  for (const [argv, re] of [
    [["--cpu-prof-dir=x", "hot.js"], /--cpu-prof-dir must be used with --cpu-prof/],
    [["--cpu-prof-interval=10", "hot.js"], /--cpu-prof-interval must be used with --cpu-prof/],
    [["--cpu-prof", "--cpu-prof-interval=0", "hot.js"], /invalid --cpu-prof-interval '0'/],
    [["--cpu-prof", "--cpu-prof-interval=abc", "hot.js"], /invalid --cpu-prof-interval 'abc'/],
    [["--cpu-prof=", "hot.js"], /--cpu-prof= needs a file name/],
    [["--heap-snapshot-signal=SIGNOPE", "hot.js"], /invalid --heap-snapshot-signal 'SIGNOPE'/],
  ]) {
    const r = run(argv);
    eq(r.code, 2, `${argv.join(" ")}: ${r.err}`);
    assert(re.test(r.err), r.err);
  }
  const r = run(["--cpu-prof=/nonexistent-dir/x.cpuprofile", "eval", "1"]);
  eq(r.code, 0, "the program's own status");
  assert(/cannot write the CPU profile '\/nonexistent-dir\/x.cpuprofile'/.test(r.err), r.err);
});

test("mrt bench --cpu-prof: one profile per benchmark, of its measured part", () => {
  const dir = freshDir("bench");
  const file = path.join(tmp, "b.js");
  fs.writeFileSync(file, `
function fibHotGamma(n) { return n <= 1 ? n : fibHotGamma(n - 1) + fibHotGamma(n - 2); }
function sortHotDelta() { return Array.from({ length: 300 }, (_, i) => (i * 7919) % 300).sort((a, b) => a - b); }
bench({ name: "fib", fn: () => fibHotGamma(16), time: 200 });
bench({ name: "sort", fn: () => sortHotDelta(), time: 200 });
`);
  const r = run(["bench", "--json", "--cpu-prof", `--cpu-prof-dir=${dir}`, file]);
  eq(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  eq(doc.benchmarks.length, 2);
  const [fib, sort] = doc.benchmarks;
  for (const b of doc.benchmarks) assert(NODE_NAME.test(path.basename(b.cpuProfile)), b.cpuProfile);
  const f = checkCpuProfile(fib.cpuProfile).hits, s = checkCpuProfile(sort.cpuProfile).hits;
  assert(f.get("fibHotGamma") > 0 && !f.has("sortHotDelta"), `fib's profile: ${[...f]}`);
  assert(s.get("sortHotDelta") > 0 && !s.has("fibHotGamma"), `sort's profile: ${[...s]}`);
  eq(fs.readdirSync(dir).length, 2);
  // --cpu-prof=FILE: FILE numbered per benchmark
  const named = path.join(dir, "run.cpuprofile");
  const r2 = run(["bench", "--json", `--cpu-prof=${named}`, file]);
  eq(r2.code, 0, r2.err);
  const doc2 = JSON.parse(r2.out);
  eq(doc2.benchmarks.map((b) => b.cpuProfile).join(), [path.join(dir, "run.001.cpuprofile"), path.join(dir, "run.002.cpuprofile")].join());
  assert(checkCpuProfile(doc2.benchmarks[1].cpuProfile).hits.get("sortHotDelta") > 0, "the second is sort's");
});

function checkHeapSnapshot(file, mustHave) {
  const h = JSON.parse(fs.readFileSync(file, "utf8"));
  const meta = h.snapshot.meta;
  assert(Array.isArray(meta.node_fields) && meta.node_fields.includes("name"), "node_fields");
  eq(h.nodes.length, h.snapshot.node_count * meta.node_fields.length, "nodes");
  eq(h.edges.length, h.snapshot.edge_count * meta.edge_fields.length, "edges");
  assert(h.strings.includes(mustHave), `${mustHave} among the strings`);
}

test("--heap-snapshot-on-exit: a .heapsnapshot holding the program's objects", () => {
  const dir = freshDir("heap1");
  const r = run(["--heap-snapshot-on-exit", "eval", "class VeryDistinctiveClass {}; globalThis.keep = new VeryDistinctiveClass();"], { cwd: dir });
  eq(r.code, 0, r.err);
  const files = fs.readdirSync(dir);
  eq(files.length, 1);
  assert(/^Heap\.\d{8}\.\d{6}\.\d+\.0\.001\.heapsnapshot$/.test(files[0]), files[0]);
  checkHeapSnapshot(path.join(dir, files[0]), "VeryDistinctiveClass");
});

test("--heap-snapshot-signal=SIGUSR2: a snapshot each time the signal comes", async () => {
  const dir = freshDir("heap2");
  // The program ends once it sees two snapshots: they are written on its thread, so both are
  // whole when its timer runs.
  const child = spawn(MRT, ["--heap-snapshot-signal=SIGUSR2", "eval",
    "import fs from 'node:fs'; class SignalledClass {}; globalThis.k = new SignalledClass(); console.log('ready');" +
    "const end = Date.now() + 20000; const t = setInterval(() => { if (fs.readdirSync('.').length >= 2 || Date.now() > end) clearInterval(t); }, 20);"],
  { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve) => child.stdout.once("data", resolve));
  const count = () => fs.readdirSync(dir).filter((f) => f.endsWith(".heapsnapshot")).length;
  const waitFor = async (n) => {
    for (let i = 0; i < 200 && count() < n; i++) await new Promise((r) => setTimeout(r, 50));
  };
  child.kill("SIGUSR2");
  await waitFor(1);
  child.kill("SIGUSR2");
  const code = await new Promise((r) => child.on("exit", r));
  eq(code, 0);
  const files = fs.readdirSync(dir).sort();
  eq(files.length, 2, files.join());
  checkHeapSnapshot(path.join(dir, files[1]), "SignalledClass");
});

test("--expose-gc: gc() as node's (minor and async forms too); absent without the flag", () => {
  let r = run(["--expose-gc", "eval",
    "const before = new WeakRef({}); gc(); gc({ type: 'minor' }); const p = gc({ execution: 'async' });" +
    "console.log(typeof gc, p instanceof Promise, Object.getOwnPropertyDescriptor(globalThis, 'gc').enumerable)"]);
  eq(r.code, 0, r.err);
  const n = spawnSync(process.execPath, ["--expose-gc", "-e",
    "const p = gc({ execution: 'async' }); console.log(typeof gc, p instanceof Promise, Object.getOwnPropertyDescriptor(globalThis, 'gc').enumerable)"],
  { encoding: "utf8" });
  eq(r.out, n.stdout, "as node prints");
  r = run(["eval", "console.log(typeof gc)"]);
  eq(r.out, "undefined\n");
  // a collection frees what is unreachable: a FinalizationRegistry callback runs
  r = run(["--expose-gc", "eval",
    "const reg = new FinalizationRegistry((v) => console.log('finalized', v)); (function () { reg.register({}, 'x'); })(); gc();"]);
  eq(r.out, "finalized x\n", r.err);
});

test("--expose-gc: mitata finds gc() (its fallback allocates 1 GiB per sample)", () => {
  const lib = path.resolve(here, "../packages/node_modules/mitata/src/lib.mjs");
  if (!fs.existsSync(lib)) {
    console.log("     skipped: mitata is not installed (tools/setup.sh installs tests/packages)");
    return;
  }
  const code = `import { gc } from ${JSON.stringify(lib)}; console.log(gc.fallback === true);`;
  eq(run(["--expose-gc", "--module", "eval", code]).out, "false\n", "gc() found");
  eq(run(["--module", "eval", code]).out, "true\n", "the fallback without the flag");
});

test("--trace-startup: the module graph's phases and its slowest modules", () => {
  const dir = freshDir("mods");
  for (let i = 1; i <= 3; i++) fs.writeFileSync(path.join(dir, `m${i}.mjs`), `export const v${i} = ${i};\n`);
  // a large module, the slowest to read and compile
  fs.writeFileSync(path.join(dir, "big.mjs"), Array.from({ length: 3000 }, (_, i) => `export function f${i}(a) { return a + ${i}; }`).join("\n"));
  fs.writeFileSync(path.join(dir, "main.mjs"), `import { v1 } from "./m1.mjs"; import { v2 } from "./m2.mjs"; import "./m3.mjs"; import { f7 } from "./big.mjs"; console.log(v1 + v2 + f7(0));\n`);
  let r = run(["--trace-startup=json", "main.mjs"], { cwd: dir });
  eq(r.code, 0, r.err);
  eq(r.out, "10\n");
  const t = JSON.parse(r.err.trim().split("\n").pop());
  const m = t.modules;
  eq(m.count, 5, "main and its four imports");
  for (const k of ["resolve_us", "read_us", "compile_us", "instantiate_us", "evaluate_us"]) assert(m[k] > 0, `${k} ${m[k]}`);
  eq(m.slowest.length, 5);
  eq(m.slowest[0].url, "file://" + path.join(fs.realpathSync(dir), "big.mjs"), "the big one is slowest");
  for (let i = 1; i < m.slowest.length; i++) assert(m.slowest[i - 1].total_us >= m.slowest[i].total_us, "slowest first");
  r = run(["--trace-startup", "main.mjs"], { cwd: dir });
  assert(/^  modules: 5; resolve [\d.]+, read [\d.]+, compile [\d.]+, instantiate [\d.]+, evaluate [\d.]+$/m.test(r.err), r.err);
  assert(/slowest modules/.test(r.err) && /big\.mjs \(read [\d.]+, compile [\d.]+, resolve [\d.]+\)/.test(r.err), r.err);
  r = run(["--trace-startup", hotFile]); // CommonJS: no module graph
  assert(!/modules:/.test(r.err), r.err);
});

test("--trace-startup: the CPU before main split at the libraries' loading, and page faults", () => {
  const r = run(["--trace-startup=json", "eval", "1"]);
  eq(r.code, 0, r.err);
  const t = JSON.parse(r.err.trim().split("\n").pop());
  assert(t.pre_main_cpu_us > 0, `pre_main_cpu_us ${t.pre_main_cpu_us}`);
  // Minor page faults: loading the libraries and making V8's heap fault pages in, always.
  const pf = t.page_faults;
  assert(pf && pf.before_main > 0 && pf.runtime > 0 && pf.rest >= 0, JSON.stringify(pf));
  // The split at the libraries' loading comes from mrt's own .preinit_array: always there.
  assert(t.loaded_cpu_us > 0 && t.loaded_cpu_us <= t.pre_main_cpu_us, JSON.stringify(t));
  const text = run(["--trace-startup", "eval", "1"]).err;
  assert(/^    loading +[\d.]+  \(exec, mapping and relocating the libraries\)$/m.test(text), text);
  assert(/^    constructors +[\d.]+  \(the libraries' static constructors\)$/m.test(text), text);
  assert(/^  page faults: \d+ before main, \d+ making the runtime \(V8 init to bootstrap\), \d+ after$/m.test(text), text);
  // The phases after main, with libmrt's own part of making the runtime and what lies between
  // phases, add up to main -> exit (each line is rounded to 0.1 us).
  const lines = text.split("\n");
  const end = lines.findIndex((l) => /^  main -> exit +[\d.]+$/.test(l));
  assert(end > 0, text);
  const start = lines.findIndex((l) => /^  V8 init +[\d.]+$/.test(l));
  assert(start > 0 && start < end, text);
  const phases = lines.slice(start, end).map((l) => /^  (\S.*?) +([\d.]+)$/.exec(l));
  assert(phases.every(Boolean), text);
  const names = phases.map((m) => m[1]);
  assert(names.includes("runtime (mrt's part)") && names.at(-1) === "between phases", names.join(", "));
  const sum = phases.reduce((s, m) => s + Number(m[2]), 0);
  const total = Number(/^  main -> exit +([\d.]+)$/.exec(lines[end])[1]);
  assert(Math.abs(sum - total) <= 0.05 * (phases.length + 1), `phases ${sum} against main -> exit ${total}`);
});

test("bench() under mrt run: reported, not silently ignored", () => {
  const r = run(["eval", "bench('lonely', () => 1); console.log('ran')"]);
  eq(r.code, 0);
  eq(r.out, "ran\n");
  assert(/bench\("lonely"\) registers a benchmark, but only 'mrt bench FILE' runs benchmarks/.test(r.err), r.err);
});

let passed = 0, failed = 0;
for (const t of tests) {
  if (only && !t.name.includes(only)) continue;
  const t0 = Date.now();
  try {
    await t.fn();
    passed++;
    console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${t.name}\n     ${e && e.stack ? e.stack.split("\n").slice(0, 3).join("\n     ") : e}`);
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
