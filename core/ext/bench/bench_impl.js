// core/ext/bench/bench_impl.js: what `bench()` registers and the runner behind
// `mrt bench FILE...`, compiled at the first call of bench() or runBenchmarks (bench.js).
//
// Returns:                  { bench, runBenchmarks, checkFilter } (bench.js installs them:
//                           bench(name, fn) | bench(options) | bench(name, options, fn) | bench(namedFn),
//                           runBenchmarks(opts) -> Promise<{ failed, results }>)
// Defines on P:             P.benchStats(samples), P.benchPercentile(sorted, q),
//                           P.benchFormatTime(ns), P.benchmarks (the registry, an array)
// Uses ops:                 P.ops.hrtime() (monotonic ns, a double), P.ops.print(fd, str),
//                           P.ops.isatty(fd); optional P.inspect(v) for non-Error throws.
//
// Measurement model (docs/bench.md has the long version):
//  - every benchmark gets its own freshly compiled timing loop (new Function), so call-site
//    feedback from one benchmark never slows down another, and the overhead loop is the same
//    code as the benchmark loop;
//  - a sample times `iters` calls in one block: elapsed = t1 - t0; per-iteration time =
//    (elapsed - clockReadCost) / iters - loopOverheadPerIter, clamped at 0;
//  - with beforeEach/afterEach every call is timed on its own (clock reads around fn only),
//    the timed parts are summed over a batch; per-iteration = sum / iters - eachOverhead;
//  - overheads are measured on an empty function (sync or async) with the same loop kind.
//  - a benchmark function that takes a parameter gets a context b: b.start() and b.end()
//    bound the timed part of each call (as Deno.bench), each call timed on its own;
// With a fake clock that only advances inside fn (and by a fixed cost per clock read), the
// results are exact: every correction term cancels to the integer nanosecond.
(function (P) {
  "use strict";

  const ops = P.ops;

  // ------------------------------------------------------------------ constants

  const DEFAULT_TIME_MS = 500; // sampling budget per benchmark
  const DEFAULT_N = 10; // minimum number of samples
  const DEFAULT_WARMUP_MS = 100; // time-based warmup when `warmup` is not given
  const MIN_SAMPLE_NS = 1e6; // a sample lasts at least ~1 ms of wall time...
  const MAX_SAMPLE_NS = 1e8; // ...or 1000 clock ticks, but never more than 100 ms
  const MAX_ITERS = 1e8; // iterations per sample, upper bound
  const PROGRESS_EVERY_NS = 100e6; // progress line: at most ~10 updates per second
  const OVERHEAD_SAMPLES = 21;

  const OPTION_KEYS = [
    "name", "fn", "group", "baseline", "warmup", "n", "time",
    "setup", "teardown", "beforeEach", "afterEach", "only", "ignore", "timeLimit",
  ];

  // ------------------------------------------------------------------ registry

  const registry = [];
  let running = false;
  // Set once the registrations are for a run (`mrt bench` checks its filter before any file
  // loads; an embedder calls runBenchmarks): bench() elsewhere (`mrt run`) says it does not run.
  let collecting = false;
  let warnedIgnored = false;

  function isThenable(v) {
    return v !== null && (typeof v === "object" || typeof v === "function") &&
      typeof v.then === "function";
  }

  function isAsyncFunction(f) {
    return typeof f === "function" && f.constructor !== undefined &&
      f.constructor !== null && f.constructor.name === "AsyncFunction";
  }

  function checkHook(o, key) {
    if (o[key] !== undefined && typeof o[key] !== "function") {
      throw new TypeError(`bench: option '${key}' must be a function`);
    }
  }

  function checkCount(o, key, min) {
    const v = o[key];
    if (v === undefined) return;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
      throw new TypeError(`bench: option '${key}' must be an integer >= ${min}`);
    }
  }

  function bench(a, b, c) {
    if (running) {
      throw new Error("bench() must be called while the benchmark files load, not during the run");
    }
    let o;
    if (typeof a === "string") {
      if (typeof b === "function" && c === undefined) o = { name: a, fn: b };
      else if (b !== null && typeof b === "object" && typeof c === "function") {
        o = Object.assign({}, b, { name: a, fn: c });
      } else if (b !== null && typeof b === "object" && c === undefined) {
        o = Object.assign({}, b, { name: a });
      } else throw new TypeError("bench: expected bench(name, fn) or bench(name, options, fn)");
    } else if (typeof a === "function" && b === undefined) {
      o = { name: a.name, fn: a };
    } else if (a !== null && typeof a === "object" && b === undefined) {
      o = Object.assign({}, a);
    } else {
      throw new TypeError("bench: expected bench(name, fn), bench(options) or bench(name, options, fn)");
    }
    for (const k of Object.keys(o)) {
      if (!OPTION_KEYS.includes(k)) {
        throw new TypeError(`bench: unknown option '${k}' (known: ${OPTION_KEYS.join(", ")})`);
      }
    }
    if (typeof o.name !== "string" || o.name === "") {
      throw new TypeError("bench: a benchmark needs a non-empty name");
    }
    if (typeof o.fn !== "function") throw new TypeError(`bench '${o.name}': fn must be a function`);
    if (o.group !== undefined && (typeof o.group !== "string" || o.group === "")) {
      throw new TypeError(`bench '${o.name}': group must be a non-empty string`);
    }
    for (const k of ["setup", "teardown", "beforeEach", "afterEach"]) checkHook(o, k);
    checkCount(o, "warmup", 0);
    checkCount(o, "n", 1);
    if (o.time !== undefined && !(typeof o.time === "number" && o.time >= 0 && o.time < Infinity)) {
      throw new TypeError(`bench '${o.name}': time must be a finite number of milliseconds >= 0`);
    }
    if (o.timeLimit !== undefined &&
        !(typeof o.timeLimit === "number" && o.timeLimit > 0 && o.timeLimit < Infinity)) {
      throw new TypeError(`bench '${o.name}': timeLimit must be a finite number of milliseconds > 0`);
    }
    registry.push({
      name: o.name,
      fn: o.fn,
      group: o.group === undefined ? null : o.group,
      baseline: o.baseline === true,
      warmup: o.warmup,
      n: o.n,
      time: o.time,
      setup: o.setup,
      teardown: o.teardown,
      beforeEach: o.beforeEach,
      afterEach: o.afterEach,
      only: o.only === true,
      ignore: o.ignore === true,
      timeLimit: o.timeLimit,
    });
    if (!collecting && !warnedIgnored && typeof globalThis.queueMicrotask === "function") {
      // Checked after the current job: an embedder may call runBenchmarks right after.
      warnedIgnored = true;
      const name = o.name;
      globalThis.queueMicrotask(() => {
        if (collecting) return;
        ops.print(2, `mrt: bench("${name}") registers a benchmark, but only 'mrt bench FILE' ` +
          "runs benchmarks: this program does not\n");
      });
    }
  }

  P.benchmarks = registry;

  // ------------------------------------------------------------------ statistics

  // Percentile of an ascending array, linear interpolation between closest ranks (numpy's
  // default "linear" method, R type 7): h = (n - 1) q; x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
  function percentile(sorted, q) {
    const n = sorted.length;
    if (n === 0) return NaN;
    if (q <= 0) return sorted[0];
    if (q >= 1) return sorted[n - 1];
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const frac = h - lo;
    if (frac === 0 || lo + 1 >= n) return sorted[lo];
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
  }

  // samples: per-iteration times in ns, any order. Returns per-iteration statistics.
  function stats(samples) {
    const n = samples.length;
    if (n === 0) {
      return { n: 0, mean: NaN, p50: NaN, p75: NaN, p99: NaN, min: NaN, max: NaN, opsPerSec: NaN };
    }
    const s = Array.from(samples).sort((x, y) => x - y);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += s[i];
    const mean = sum / n;
    return {
      n,
      mean,
      p50: percentile(s, 0.5),
      p75: percentile(s, 0.75),
      p99: percentile(s, 0.99),
      min: s[0],
      max: s[n - 1],
      opsPerSec: 1e9 / mean,
    };
  }

  P.benchStats = stats;
  P.benchPercentile = percentile;

  // ------------------------------------------------------------------ formatting

  function formatTime(ns) {
    if (typeof ns !== "number" || Number.isNaN(ns)) return "-";
    if (ns === 0) return "0.00 ns";
    if (ns < 1) return `${(ns * 1e3).toFixed(2)} ps`;
    if (ns < 1e3) return `${ns.toFixed(2)} ns`;
    if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
    if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
    return `${(ns / 1e9).toFixed(2)} s`;
  }

  function formatOps(x) {
    if (typeof x !== "number" || Number.isNaN(x)) return "-";
    if (x === Infinity) return "\u221e";
    if (x < 1e3) return x.toFixed(2);
    if (x < 1e6) return `${(x / 1e3).toFixed(2)}k`;
    if (x < 1e9) return `${(x / 1e6).toFixed(2)}M`;
    return `${(x / 1e9).toFixed(2)}G`;
  }

  P.benchFormatTime = formatTime;

  function describeError(e) {
    if (e !== null && typeof e === "object" && typeof e.message === "string") {
      const name = typeof e.name === "string" && e.name !== "" ? e.name : "Error";
      const message = e.message === "" ? name : `${name}: ${e.message}`;
      const stack = typeof e.stack === "string" ? e.stack : null;
      let at = null;
      if (stack !== null) {
        for (const line of stack.split("\n")) {
          if (/^\s*at /.test(line)) { at = line.trim(); break; }
        }
      }
      return { message, stack, at };
    }
    let message;
    try {
      message = typeof P.inspect === "function" ? P.inspect(e) : String(e);
    } catch (_) {
      message = Object.prototype.toString.call(e);
    }
    return { message: `Uncaught ${message}`, stack: null, at: null };
  }

  // ------------------------------------------------------------------ timing loops

  // The four timing loops. Each benchmark runs a fresh copy compiled from the source text
  // of these functions (new Function), so every benchmark has its own call-site feedback:
  // inlining decisions for one benchmark never leak into another, and the overhead loop is
  // the same code as the benchmark loop. S is the sink object: fn's results are stored into
  // S.v so calls cannot be optimised away; S.w receives the wall time of the batch. The
  // return value is the timed part in ns. If code generation from strings is disabled, the
  // functions below are used as they are (shared feedback, still correct).
  function loopSync(fn, iters, clock, S) {
    const t0 = clock();
    for (let i = 0; i < iters; i++) S.v = fn();
    const t1 = clock();
    S.w = t1 - t0;
    return t1 - t0;
  }

  async function loopAsync(fn, iters, clock, S) {
    const t0 = clock();
    for (let i = 0; i < iters; i++) S.v = await fn();
    const t1 = clock();
    S.w = t1 - t0;
    return t1 - t0;
  }

  // With per-iteration hooks: only the span around fn() is timed, summed over the batch.
  async function loopSyncEach(fn, iters, clock, S, before, after) {
    let timed = 0;
    const w0 = clock();
    for (let i = 0; i < iters; i++) {
      if (before !== undefined) { const r = before(); if (isThenable(r)) await r; }
      const t0 = clock();
      S.v = fn();
      const t1 = clock();
      timed += t1 - t0;
      if (after !== undefined) { const r = after(); if (isThenable(r)) await r; }
    }
    S.w = clock() - w0;
    return timed;
  }

  async function loopAsyncEach(fn, iters, clock, S, before, after) {
    let timed = 0;
    const w0 = clock();
    for (let i = 0; i < iters; i++) {
      if (before !== undefined) { const r = before(); if (isThenable(r)) await r; }
      const t0 = clock();
      S.v = await fn();
      const t1 = clock();
      timed += t1 - t0;
      if (after !== undefined) { const r = after(); if (isThenable(r)) await r; }
    }
    S.w = clock() - w0;
    return timed;
  }

  // fn(b) with a context: the timed part of each call is b.start() .. b.end() (from the call
  // when start is not called, to its return when end is not), summed over the batch.
  async function loopSyncCtx(fn, iters, clock, S, before, after, B) {
    let timed = 0;
    const w0 = clock();
    for (let i = 0; i < iters; i++) {
      if (before !== undefined) { const r = before(); if (isThenable(r)) await r; }
      B.s = -1; B.e = -1;
      const t0 = clock();
      S.v = fn(B.api);
      const t1 = clock();
      timed += (B.e >= 0 ? B.e : t1) - (B.s >= 0 ? B.s : t0);
      if (after !== undefined) { const r = after(); if (isThenable(r)) await r; }
    }
    S.w = clock() - w0;
    return timed;
  }

  async function loopAsyncCtx(fn, iters, clock, S, before, after, B) {
    let timed = 0;
    const w0 = clock();
    for (let i = 0; i < iters; i++) {
      if (before !== undefined) { const r = before(); if (isThenable(r)) await r; }
      B.s = -1; B.e = -1;
      const t0 = clock();
      S.v = await fn(B.api);
      const t1 = clock();
      timed += (B.e >= 0 ? B.e : t1) - (B.s >= 0 ? B.s : t0);
      if (after !== undefined) { const r = after(); if (isThenable(r)) await r; }
    }
    S.w = clock() - w0;
    return timed;
  }

  const LOOPS = {
    sync: loopSync, async: loopAsync, syncEach: loopSyncEach, asyncEach: loopAsyncEach,
    syncCtx: loopSyncCtx, asyncCtx: loopAsyncCtx,
  };

  // The context a benchmark function taking a parameter gets (b.start(), b.end()); B holds
  // the current call's marks (-1: not called).
  function makeContext(clock) {
    const B = { s: -1, e: -1, api: null };
    B.api = Object.freeze({
      start() {
        if (B.s >= 0) throw new Error("bench: b.start() was called twice in one call");
        if (B.e >= 0) throw new Error("bench: b.start() was called after b.end()");
        B.s = clock();
      },
      end() {
        const t = clock();
        if (B.e >= 0) throw new Error("bench: b.end() was called twice in one call");
        B.e = t;
      },
    });
    return B;
  }

  let loopSerial = 0;
  let canCompile = true;
  function compileLoop(kind) {
    const base = LOOPS[kind];
    if (!canCompile) return base;
    try {
      // The serial number makes every source text distinct (no compilation-cache sharing).
      const src = `"use strict"; /* mrt bench loop #${++loopSerial} */ return (${base.toString()});`;
      const f = new Function("isThenable", src)(isThenable);
      if (typeof f === "function") return f;
    } catch (_) {
      // code generation from strings disallowed (or no source text): share the base loop
    }
    canCompile = false;
    return base;
  }

  const isEachKind = (kind) => kind !== "sync" && kind !== "async";
  const isCtxKind = (kind) => kind === "syncCtx" || kind === "asyncCtx";

  // ------------------------------------------------------------------ clock and overhead

  // Clock read cost: mean spacing of back-to-back reads. Resolution: the smallest step seen
  // when spinning from one clock tick edge to the next (0 if the clock never moved).
  function measureClock(clock) {
    for (let i = 0; i < 100; i++) clock();
    const N = 1000;
    const first = clock();
    let last = first;
    for (let i = 1; i < N; i++) last = clock();
    const readCost = (last - first) / (N - 1);
    let resolution = Infinity;
    const SPINS = 100000;
    for (let trial = 0; trial < 20; trial++) {
      const x = clock();
      let y = x;
      for (let s = 0; y === x && s < SPINS; s++) y = clock();
      if (y === x) break;
      let z = y;
      for (let s = 0; z === y && s < SPINS; s++) z = clock();
      if (z === y) break;
      if (z - y < resolution) resolution = z - y;
    }
    return { readCost, resolution: resolution === Infinity ? 0 : resolution };
  }

  // Per-kind correction: per-iteration = (timed - fixed) / iters - perIter.
  async function measureOverhead(kind, clock, clk) {
    const loop = compileLoop(kind);
    const empty = isCtxKind(kind)
      ? (kind === "syncCtx" ? function (b) { b.start(); b.end(); } : async function (b) { b.start(); b.end(); })
      : kind === "sync" || kind === "syncEach" ? function () {} : async function () {};
    const S = { v: undefined, w: 0 };
    const B = makeContext(clock);
    const iters = kind === "sync" ? 100000 : 10000;
    const fixed = isEachKind(kind) ? 0 : clk.readCost;
    for (let i = 0; i < 3; i++) await loop(empty, 1000, clock, S, undefined, undefined, B);
    const per = [];
    for (let i = 0; i < OVERHEAD_SAMPLES; i++) {
      const timed = await loop(empty, iters, clock, S, undefined, undefined, B);
      per.push((timed - fixed) / iters);
    }
    per.sort((x, y) => x - y);
    const perIter = Math.max(0, percentile(per, 0.5));
    return { fixed, perIter };
  }

  function nextIters(iters, wall, target) {
    if (!(wall > 0) || wall * 100 < target) return Math.min(iters * 10, MAX_ITERS);
    const k = Math.ceil(iters * (target / wall) * 1.02);
    return Math.max(1, Math.min(k, MAX_ITERS));
  }

  // ------------------------------------------------------------------ selection

  function makeFilter(filter) {
    if (filter === undefined || filter === null || filter === "") return null;
    let re = null;
    if (filter instanceof RegExp || Object.prototype.toString.call(filter) === "[object RegExp]") {
      re = new RegExp(filter.source, filter.flags.replace(/[gy]/g, ""));
    } else if (typeof filter === "string") {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(filter);
      if (m !== null) {
        try {
          re = new RegExp(m[1], m[2].replace(/[gy]/g, ""));
        } catch (e) {
          throw new SyntaxError(`bench: invalid --filter regular expression ${filter}: ${e.message}`);
        }
      } else {
        return (name, group) => name.includes(filter) || (group !== null && group.includes(filter));
      }
    } else {
      throw new TypeError("bench: filter must be a string or a RegExp");
    }
    return (name, group) => re.test(name) || (group !== null && re.test(group));
  }

  // Groups run (and print) together, at the position of their first benchmark.
  function sections(list) {
    const out = [];
    const byGroup = new Map();
    for (const b of list) {
      if (b.group === null) {
        const last = out[out.length - 1];
        if (last !== undefined && last.group === null) last.items.push(b);
        else out.push({ group: null, items: [b] });
      } else if (byGroup.has(b.group)) {
        byGroup.get(b.group).items.push(b);
      } else {
        const s = { group: b.group, items: [b] };
        byGroup.set(b.group, s);
        out.push(s);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ table output

  const COL_AVG = 17, COL_RANGE = 26, COL_P = 12, COL_OPS = 12, COL_HEAP = 12;

  function tableWidth(nameWidth) {
    return nameWidth + COL_AVG + COL_RANGE + 2 * COL_P + COL_OPS + COL_HEAP;
  }

  function headerLine(nameWidth) {
    return "benchmark".padEnd(nameWidth) + "time/iter (avg)".padStart(COL_AVG) +
      "(min \u2026 max)".padStart(COL_RANGE) + "p75".padStart(COL_P) + "p99".padStart(COL_P) +
      "ops/s".padStart(COL_OPS) + "heap/iter".padStart(COL_HEAP);
  }

  function formatBytes(b) {
    if (typeof b !== "number" || Number.isNaN(b)) return "-";
    if (b < 1024) return `${b.toFixed(b < 10 ? 2 : 0)} B`;
    if (b < 1024 * 1024) return `${(b / 1024).toFixed(2)} KiB`;
    if (b < 1024 * 1024 * 1024) return `${(b / 1024 / 1024).toFixed(2)} MiB`;
    return `${(b / 1024 / 1024 / 1024).toFixed(2)} GiB`;
  }

  // --histogram: the samples in HIST_BINS equal bins from min to max, and the far tail.
  const HIST_BINS = 12, HIST_WIDTH = 40;
  function histogramLines(r, samples, indent) {
    if (samples === null || samples.length === 0) return [];
    const lo = r.min, hi = r.max;
    const counts = new Array(HIST_BINS).fill(0);
    for (const x of samples) {
      const k = hi > lo ? Math.min(HIST_BINS - 1, Math.floor((x - lo) / (hi - lo) * HIST_BINS)) : 0;
      counts[k]++;
    }
    const most = Math.max(...counts);
    const lines = [`${indent}p50 ${formatTime(r.p50)}  p995 ${formatTime(r.p995)}  p999 ${formatTime(r.p999)}  (${samples.length} samples)`];
    for (let k = 0; k < HIST_BINS; k++) {
      if (hi === lo && k > 0) break;
      const from = lo + (hi - lo) * k / HIST_BINS;
      const bar = "\u2588".repeat(Math.round(counts[k] / most * HIST_WIDTH));
      lines.push(`${indent}${formatTime(from).padStart(11)} \u2502${bar} ${counts[k]}`);
    }
    return lines;
  }

  function rowLines(r, nameWidth) {
    if (!r.ok) {
      const lines = [r.name.padEnd(nameWidth) + `error: ${r.error}`];
      if (r.at !== null) lines.push(`${" ".repeat(nameWidth)}  ${r.at}`);
      return lines;
    }
    return [
      r.name.padEnd(nameWidth) + formatTime(r.mean).padStart(COL_AVG) +
      `(${formatTime(r.min)} \u2026 ${formatTime(r.max)})`.padStart(COL_RANGE) +
      formatTime(r.p75).padStart(COL_P) + formatTime(r.p99).padStart(COL_P) +
      formatOps(r.opsPerSec).padStart(COL_OPS) + formatBytes(r.heapPerIter).padStart(COL_HEAP),
    ];
  }

  function formatRatio(x) {
    if (x === Infinity) return "\u221e";
    return x.toFixed(2);
  }

  // mitata-style summary: the baseline as subject, compared with every other member.
  function summaryLines(group, results) {
    const ok = results.filter((r) => r.ok);
    if (ok.length < 2) return [];
    const base = results.find((r) => r.baseline) || results[0];
    if (!base.ok) return [];
    const lines = [`summary for ${group}`, `  ${base.name}`];
    for (const r of ok) {
      if (r === base) continue;
      let text;
      if (base.mean === r.mean) text = `   about as fast as ${r.name}`;
      else if (base.mean < r.mean) {
        text = `   ${formatRatio(base.mean === 0 ? Infinity : r.mean / base.mean)}x faster than ${r.name}`;
      } else {
        text = `   ${formatRatio(r.mean === 0 ? Infinity : base.mean / r.mean)}x slower than ${r.name}`;
      }
      lines.push(text);
    }
    return lines;
  }

  // ------------------------------------------------------------------ runner

  function versions() {
    const get = (prop, op) => {
      if (typeof P[prop] === "string") return P[prop];
      if (typeof ops[op] === "function") {
        try { return String(ops[op]()); } catch (_) { return null; }
      }
      return null;
    };
    return { version: get("version", "version"), v8: get("v8Version", "v8Version") };
  }

  async function runOne(b, ctx) {
    const clock = ctx.clock;
    const r = {
      name: b.name, group: b.group, baseline: b.baseline, ok: true, error: null, stack: null,
      n: 0, iterations: 0, mean: null, p50: null, p75: null, p99: null, p995: null, p999: null,
      min: null, max: null, opsPerSec: null, heapPerIter: null, timeLimited: false,
      cpuProfile: null,
    };
    let at = null;
    let kept = null; // the samples, for the histogram
    let setupDone = false;
    const fail = (e) => {
      if (!r.ok) return;
      const d = describeError(e);
      r.ok = false;
      r.error = d.message;
      r.stack = d.stack;
      at = d.at;
    };
    const fn = b.fn, before = b.beforeEach, after = b.afterEach;
    const usesContext = fn.length > 0;
    const B = usesContext ? makeContext(clock) : undefined;
    const limit = (b.timeLimit !== undefined ? b.timeLimit : ctx.timeLimit) * 1e6;
    const begin = clock();
    const overLimit = () => limit > 0 && clock() - begin >= limit;
    let profiling = false;
    try {
      if (b.setup !== undefined) {
        const s = b.setup();
        if (isThenable(s)) await s;
      }
      setupDone = true;

      // Probe call: decides whether fn is async (returns a thenable).
      ctx.progress(b, "starting");
      if (before !== undefined) { const h = before(); if (isThenable(h)) await h; }
      const first = usesContext ? fn(B.api) : fn();
      const isAsync = isAsyncFunction(fn) || isThenable(first);
      if (isThenable(first)) await first;
      if (after !== undefined) { const h = after(); if (isThenable(h)) await h; }

      const each = before !== undefined || after !== undefined;
      const kind = (isAsync ? "async" : "sync") + (usesContext ? "Ctx" : each ? "Each" : "");
      const ov = await ctx.overhead(kind);
      const loop = compileLoop(kind);
      const S = ctx.sink;
      const target = ctx.sampleTarget;
      const run = (k) => loop(fn, k, clock, S, before, after, B);
      const perIter = (timed, k) => Math.max(0, (timed - ov.fixed) / k - ov.perIter);

      // Warmup: `warmup` iterations, or ~100 ms of calls in growing batches (this also
      // finds the batch size).
      let iters = 1;
      if (b.warmup !== undefined) {
        if (b.warmup > 0) await run(b.warmup);
      } else {
        const w0 = clock();
        do {
          await run(iters);
          iters = nextIters(iters, S.w, target);
          ctx.progress(b, "warmup");
        } while (clock() - w0 < ctx.warmupTime && !overLimit());
      }

      // The measured part: profiled (mrt bench --cpu-prof) and its heap growth watched.
      const heapUsed = ctx.heapUsed;
      if (ctx.cpuProfile !== undefined) { ctx.cpuProfile(true); profiling = true; }

      // Calibration: grow the batch until one batch takes >= target; that batch is sample 1.
      let timed;
      let h0 = heapUsed();
      const heapGrowth = [];
      for (;;) {
        timed = await run(iters);
        if (S.w >= target || iters >= MAX_ITERS || overLimit()) break;
        iters = nextIters(iters, S.w, target);
        ctx.progress(b, "calibrating");
        h0 = heapUsed();
      }
      const samples = [perIter(timed, iters)];
      let total = iters;
      let h1 = heapUsed();
      // A batch the collector ran in shrinks the heap: only those it did not run in count.
      if (h1 >= h0) heapGrowth.push((h1 - h0) / iters);

      const minN = b.n !== undefined ? b.n : ctx.n;
      const budget = (b.time !== undefined ? b.time : ctx.time) * 1e6;
      const t0 = clock();
      while (samples.length < minN || clock() - t0 < budget) {
        if (overLimit()) { r.timeLimited = true; break; }
        h0 = h1;
        timed = await run(iters);
        h1 = heapUsed();
        if (h1 >= h0) heapGrowth.push((h1 - h0) / iters);
        samples.push(perIter(timed, iters));
        total += iters;
        ctx.progress(b, samples);
      }
      if (!r.timeLimited && overLimit() && samples.length < minN) r.timeLimited = true;
      if (profiling) { profiling = false; r.cpuProfile = ctx.cpuProfile(false) ?? null; }
      const st = stats(samples);
      const sorted = Array.from(samples).sort((x, y) => x - y);
      r.p995 = percentile(sorted, 0.995);
      r.p999 = percentile(sorted, 0.999);
      kept = samples;
      if (heapGrowth.length > 0 && !Number.isNaN(h0)) {
        heapGrowth.sort((x, y) => x - y);
        r.heapPerIter = percentile(heapGrowth, 0.5);
      }
      r.n = st.n;
      r.iterations = total;
      r.mean = st.mean;
      r.p50 = st.p50;
      r.p75 = st.p75;
      r.p99 = st.p99;
      r.min = st.min;
      r.max = st.max;
      r.opsPerSec = st.opsPerSec;
    } catch (e) {
      fail(e);
    }
    if (profiling) {
      try { r.cpuProfile = ctx.cpuProfile(false) ?? null; } catch (_) { /* reported by the op */ }
    }
    if (setupDone && b.teardown !== undefined) {
      try {
        const t = b.teardown();
        if (isThenable(t)) await t;
      } catch (e) {
        fail(e);
      }
    }
    if (!r.ok) {
      r.n = 0; r.iterations = 0;
      r.mean = r.p50 = r.p75 = r.p99 = r.p995 = r.p999 = r.min = r.max = r.opsPerSec = null;
      r.heapPerIter = null;
    }
    return { r, at, samples: kept };
  }

  // The heap's used bytes (NaN where the host has no memoryUsage op).
  function heapUsedReader() {
    if (typeof ops.memoryUsage !== "function") return () => NaN;
    const usage = new Float64Array(5);
    return () => { ops.memoryUsage(usage); return usage[2]; };
  }

  async function runBenchmarks(opts) {
    opts = opts || {};
    if (running) throw new Error("bench: a run is already in progress");
    const clock = typeof opts.clock === "function" ? opts.clock : ops.hrtime;
    const write = typeof opts.out === "function" ? opts.out
      : (s) => ops.print(typeof opts.out === "number" ? opts.out : 1, s);
    const json = opts.json === true;
    const showProgress = opts.progress !== undefined ? opts.progress === true
      : !json && Boolean(ops.isatty(1)) && Boolean(ops.isatty(2));

    collecting = true;
    const match = makeFilter(opts.filter);
    const anyOnly = registry.some((b) => b.only && !b.ignore);
    let ignored = 0, filteredOut = 0;
    const selected = [];
    for (const b of registry) {
      if (b.ignore || (anyOnly && !b.only)) { ignored++; continue; }
      if (match !== null && !match(b.name, b.group)) { filteredOut++; continue; }
      selected.push(b);
    }
    const secs = sections(selected);
    const order = [];
    for (const s of secs) for (const b of s.items) order.push(b);

    running = true;
    try {
      const clk = measureClock(clock);
      const res = clk.resolution;
      const overheads = new Map();
      let progressShown = false, lastProgress = -Infinity, index = 0;
      const clearProgress = () => {
        if (progressShown) { ops.print(2, "\r\x1b[2K"); progressShown = false; }
      };
      const ctx = {
        clock,
        sink: { v: undefined, w: 0 },
        sampleTarget: Math.max(MIN_SAMPLE_NS, Math.min(1000 * res, MAX_SAMPLE_NS)),
        warmupTime: (typeof opts.warmupTime === "number" ? opts.warmupTime : DEFAULT_WARMUP_MS) * 1e6,
        time: typeof opts.time === "number" ? opts.time : DEFAULT_TIME_MS,
        timeLimit: typeof opts.timeLimit === "number" && opts.timeLimit > 0 ? opts.timeLimit : 0,
        cpuProfile: typeof opts.cpuProfile === "function" ? opts.cpuProfile : undefined,
        heapUsed: heapUsedReader(),
        n: typeof opts.n === "number" ? opts.n : DEFAULT_N,
        overhead: async (kind) => {
          if (!overheads.has(kind)) overheads.set(kind, await measureOverhead(kind, clock, clk));
          return overheads.get(kind);
        },
        progress: showProgress ? (b, what) => {
          const now = clock();
          if (now - lastProgress < PROGRESS_EVERY_NS) return;
          lastProgress = now;
          const state = Array.isArray(what)
            ? `${what.length} samples, ${formatTime(what[what.length - 1])}/iter` : what;
          let line = `[${index}/${order.length}] ${b.name}: ${state}`;
          if (line.length > 78) line = line.slice(0, 77) + "\u2026";
          ops.print(2, `\r\x1b[2K${line}`);
          progressShown = true;
        } : () => {},
      };
      P.benchSink = ctx.sink; // keep the sink reachable: stores into it are observable

      const ver = versions();
      const nameWidth = Math.max(9, ...order.map((b) => b.name.length)) + 2;
      const width = tableWidth(nameWidth);
      const out = [];
      let failed = 0, limited = 0;
      if (!json) {
        write(`runtime: mrt ${ver.version ?? "?"} (V8 ${ver.v8 ?? "?"})\n` +
          (typeof opts.cpu === "string" ? `cpu: ${opts.cpu}\n` : "") +
          `clock: ${clk.resolution > 0 ? formatTime(clk.resolution) : "unknown"} resolution, ` +
          `${formatTime(clk.readCost)} per read\n`);
        if (order.length > 0) write(`\n${headerLine(nameWidth)}\n${"-".repeat(width)}\n`);
      }
      let afterGroup = false;
      for (const sec of secs) {
        const results = [];
        if (!json && sec.group !== null) write(`\n\u2022 ${sec.group}\n${"-".repeat(width)}\n`);
        else if (!json && afterGroup) write("\n");
        afterGroup = sec.group !== null;
        for (const b of sec.items) {
          index++;
          const { r, at, samples } = await runOne(b, ctx);
          if (!r.ok) failed++;
          if (r.timeLimited) limited++;
          results.push(r);
          out.push(r);
          clearProgress();
          if (!json) {
            const lines = rowLines(Object.assign({ at }, r), nameWidth);
            if (r.ok && opts.histogram === true) lines.push(...histogramLines(r, samples, "  "));
            if (r.cpuProfile !== null) lines.push(`  cpu profile: ${r.cpuProfile}`);
            write(lines.join("\n") + "\n");
          }
        }
        if (!json && sec.group !== null) {
          const lines = summaryLines(sec.group, results);
          if (lines.length > 0) write(`\n${lines.join("\n")}\n`);
        }
      }
      clearProgress();
      for (const kind of ["sync", "async", "syncEach", "asyncEach"]) {
        if (!overheads.has(kind)) overheads.set(kind, null);
      }
      if (json) {
        const ovOut = {};
        for (const [k, v] of overheads) ovOut[k] = v === null ? null : v.perIter;
        const doc = {
          runtime: "mrt",
          version: ver.version,
          v8: ver.v8,
          cpu: typeof opts.cpu === "string" ? opts.cpu : null,
          clock: { resolution: clk.resolution, readCost: clk.readCost },
          overhead: ovOut,
          benchmarks: out,
        };
        write(JSON.stringify(doc, null, 2) + "\n");
      } else {
        const notes = [];
        if (order.length === 0) notes.push("no benchmarks to run");
        if (ignored > 0) notes.push(`${ignored} ignored`);
        if (filteredOut > 0) notes.push(`${filteredOut} filtered out`);
        if (failed > 0) notes.push(`${failed} of ${order.length} failed`);
        if (limited > 0) notes.push(`${limited} stopped at the time limit`);
        if (notes.length > 0) write(`\n${notes.join(", ")}\n`);
      }
      return { failed, results: out };
    } finally {
      running = false;
    }
  }

  // For `mrt bench`: throws what runBenchmarks would for this filter, before any file runs
  // (from then on bench() registers for the run).
  function checkFilter(filter) { makeFilter(filter); collecting = true; }

  return { bench, runBenchmarks, checkFilter };
});
