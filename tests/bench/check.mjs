// Tests of core/ext/bench/bench.js and bench_impl.js (the runner it loads), run by node: `node tests/bench/check.mjs [name-substring]`.
//
// bench.js is loaded into a fresh vm context per test with a fake runtime object P. The
// fake clock (P.ops.hrtime) only moves when a test moves it: by `clockCost` ns per clock
// read, and by whatever the benchmarked functions add (typically 1000 ns per call). With
// such a clock every overhead term cancels exactly, so the expected results are exact.
import vm from "node:vm";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const benchPath = path.resolve(here, "../../core/ext/bench/bench.js");
const source = fs.readFileSync(benchPath, "utf8");
const implName = "core/ext/bench/bench_impl.js";
const implPath = path.resolve(here, "../../", implName);
const implSource = fs.readFileSync(implPath, "utf8");

// ------------------------------------------------------------------ harness

function load({ clockCost = 0, tty = false, realClock = false, noEval = false, version = "0.1.0", v8 = "10.2.154.26-node.x" } = {}) {
  const fake = { now: 1e9, reads: 0 };
  const out = { 1: "", 2: "" };
  const writes = { 1: [], 2: [] };
  const hrtime = realClock
    ? () => Number(process.hrtime.bigint())
    : () => { const t = fake.now; fake.now += clockCost; fake.reads++; return t; };
  const P = {
    ops: {
      hrtime,
      print(fd, s) { out[fd] += s; writes[fd].push(s); },
      isatty() { return tty; },
    },
    version,
    v8Version: v8,
    inspect: (v) => `<${typeof v}:${String(v)}>`,
  };
  const ctx = vm.createContext({}, noEval ? { codeGeneration: { strings: false } } : undefined);
  // core.js's loadBuiltin: the lazy file compiled once, called with P, its result kept
  const loaded = {};
  P.loadBuiltin = (name) => {
    if (name !== implName) throw new Error(`unexpected builtin ${name}`);
    return loaded[name] ??= vm.runInContext(implSource, ctx, { filename: implPath })(P);
  };
  const init = vm.runInContext(source, ctx, { filename: benchPath });
  if (typeof init !== "function") throw new Error("bench.js must complete with a function");
  init(P);
  P.loadBuiltin(implName); // P.benchStats and the others (a program's first bench() does this)
  const bench = vm.runInContext("bench", ctx);
  return {
    P, ctx, bench, fake, out, writes,
    // a benchmarked function costing `ns` fake nanoseconds per call
    cost(ns, ret) { return () => { fake.now += ns; return ret; }; },
    // evaluates code inside the context (same realm as bench.js)
    js(code) { return vm.runInContext(code, ctx); },
  };
}

const tests = [];
function test(name, fn) { tests.push({ name, fn }); }

class AssertionError extends Error {}
function assert(cond, msg) { if (!cond) throw new AssertionError(msg || "assertion failed"); }
function eq(actual, expected, msg) {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${msg ? msg + ": " : ""}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
function near(actual, expected, eps, msg) {
  if (!(Math.abs(actual - expected) <= eps)) {
    throw new AssertionError(`${msg ? msg + ": " : ""}expected ${expected} ± ${eps}, got ${actual}`);
  }
}
function deepEq(actual, expected, msg) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${msg ? msg + ": " : ""}expected ${e}, got ${a}`);
}
async function rejects(p, re, msg) {
  try { await p; } catch (e) {
    if (re && !re.test(String(e && e.message))) throw new AssertionError(`${msg || "rejects"}: wrong error ${e}`);
    return e;
  }
  throw new AssertionError(`${msg || "rejects"}: did not reject`);
}
function throws(f, re, msg) {
  try { f(); } catch (e) {
    if (re && !re.test(String(e && e.message))) throw new AssertionError(`${msg || "throws"}: wrong error ${e}`);
    return e;
  }
  throw new AssertionError(`${msg || "throws"}: did not throw`);
}

function exact1000(r, label) {
  eq(r.ok, true, `${label} ok`);
  for (const k of ["mean", "p50", "p75", "p99", "min", "max"]) eq(r[k], 1000, `${label} ${k}`);
  eq(r.opsPerSec, 1e6, `${label} opsPerSec`);
  assert(r.n >= 10, `${label}: n = ${r.n} >= 10`);
  assert(r.iterations >= r.n, `${label}: iterations ${r.iterations} >= n ${r.n}`);
}

// ------------------------------------------------------------------ statistics

test("bench.js compiles nothing until used: the runner is loaded at the first call", () => {
  const P = { ops: {}, loadBuiltin() { throw new Error("loaded too early"); } };
  const ctx = vm.createContext({});
  vm.runInContext(source, ctx, { filename: benchPath })(P);
  eq(typeof vm.runInContext("bench", ctx), "function");
  eq(typeof P.runBenchmarks, "function");
  throws(() => vm.runInContext("bench('x', () => {})", ctx), /loaded too early/);
});

test("benchStats: linear-interpolated percentiles (numpy default)", () => {
  const { P } = load();
  const s = P.benchStats([5, 1, 4, 2, 3]);
  deepEq(s, { n: 5, mean: 3, p50: 3, p75: 4, p99: 4.96, min: 1, max: 5, opsPerSec: 1e9 / 3 });
  const t = P.benchStats([40, 10, 30, 20]);
  eq(t.p50, 25, "p50 of 10..40");
  eq(t.p75, 32.5, "p75 of 10..40");
  near(t.p99, 39.7, 1e-9, "p99 of 10..40");
  eq(t.mean, 25);
  // numpy.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], [50, 75, 99]) = [5.5, 7.75, 91.81]
  const u = P.benchStats([100, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  eq(u.p50, 5.5);
  eq(u.p75, 7.75);
  near(u.p99, 91.81, 1e-9);
  eq(u.min, 1);
  eq(u.max, 100);
});

test("benchStats: one sample, empty input, input not mutated", () => {
  const { P } = load();
  deepEq(P.benchStats([7]), { n: 1, mean: 7, p50: 7, p75: 7, p99: 7, min: 7, max: 7, opsPerSec: 1e9 / 7 });
  const e = P.benchStats([]);
  eq(e.n, 0);
  assert(Number.isNaN(e.mean) && Number.isNaN(e.p50) && Number.isNaN(e.min), "empty -> NaN");
  const input = [3, 1, 2];
  P.benchStats(input);
  deepEq(input, [3, 1, 2], "input untouched");
  eq(P.benchStats([0, 0]).opsPerSec, Infinity, "mean 0 -> Infinity ops/s");
});

test("benchPercentile: edges and interpolation", () => {
  const { P } = load();
  const s = [1, 2, 3, 4];
  eq(P.benchPercentile(s, 0), 1);
  eq(P.benchPercentile(s, 1), 4);
  eq(P.benchPercentile(s, 0.5), 2.5);
  eq(P.benchPercentile(s, 1 / 3), 2);
  assert(Number.isNaN(P.benchPercentile([], 0.5)));
});

test("benchFormatTime: unit per value", () => {
  const { P } = load();
  const f = P.benchFormatTime;
  eq(f(0), "0.00 ns");
  eq(f(0.5), "500.00 ps");
  eq(f(12.5), "12.50 ns");
  eq(f(999), "999.00 ns");
  eq(f(1000), "1.00 µs");
  eq(f(1.5e6), "1.50 ms");
  eq(f(2e9), "2.00 s");
  eq(f(NaN), "-");
});

// ------------------------------------------------------------------ registration

test("bench(): argument forms and registry", () => {
  const { P, bench } = load();
  const f = () => 1;
  bench("a", f);
  bench({ name: "b", fn: f, group: "g", baseline: true, n: 3, time: 0, warmup: 2 });
  bench("c", { group: "g" }, f);
  bench(function named() {});
  bench("d", { fn: f });
  const r = P.benchmarks;
  deepEq(r.map((b) => b.name), ["a", "b", "c", "named", "d"]);
  eq(r[1].group, "g");
  eq(r[1].baseline, true);
  eq(r[1].n, 3);
  eq(r[2].group, "g");
  eq(r[2].fn, f);
  eq(r[0].group, null);
  eq(r[0].baseline, false);
});

test("bench(): rejects bad arguments with TypeError", () => {
  const { bench } = load();
  throws(() => bench("x"), /bench\(name, fn\)/);
  throws(() => bench("", () => {}), /non-empty name/);
  throws(() => bench({ name: "x" }), /fn must be a function/);
  throws(() => bench(() => {}), /non-empty name/);
  throws(() => bench({ name: "x", fn() {}, setUp() {} }), /unknown option 'setUp'/);
  throws(() => bench({ name: "x", fn() {}, n: 0 }), /'n' must be an integer >= 1/);
  throws(() => bench({ name: "x", fn() {}, warmup: 1.5 }), /'warmup'/);
  throws(() => bench({ name: "x", fn() {}, time: -1 }), /time/);
  throws(() => bench({ name: "x", fn() {}, beforeEach: 3 }), /'beforeEach' must be a function/);
  throws(() => bench({ name: "x", fn() {}, group: 3 }), /group/);
  const e = throws(() => bench(42));
  eq(e.constructor.name, "TypeError");
});

test("bench is a non-enumerable global", () => {
  const { js } = load();
  eq(js("typeof bench"), "function");
  eq(js("Object.keys(globalThis).includes('bench')"), false);
});

// ------------------------------------------------------------------ exact results, fake clock

test("sync bench, free clock reads: exactly 1000 ns per iteration", async () => {
  const t = load({ clockCost: 0 });
  t.bench("one µs", t.cost(1000, 42));
  const { failed, results } = await t.P.runBenchmarks({ out: () => {} });
  eq(failed, 0);
  exact1000(results[0], "sync");
});

test("sync bench, 37 ns per clock read: still exactly 1000 ns", async () => {
  const t = load({ clockCost: 37 });
  t.bench("one µs", t.cost(1000));
  const { results } = await t.P.runBenchmarks({ out: () => {} });
  exact1000(results[0], "sync/37");
});

test("default budget: ~500 ms of ~1 ms samples, then stop", async () => {
  const t = load({ clockCost: 0 });
  t.bench("x", t.cost(1000));
  const { results } = await t.P.runBenchmarks({ out: () => {} });
  const r = results[0];
  assert(r.n >= 450 && r.n <= 520, `n = ${r.n}`);
  const iters = r.iterations / r.n;
  eq(iters, Math.round(iters), "same iterations in every sample");
  assert(iters * 1000 >= 1e6 && iters * 1000 <= 1.1e6, `sample = ${iters} iterations`);
});

test("n and time options: n is a minimum, time a budget (ms)", async () => {
  const t = load();
  t.bench({ name: "n50", fn: t.cost(1000), n: 50, time: 0 });
  t.bench({ name: "t20", fn: t.cost(1000), time: 20 });
  t.bench({ name: "slow", fn: t.cost(50e6), n: 4, time: 0 }); // 50 ms per call
  const { results } = await t.P.runBenchmarks({ out: () => {} });
  eq(results[0].n, 50, "n50");
  assert(results[1].n >= 18 && results[1].n <= 22, `t20 n = ${results[1].n}`);
  eq(results[2].n, 4, "slow n");
  eq(results[2].iterations, 4, "slow: one call per sample");
  eq(results[2].mean, 50e6, "slow mean");
});

test("run-level defaults: opts.time, opts.n, opts.warmupTime", async () => {
  const t = load();
  let calls = 0;
  t.bench("x", () => { calls++; t.fake.now += 1000; });
  const { results } = await t.P.runBenchmarks({ out: () => {}, time: 0, n: 7, warmupTime: 0 });
  eq(results[0].n, 7);
  assert(calls < 1000 * 10, `few calls: ${calls}`);
});

test("warmup: default ~100 ms of calls, `warmup: k` runs k iterations", async () => {
  const t = load();
  const calls = { def: 0, zero: 0, five: 0 };
  t.bench({ name: "def", fn: () => { calls.def++; t.fake.now += 1000; }, n: 1, time: 0 });
  t.bench({ name: "zero", fn: () => { calls.zero++; t.fake.now += 1000; }, n: 1, time: 0, warmup: 0 });
  t.bench({ name: "five", fn: () => { calls.five++; t.fake.now += 1000; }, n: 1, time: 0, warmup: 5000 });
  const { results } = await t.P.runBenchmarks({ out: () => {} });
  const warm = (k) => calls[k] - results.find((r) => r.name === k).iterations;
  // zero: probe + calibration batches (1, 10, 100 then the kept one)
  assert(warm("zero") < 200, `zero warmup: ${warm("zero")} extra calls`);
  eq(warm("five") - warm("zero"), 5000, "warmup: 5000 runs exactly 5000 more calls");
  assert(warm("def") >= 100000 && warm("def") < 110000, `default warmup: ${warm("def")} calls`);
});

test("async function bench is awaited: exactly 1000 ns", async () => {
  const t = load({ clockCost: 11 });
  // the cost lands after two awaits: only counted if the runner awaits the promise
  t.bench("async", async () => { await null; await null; t.fake.now += 1000; return 1; });
  // a plain function returning a promise is detected by its result
  t.bench("thenable", () => Promise.resolve().then(() => { t.fake.now += 1000; }));
  const { failed, results } = await t.P.runBenchmarks({ out: () => {} });
  eq(failed, 0);
  exact1000(results[0], "async");
  exact1000(results[1], "promise-returning");
});

test("beforeEach/afterEach run per iteration, excluded from timing", async () => {
  const t = load({ clockCost: 23 });
  const c = { fn: 0, before: 0, after: 0, setup: 0, teardown: 0 };
  let inside = false;
  t.bench({
    name: "hooks",
    setup() { c.setup++; },
    teardown() { c.teardown++; },
    beforeEach() { c.before++; assert(!inside); inside = true; t.fake.now += 5000; },
    afterEach() { c.after++; assert(inside); inside = false; t.fake.now += 7000; },
    fn() { c.fn++; assert(inside, "fn runs between the hooks"); t.fake.now += 1000; },
  });
  const { failed, results } = await t.P.runBenchmarks({ out: () => {} });
  eq(failed, 0);
  exact1000(results[0], "hooks");
  eq(c.setup, 1, "setup once");
  eq(c.teardown, 1, "teardown once");
  eq(c.before, c.fn, "beforeEach per call");
  eq(c.after, c.fn, "afterEach per call");
  // time budget counts hook time: 500 ms / (13 µs + clock reads) per iteration
  assert(results[0].iterations < 500e6 / 13000 + 2000, `iterations ${results[0].iterations}`);
});

test("async hooks and async fn: awaited, excluded, exact", async () => {
  const t = load({ clockCost: 5 });
  const order = [];
  let n = 0;
  t.bench({
    name: "async hooks",
    n: 12, time: 0, warmup: 3,
    async setup() { await null; order.push("setup"); },
    async beforeEach() { await null; t.fake.now += 3000; if (n++ < 2) order.push("before"); },
    async afterEach() { await null; t.fake.now += 3000; },
    async fn() { await null; t.fake.now += 1000; if (n < 3) order.push("fn"); },
    async teardown() { await null; order.push("teardown"); },
  });
  const { results } = await t.P.runBenchmarks({ out: () => {} });
  exact1000(results[0], "async each");
  deepEq(order.slice(0, 3), ["setup", "before", "fn"]);
  eq(order[order.length - 1], "teardown");
});

test("setup and teardown once per benchmark, around all calls", async () => {
  const t = load();
  const log = [];
  t.bench({
    name: "s",
    setup() { log.push("setup"); },
    teardown() { log.push("teardown"); },
    fn() { if (log[log.length - 1] !== "fn") log.push("fn"); t.fake.now += 1000; },
  });
  await t.P.runBenchmarks({ out: () => {} });
  deepEq(log, ["setup", "fn", "teardown"]);
});

test("code generation from strings disabled: shared loops, still exact", async () => {
  const t = load({ clockCost: 3, noEval: true });
  throws(() => t.js("new Function('return 1')"), /Code generation from strings disallowed/);
  t.bench("sync", t.cost(1000));
  t.bench("async", async () => { await null; t.fake.now += 1000; });
  t.bench({ name: "each", fn: t.cost(1000), beforeEach() { t.fake.now += 99; } });
  const { failed, results } = await t.P.runBenchmarks({ out: () => {}, time: 50 });
  eq(failed, 0);
  for (const r of results) exact1000(r, r.name);
});

test("fn's return value is kept in a sink", async () => {
  const t = load();
  const token = { token: 1 };
  t.bench({ name: "ret", fn: t.cost(1000, token), n: 1, time: 0 });
  await t.P.runBenchmarks({ out: () => {} });
  eq(t.P.benchSink.v, token);
});

// ------------------------------------------------------------------ failures

test("a throwing bench is reported, the others still run, failed counts", async () => {
  const t = load();
  let late = 0;
  t.bench("ok1", t.cost(1000));
  t.bench("sync throw", () => { throw new TypeError("boom"); });
  t.bench("rejects", async () => { await null; throw new RangeError("async boom"); });
  t.bench("late throw", () => { t.fake.now += 1000; if (++late > 5000) throw new Error("late"); });
  t.bench("throws a string", () => { throw "plain"; });
  t.bench("ok2", t.cost(1000));
  const { failed, results } = await t.P.runBenchmarks({ out: () => {} });
  eq(failed, 4);
  deepEq(results.map((r) => r.ok), [true, false, false, false, false, true]);
  exact1000(results[0], "ok1");
  exact1000(results[5], "ok2");
  eq(results[1].error, "TypeError: boom");
  eq(results[2].error, "RangeError: async boom");
  eq(results[3].error, "Error: late");
  eq(results[4].error, "Uncaught <string:plain>");
  assert(/check\.mjs/.test(results[1].stack), "stack kept");
  eq(results[4].stack, null);
  for (const r of results.slice(1, 5)) {
    eq(r.mean, null, `${r.name}: no stats`);
    eq(r.n, 0);
  }
});

test("table shows error and its first stack line", async () => {
  const t = load();
  t.bench("boom", function thrower() { throw new Error("kaput"); });
  t.bench("fine", t.cost(1000));
  const { failed } = await t.P.runBenchmarks({});
  eq(failed, 1);
  const lines = t.out[1].split("\n");
  const i = lines.findIndex((l) => l.startsWith("boom"));
  assert(i >= 0, "boom row");
  assert(/error: Error: kaput$/.test(lines[i]), lines[i]);
  assert(/^\s+at thrower \(.*check\.mjs:\d+:\d+\)$/.test(lines[i + 1]), lines[i + 1]);
  assert(lines.some((l) => l.startsWith("fine")), "fine row");
  assert(/1 of 2 failed/.test(t.out[1]), "failure note");
});

test("setup failure skips fn and teardown; teardown failure fails the bench", async () => {
  const t = load();
  const log = [];
  t.bench({ name: "bad setup", setup() { throw new Error("no setup"); }, fn() { log.push("fn"); }, teardown() { log.push("td"); } });
  t.bench({ name: "bad fn", fn() { throw new Error("fn"); }, teardown() { log.push("td2"); } });
  t.bench({ name: "bad teardown", fn: t.cost(1000), teardown() { throw new Error("no teardown"); } });
  t.bench({ name: "bad beforeEach", beforeEach() { throw new Error("no before"); }, fn: t.cost(1000) });
  const { failed, results } = await t.P.runBenchmarks({ out: () => {} });
  eq(failed, 4);
  deepEq(log, ["td2"], "teardown runs after a failing fn, not after a failing setup");
  deepEq(results.map((r) => r.error), ["Error: no setup", "Error: fn", "Error: no teardown", "Error: no before"]);
});

// ------------------------------------------------------------------ selection

async function names(t, opts) {
  const { results } = await t.P.runBenchmarks(Object.assign({ out: () => {} }, opts));
  return results.map((r) => r.name);
}

function registerABC(t) {
  const f = t.cost(1000);
  const o = { n: 1, time: 0, warmup: 0 };
  t.bench("alpha1", o, f);
  t.bench("alpha2", o, f);
  t.bench("beta", o, f);
  t.bench("gamma", Object.assign({ group: "greek-alpha" }, o), f);
  t.bench("Delta", o, f);
}

test("filter: substring of name or group", async () => {
  const t = load();
  registerABC(t);
  deepEq(await names(t, { filter: "alpha" }), ["alpha1", "alpha2", "gamma"]);
  deepEq(await names(t, { filter: "beta" }), ["beta"]);
  deepEq(await names(t, { filter: "delta" }), [], "substring match is case-sensitive");
  deepEq(await names(t, { filter: "" }), ["alpha1", "alpha2", "beta", "gamma", "Delta"]);
  deepEq(await names(t, { filter: "zzz" }), []);
});

test("filter: /regex/ string and RegExp object", async () => {
  const t = load();
  registerABC(t);
  deepEq(await names(t, { filter: "/^alpha\\d$/" }), ["alpha1", "alpha2"]);
  deepEq(await names(t, { filter: "/delta/i" }), ["Delta"]);
  deepEq(await names(t, { filter: "/^greek/" }), ["gamma"], "regex against group");
  deepEq(await names(t, { filter: /a2|et/g }), ["alpha2", "beta"], "RegExp object, g flag harmless");
  await rejects(t.P.runBenchmarks({ filter: "/(/", out: () => {} }), /invalid --filter/);
});

test("filter output notes what was filtered out", async () => {
  const t = load();
  registerABC(t);
  await t.P.runBenchmarks({ filter: "beta" });
  assert(/4 filtered out/.test(t.out[1]), t.out[1]);
});

test("only and ignore", async () => {
  const t = load();
  const o = { n: 1, time: 0, warmup: 0, fn: t.cost(1000) };
  t.bench(Object.assign({ name: "a" }, o));
  t.bench(Object.assign({ name: "b", ignore: true }, o));
  t.bench(Object.assign({ name: "c" }, o));
  deepEq(await names(t, {}), ["a", "c"], "ignore skips");
  t.bench(Object.assign({ name: "d", only: true }, o));
  t.bench(Object.assign({ name: "e", only: true, ignore: true }, o));
  t.bench(Object.assign({ name: "f", only: true }, o));
  deepEq(await names(t, {}), ["d", "f"], "only restricts; ignore wins over only");
  deepEq(await names(t, { filter: "f" }), ["f"], "only + filter");
  await t.P.runBenchmarks({});
  assert(/4 ignored/.test(t.out[1]), t.out[1]);
});

// ------------------------------------------------------------------ groups

test("groups run together; baseline ratios in the summary", async () => {
  const t = load();
  const o = { n: 5, time: 0, warmup: 0 };
  t.bench("x2", Object.assign({ group: "g" }, o), t.cost(2000));
  t.bench("lone", o, t.cost(1000));
  t.bench("base", Object.assign({ group: "g", baseline: true }, o), t.cost(1000));
  t.bench("x4", Object.assign({ group: "g" }, o), t.cost(4000));
  t.bench("half", Object.assign({ group: "g" }, o), t.cost(500));
  t.bench("first", Object.assign({ group: "h" }, o), t.cost(3000));
  t.bench("second", Object.assign({ group: "h" }, o), t.cost(1000));
  t.bench("same", Object.assign({ group: "h" }, o), t.cost(3000));
  const { results } = await t.P.runBenchmarks({});
  deepEq(results.map((r) => r.name), ["x2", "base", "x4", "half", "lone", "first", "second", "same"]);
  const txt = t.out[1];
  assert(txt.includes("summary for g\n  base\n   2.00x faster than x2\n   4.00x faster than x4\n   2.00x slower than half\n"), txt);
  assert(txt.includes("summary for h\n  first\n   3.00x slower than second\n   about as fast as same\n"), txt);
  assert(txt.indexOf("• g") < txt.indexOf("\nlone"), "group g printed before lone");
});

test("group summary skipped when the baseline failed", async () => {
  const t = load();
  const o = { n: 2, time: 0, warmup: 0, group: "g" };
  t.bench("b", Object.assign({ baseline: true }, o), () => { throw new Error("x"); });
  t.bench("c", o, t.cost(1000));
  t.bench("d", o, t.cost(1000));
  await t.P.runBenchmarks({});
  assert(!t.out[1].includes("summary for g"), t.out[1]);
});

// ------------------------------------------------------------------ output

test("JSON document: shape and values", async () => {
  const t = load({ tty: true });
  t.bench({ name: "a", fn: t.cost(1000), group: "g", baseline: true, n: 10, time: 0 });
  t.bench({ name: "b", fn: () => { throw new Error("bad"); }, group: "g" });
  t.bench({ name: "c", fn: t.cost(1000), n: 10, time: 0 });
  const { failed } = await t.P.runBenchmarks({ json: true });
  eq(failed, 1);
  eq(t.out[2], "", "no progress in JSON mode");
  assert(t.out[1].endsWith("}\n"), "one document, newline-terminated");
  const doc = JSON.parse(t.out[1]);
  deepEq(Object.keys(doc), ["runtime", "version", "v8", "cpu", "clock", "overhead", "benchmarks"]);
  eq(doc.cpu, null, "no cpu name given");
  eq(doc.runtime, "mrt");
  eq(doc.version, "0.1.0");
  eq(doc.v8, "10.2.154.26-node.x");
  deepEq(Object.keys(doc.clock), ["resolution", "readCost"]);
  deepEq(Object.keys(doc.overhead), ["sync", "async", "syncEach", "asyncEach"]);
  eq(doc.overhead.sync, 0);
  eq(doc.overhead.async, null, "not measured");
  const keys = ["name", "group", "baseline", "ok", "error", "stack", "n", "iterations", "mean",
    "p50", "p75", "p99", "p995", "p999", "min", "max", "opsPerSec", "heapPerIter", "timeLimited",
    "cpuProfile"];
  eq(doc.benchmarks.length, 3);
  for (const b of doc.benchmarks) deepEq(Object.keys(b), keys, `keys of ${b.name}`);
  const [a, b, c] = doc.benchmarks;
  deepEq([a.name, a.group, a.baseline, a.ok, a.error, a.stack, a.n, a.mean, a.p50, a.p75, a.p99, a.min, a.max, a.opsPerSec],
    ["a", "g", true, true, null, null, 10, 1000, 1000, 1000, 1000, 1000, 1000, 1e6]);
  assert(a.iterations >= 10 * 1000, "iterations");
  deepEq([b.ok, b.error, b.n, b.iterations, b.mean, b.opsPerSec, b.group, b.baseline],
    [false, "Error: bad", 0, 0, null, null, "g", false]);
  assert(typeof b.stack === "string" && b.stack.startsWith("Error: bad\n"));
  eq(c.group, null);
});

test("JSON version falls back to ops, then null", async () => {
  const t = load({ version: null, v8: null });
  t.P.ops.version = () => "9.9.9";
  await t.P.runBenchmarks({ json: true });
  const doc = JSON.parse(t.out[1]);
  eq(doc.version, "9.9.9");
  eq(doc.v8, null);
  deepEq(doc.benchmarks, []);
});

test("table (not a TTY): header, aligned rows, no progress", async () => {
  const t = load({ clockCost: 20 });
  t.bench("short", t.cost(1000));
  t.bench("a much longer name", t.cost(2500000));
  const { failed } = await t.P.runBenchmarks({});
  eq(failed, 0);
  eq(t.out[2], "", "nothing on stderr");
  const lines = t.out[1].split("\n");
  eq(lines[0], "runtime: mrt 0.1.0 (V8 10.2.154.26-node.x)");
  eq(lines[1], "clock: 20.00 ns resolution, 20.00 ns per read");
  const h = lines.findIndex((l) => l.startsWith("benchmark"));
  const header = lines[h];
  for (const col of ["time/iter (avg)", "(min … max)", "p75", "p99", "ops/s", "heap/iter"]) assert(header.includes(col), col);
  assert(/^-+$/.test(lines[h + 1]), "rule");
  const r1 = lines[h + 2], r2 = lines[h + 3];
  eq(r1.length, header.length, "row 1 aligned with header");
  eq(r2.length, header.length, "row 2 aligned with header");
  eq(lines[h + 1].length, header.length, "rule as wide as the header");
  // no memoryUsage op in this host: heap/iter is "-"
  assert(/^short\s+1\.00 µs\s+\(1\.00 µs … 1\.00 µs\)\s+1\.00 µs\s+1\.00 µs\s+1\.00M\s+-$/.test(r1), r1);
  assert(/^a much longer name\s+2\.50 ms\s+\(2\.50 ms … 2\.50 ms\)\s+2\.50 ms\s+2\.50 ms\s+400\.00\s+-$/.test(r2), r2);
  assert(header.indexOf("heap/iter") + 9 === header.length);
});

test("TTY: throttled progress line on stderr, cleared at the end", async () => {
  const t = load({ tty: true });
  t.bench("one", t.cost(1000));
  t.bench("two", t.cost(1000));
  await t.P.runBenchmarks({});
  const w = t.writes[2];
  assert(w.length > 4, `some progress: ${w.length} writes`);
  for (const s of w) assert(s.startsWith("\r\x1b[2K"), JSON.stringify(s));
  eq(w[w.length - 1], "\r\x1b[2K", "cleared at the end");
  assert(w.some((s) => /\[1\/2\] one: \d+ samples, 1\.00 µs\/iter/.test(s)), "sample progress");
  assert(w.some((s) => /\[2\/2\] two/.test(s)), "second bench progress");
  // each bench: ~100 ms warmup + ~500 ms sampling of fake time -> about 6 updates at 10/s
  const drawn = w.filter((s) => s.length > 5).length;
  assert(drawn <= 2 * 8, `at most ~10 updates per (fake) second: ${drawn}`);
  assert(/one\s+1\.00 µs/.test(t.out[1]), "table still on stdout");
});

test("progress option overrides TTY detection; out may be an fd", async () => {
  const t = load({ tty: false });
  t.bench("one", t.cost(1000));
  await t.P.runBenchmarks({ progress: true, out: 2 });
  assert(t.out[2].includes("[1/1] one"), "progress forced on");
  assert(t.out[2].includes("runtime: mrt"), "table on fd 2");
  eq(t.out[1], "");
});

test("no benchmarks: note and failed = 0", async () => {
  const t = load();
  const r = await t.P.runBenchmarks({});
  eq(r.failed, 0);
  assert(/no benchmarks to run/.test(t.out[1]));
});

test("bench() during a run throws; a second run works", async () => {
  const t = load();
  let err = null;
  t.bench({ name: "x", n: 1, time: 0, warmup: 0, fn() { t.fake.now += 1000; if (!err) { try { t.bench("y", () => {}); } catch (e) { err = e; } } } });
  const r1 = await t.P.runBenchmarks({ out: () => {} });
  assert(err && /while the benchmark files load/.test(err.message), String(err));
  eq(r1.results.length, 1);
  const r2 = await t.P.runBenchmarks({ out: () => {} });
  eq(r2.results.length, 1);
  const p = t.P.runBenchmarks({ out: () => {} });
  await rejects(t.P.runBenchmarks({ out: () => {} }), /already in progress/);
  await p;
});

// ------------------------------------------------------------------ context, limits, heap, profiles

test("context: b.start()/b.end() bound the timed part (sync and async), exact", async () => {
  for (const clockCost of [0, 20]) {
    const t = load({ clockCost });
    // 5000 ns before start and 3000 ns after end are not timed
    t.bench("sync", (b) => { t.fake.now += 5000; b.start(); t.fake.now += 1000; b.end(); t.fake.now += 3000; });
    t.bench("async", async (b) => { t.fake.now += 5000; b.start(); t.fake.now += 1000; b.end(); t.fake.now += 3000; });
    // no start: from the call; no end: to the return
    t.bench("start only", (b) => { t.fake.now += 5000; b.start(); t.fake.now += 1000; });
    const { results } = await t.P.runBenchmarks({ out: () => {} });
    for (const r of results) exact1000(r, `${r.name} (clock cost ${clockCost})`);
  }
});

test("context: misuse fails the benchmark with a clear message", async () => {
  const t = load();
  t.bench("twice", (b) => { b.start(); b.start(); });
  t.bench("start after end", (b) => { b.end(); b.start(); });
  t.bench("end twice", (b) => { b.start(); b.end(); b.end(); });
  const { results, failed } = await t.P.runBenchmarks({ out: () => {} });
  eq(failed, 3);
  assert(/b\.start\(\) was called twice/.test(results[0].error), results[0].error);
  assert(/b\.start\(\) was called after b\.end\(\)/.test(results[1].error), results[1].error);
  assert(/b\.end\(\) was called twice/.test(results[2].error), results[2].error);
});

test("timeLimit: sampling stops at the limit, the result says so", async () => {
  const t = load();
  t.bench({ name: "slow", fn: t.cost(10e6), timeLimit: 300, n: 1000, time: 10000 });
  t.bench({ name: "fast", fn: t.cost(1000), n: 10, time: 0 });
  const { results } = await t.P.runBenchmarks({});
  eq(results[0].ok, true);
  eq(results[0].timeLimited, true, "slow limited");
  assert(results[0].n < 1000 && results[0].n >= 1, `n = ${results[0].n}`);
  eq(results[0].mean, 10e6, "its samples are still exact");
  eq(results[1].timeLimited, false, "fast not limited");
  assert(t.out[1].includes("1 stopped at the time limit"), t.out[1]);
  // the runner's option applies to every benchmark without its own
  const u = load();
  u.bench({ name: "slow", fn: u.cost(10e6), n: 1000, time: 10000 });
  const r2 = await u.P.runBenchmarks({ out: () => {}, timeLimit: 300 });
  eq(r2.results[0].timeLimited, true);
});

test("heap per iteration: the growth of heapUsed over batches the collector did not run in", async () => {
  const t = load();
  let heap = 1e6;
  t.P.ops.memoryUsage = (a) => { a[2] = heap; };
  let calls = 0;
  t.bench("grows 100 B", () => { t.fake.now += 1000; heap += 100; if (++calls % 5000 === 0) heap = 1e6; });
  const { results } = await t.P.runBenchmarks({ out: () => {} });
  eq(results[0].heapPerIter, 100);
});

test("cpuProfile hook: started after warmup, stopped before teardown, file reported", async () => {
  const t = load();
  const events = [];
  t.bench({
    name: "p", fn: t.cost(1000), warmup: 10, n: 10, time: 0,
    setup() { events.push("setup"); }, teardown() { events.push("teardown"); },
  });
  let warmupCalls = -1;
  const hook = (on) => { events.push(on ? "start" : "stop"); return on ? undefined : "/tmp/x.cpuprofile"; };
  const { results } = await t.P.runBenchmarks({ cpuProfile: hook });
  deepEq(events, ["setup", "start", "stop", "teardown"]);
  eq(results[0].cpuProfile, "/tmp/x.cpuprofile");
  assert(t.out[1].includes("  cpu profile: /tmp/x.cpuprofile"), t.out[1]);
  void warmupCalls;
});

test("histogram and p995/p999 on request; cpu name in the header", async () => {
  const t = load();
  let i = 0;
  t.bench({ name: "h", fn: () => { t.fake.now += (++i % 100 === 0) ? 2000 : 1000; }, n: 50, time: 0 });
  const { results } = await t.P.runBenchmarks({ histogram: true, cpu: "Test CPU 9000" });
  const r = results[0];
  assert(r.p995 >= r.p99 && r.p999 >= r.p995 && r.p999 <= r.max, JSON.stringify(r));
  const lines = t.out[1].split("\n");
  eq(lines[1], "cpu: Test CPU 9000");
  assert(lines.some((l) => /^  p50 .* p995 .* p999 .*\(\d+ samples\)$/.test(l)), t.out[1]);
  assert(lines.some((l) => /│█+ \d+$/.test(l)), "bars");
  const u = load();
  u.bench({ name: "h", fn: u.cost(1000), n: 10, time: 0 });
  await u.P.runBenchmarks({});
  assert(!u.out[1].includes("p995"), "no histogram unless asked");
});

test("bench() outside a run: one warning after the current job; none when a run follows", async () => {
  const t = load();
  t.ctx.queueMicrotask = (f) => queueMicrotask(f);
  t.bench("lonely", () => {});
  t.bench("another", () => {});
  await new Promise((r) => setTimeout(r, 0));
  const warnings = t.out[2].split("\n").filter(Boolean);
  eq(warnings.length, 1, t.out[2]);
  assert(/bench\("lonely"\) registers a benchmark, but only 'mrt bench FILE' runs benchmarks/.test(warnings[0]), warnings[0]);
  const u = load();
  u.ctx.queueMicrotask = (f) => queueMicrotask(f);
  u.bench({ name: "run", fn: u.cost(1000), n: 10, time: 0 });
  await u.P.runBenchmarks({});
  eq(u.out[2], "", "no warning");
});

// ------------------------------------------------------------------ real clock

// Real time on a possibly busy machine: an attempt may be disturbed, so up to 3 attempts.
async function realClockAttempt() {
  const t = load({ realClock: true });
  // defined inside the context: V8 does not inline across realms, and in mrt user code
  // shares the realm with bench.js
  t.bench({ name: "empty", fn: t.js("() => {}"), time: 100 });
  t.bench({ name: "empty async", fn: t.js("async () => {}"), time: 100 });
  t.bench({ name: "work", fn: t.js("() => { let s = 0; for (let i = 0; i < 1000; i++) s += Math.sqrt(i); return s; }"), time: 100 });
  const { failed, results } = await t.P.runBenchmarks({ out: () => {} });
  eq(failed, 0);
  const [e, ea, w] = results;
  if (process.env.BENCH_VERBOSE) console.log(results.map((r) => `${r.name}: mean ${r.mean.toFixed(3)} p50 ${r.p50.toFixed(3)} n ${r.n}`).join("\n"));
  assert(e.p50 < 1, `empty p50 ${e.p50} ns < 1 ns`);
  assert(e.mean < 2, `empty mean ${e.mean} ns < 2 ns`);
  assert(ea.p50 < 20, `empty async p50 ${ea.p50} ns < 20 ns`);
  assert(w.mean > 200, `work mean ${w.mean} ns is not subtracted away`);
  assert(e.min >= 0 && ea.min >= 0, "clamped at 0");
}

// Timing on the real clock belongs to benchmark runs, not to the deterministic test suite
// (the fake-clock tests above check the subtraction exactly): opt in with BENCH_REAL_CLOCK=1.
if (process.env.BENCH_REAL_CLOCK === "1") test("real clock: empty function reports ~0 ns after overhead subtraction", async () => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await realClockAttempt();
    } catch (e) {
      if (attempt >= 3) throw e;
      console.log(`     (attempt ${attempt} disturbed: ${e.message}; retrying)`);
    }
  }
});

// ------------------------------------------------------------------ main

const only = process.argv[2];
let passed = 0, failedCount = 0;
for (const t of tests) {
  if (only && !t.name.includes(only)) continue;
  const t0 = process.hrtime.bigint();
  try {
    await t.fn();
    passed++;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`ok   ${t.name} (${ms.toFixed(0)} ms)`);
  } catch (e) {
    failedCount++;
    console.log(`FAIL ${t.name}\n     ${e && e.stack ? e.stack.split("\n").slice(0, 3).join("\n     ") : e}`);
  }
}
console.log(`\n${passed} passed, ${failedCount} failed`);
process.exitCode = failedCount > 0 ? 1 : 0;
