#!/usr/bin/env node
// Tests of report.mjs: aggregation, the baseline regression check (flags real regressions, not
// within-noise changes), and well-formed Markdown and SVG.
//
//   node tools/compare/test_report.mjs        → prints "N passed, M failed", exit 1 if any failed
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { aggregate, summarize, parseResultLine, computeRatios, renderMarkdown, renderSvg, checkBaseline, makeBaseline } from "./report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const REPORT = join(here, "report.mjs");
const tmp = mkdtempSync(join(tmpdir(), "mrt-test-report-"));
let passed = 0, failed = 0;
function t(name, fn) {
  try { fn(); passed++; }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
function eq(a, b, what = "") {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${what} expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
}
function near(a, b, eps = 1e-9, what = "") { if (!(Math.abs(a - b) <= eps)) throw new Error(`${what} expected ${b}, got ${a}`); }
function assert(c, what) { if (!c) throw new Error(what); }

// ---------------------------------------------------------------- synthetic results

// Samples around `center` with a relative spread: center * (1 + k*s) for k in -2..2.
const around = (center, s) => [-2, -1, 0, 1, 2].map((k) => center * (1 + k * s));
function stat(samples, unit, rssKib = 40000, rssSpread = 0.01) {
  const s = summarize(samples), r = summarize(around(rssKib, rssSpread));
  return { ...s, unit, samples, rss_kib: { median: r.median, max: r.max, spread: r.spread }, failures: 0, errors: [] };
}
// spec: { workload: { unit, kind, rt: [center, spread, rss?] } }
function mkResults(spec) {
  const workloads = [];
  for (const [name, w] of Object.entries(spec)) {
    const runtimes = {};
    for (const [rt, v] of Object.entries(w.rt)) {
      runtimes[rt] = v === "fail" ? { n: 0, failures: 3, errors: [{ round: 1, why: "exit status 1", stderr: "TypeError: x" }] }
        : stat(around(v[0], v[1]), w.unit, v[2] ?? 40000);
    }
    workloads.push({ name, kind: w.kind ?? "throughput", unit: w.unit, runtimes });
  }
  return computeRatios({ meta: { date: "2026-01-01T00:00:00Z", host: "test", cpus: 2 }, workloads });
}
const BASE = {
  hi: { kind: "cold", unit: "ms", rt: { mrt: [20, 0.01], node: [56, 0.01], deno: [50, 0.01], bun: [17, 0.01] } },
  promise: { unit: "M/s", rt: { mrt: [20, 0.01], node: [13.3, 0.01], deno: [20.7, 0.01], bun: [19.7, 0.01] } },
  json: { unit: "ms/iter", rt: { mrt: [12, 0.01], node: [16.2, 0.01], deno: [10.3, 0.01], bun: [6.1, 0.01] } },
  tcp1: { unit: "k rt/s", rt: { mrt: [40, 0.01], node: [36, 0.01], deno: [29, 0.01], bun: [43, 0.01] } },
};
const clone = (o) => JSON.parse(JSON.stringify(o));

function runReport(args) {
  const r = spawnSync(process.execPath, [REPORT, ...args], { encoding: "utf8" });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}
function writeJson(name, obj) { const p = join(tmp, name); writeFileSync(p, JSON.stringify(obj)); return p; }

// ---------------------------------------------------------------- unit tests

t("parseResultLine", () => {
  eq(parseResultLine(["hi", "timers_fanout: 1.41 M/s"], "timers_fanout"), { name: "timers_fanout", value: 1.41, unit: "M/s" });
  eq(parseResultLine(["tcp16: 46.5 k rt/s", "warning: x"], "tcp16"), { name: "tcp16", value: 46.5, unit: "k rt/s" });
  eq(parseResultLine(["json: 1e1 ms/iter"], "json").value, 10);
  eq(parseResultLine(["promise 13 ops/s"], "promise"), null);
  eq(parseResultLine([], "x"), null);
  eq(parseResultLine(["other: 3 M/s"], "promise"), null);
});

t("summarize median/quartiles", () => {
  const s = summarize([5, 1, 3, 2, 4]);
  eq([s.median, s.p25, s.p75, s.min, s.max, s.n], [3, 2, 4, 1, 5, 5]);
  near(s.spread, 2 / 3);
  near(summarize([1, 2, 3, 4]).median, 2.5);
  eq(summarize([]), null);
});

t("aggregate: warm-up ignored, failures recorded, self-reported and wall figures", () => {
  const sample = (wall, rss, lines, exit = 0) => ({ runs: 1, failures: exit ? 1 : 0, samples: [{ wall_ms: wall, rss_kib: rss, exit, signal: 0, timeout: false, lines }] });
  const raw = [
    { workload: "promise", kind: "throughput", runtime: "node", round: 0, stat: sample(100, 1, ["promise: 99 M/s"]) },
    ...[10, 12, 11].map((v, i) => ({ workload: "promise", kind: "throughput", runtime: "node", round: i + 1, stat: sample(100, 1000 + i, [`promise: ${v} M/s`]) })),
    { workload: "promise", kind: "throughput", runtime: "mrt", round: 1, stat: sample(5, 900, ["promise: 20 M/s"]) },
    { workload: "promise", kind: "throughput", runtime: "mrt", round: 2, stat: sample(5, 900, ["Error"], 1) },
    { workload: "promise", kind: "throughput", runtime: "mrt", round: 3, stat: sample(5, 900, ["garbage"]) },
    ...[30, 50, 40].map((v, i) => ({ workload: "hi", kind: "cold", runtime: "node", round: i + 1, stat: sample(v, 2000, ["hi"]) })),
  ];
  const ws = aggregate(raw);
  const p = ws.find((w) => w.name === "promise"), h = ws.find((w) => w.name === "hi");
  eq(p.unit, "M/s"); eq(p.better, "higher");
  eq(p.runtimes.node.median, 11); eq(p.runtimes.node.n, 3); eq(p.runtimes.node.rss_kib.median, 1001);
  eq(p.runtimes.mrt.n, 1); eq(p.runtimes.mrt.failures, 2);
  eq(h.unit, "ms"); eq(h.better, "lower"); eq(h.runtimes.node.median, 40);
});

t("ratios and speed-ups follow the direction", () => {
  const r = mkResults(BASE);
  const pr = r.workloads.find((w) => w.name === "promise").ratios.mrt.node;
  near(pr.ratio, 20 / 13.3, 1e-9); near(pr.speedup, 20 / 13.3, 1e-9);
  const hi = r.workloads.find((w) => w.name === "hi").ratios.mrt.node;
  near(hi.ratio, 20 / 56, 1e-9); near(hi.speedup, 56 / 20, 1e-9);
  near(r.workloads.find((w) => w.name === "hi").ratios.bun.deno.speedup, 50 / 17, 1e-9);
});

// ---------------------------------------------------------------- baseline check through the CLI

const basePath = writeJson("base-results.json", mkResults(BASE));
const baselineFile = join(tmp, "baseline.json");

t("write-baseline", () => {
  const r = runReport(["--results", basePath, "--out", join(tmp, "o0"), "--write-baseline", baselineFile]);
  eq(r.code, 0, "exit");
  const b = JSON.parse(readFileSync(baselineFile, "utf8"));
  eq(b.subject, "mrt");
  eq(Object.keys(b.figures).length, 4 * 3 * 2, "figures (4 workloads x 3 peers x perf/rss)");
  near(b.figures["promise:perf:node"].speedup, 20 / 13.3, 1e-4);
});

t("unchanged results: no regression", () => {
  const r = runReport(["--results", basePath, "--out", join(tmp, "o1"), "--baseline", baselineFile]);
  eq(r.code, 0, "exit"); assert(!/REGRESSION/.test(r.stderr), "no REGRESSION line");
  const res = JSON.parse(readFileSync(join(tmp, "o1", "results.json"), "utf8"));
  eq(res.baseline_check.regressions, 0);
  assert(res.baseline_check.rows.every((x) => x.status === "ok"), "all ok");
});

function doctored(mutate, name) {
  const spec = clone(BASE);
  mutate(spec);
  return writeJson(name, mkResults(spec));
}
function check(path, extra = []) {
  const out = join(tmp, "o-" + Math.random().toString(36).slice(2));
  const r = runReport(["--results", path, "--out", out, "--baseline", baselineFile, ...extra]);
  const res = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
  const st = (key) => res.baseline_check.rows.find((x) => x.key === key)?.status;
  return { ...r, res, st, out };
}

t("real regressions are flagged (higher-better, lower-better, cold start, RSS)", () => {
  const p = doctored((s) => {
    s.promise.rt.mrt[0] = 15;     // 25% lower throughput
    s.json.rt.mrt[0] = 15;        // 25% more ms/iter
    s.hi.rt.mrt[0] = 20 * 1.04;   // +4%: within threshold
    s.tcp1.rt.mrt[2] = 60000;     // RSS +50%
  }, "regressed.json");
  const c = check(p);
  eq(c.code, 1, "exit");
  eq(c.st("promise:perf:node"), "regressed"); eq(c.st("promise:perf:bun"), "regressed");
  eq(c.st("json:perf:deno"), "regressed");
  eq(c.st("hi:perf:node"), "ok");
  eq(c.st("tcp1:rss:node"), "regressed"); eq(c.st("tcp1:perf:node"), "ok");
  eq(c.res.baseline_check.regressions, 3 + 3 + 3, "regression count " + JSON.stringify(c.res.baseline_check.rows.filter((x) => x.status === "regressed").map((x) => x.key)));
  assert(/REGRESSION promise perf vs node/.test(c.stderr), "stderr names the regression");
  const md = readFileSync(join(c.out, "results.md"), "utf8");
  assert(/\*\*regressed\*\*/.test(md) && /regression\(s\)/.test(md), "markdown shows regressions");
});

t("within-noise changes are not flagged", () => {
  const p = doctored((s) => {
    s.promise.rt.mrt[0] = 20 * 0.93; // -7%
    s.json.rt.mrt[0] = 12 * 1.08;    // +8% ms
    s.tcp1.rt.mrt[0] = 40 * 1.5;     // improvement
  }, "noise.json");
  const c = check(p);
  eq(c.code, 0, "exit");
  eq(c.st("promise:perf:node"), "ok"); eq(c.st("json:perf:bun"), "ok");
  eq(c.st("tcp1:perf:node"), "improved");
});

t("the current run's spread widens the threshold", () => {
  const quiet = check(doctored((s) => { s.promise.rt.mrt[0] = 20 * 0.85; }, "quiet.json"));
  eq(quiet.st("promise:perf:node"), "regressed", "-15% with 1% spread");
  const noisy = check(doctored((s) => { s.promise.rt.mrt = [20 * 0.85, 0.08]; }, "noisy.json"));
  eq(noisy.st("promise:perf:node"), "ok", "-15% with ~16% IQR spread");
  eq(noisy.code, 0, "exit");
  const row = noisy.res.baseline_check.rows.find((x) => x.key === "promise:perf:node");
  assert(row.tol > 0.2, "tolerance widened: " + row.tol);
});

t("--threshold is configurable", () => {
  const p = doctored((s) => { s.promise.rt.mrt[0] = 15; }, "thr.json");
  eq(check(p).code, 1);
  eq(check(p, ["--threshold", "0.4"]).code, 0);
});

t("subject failure is a regression; a missing peer only a warning", () => {
  const f = check(doctored((s) => { s.json.rt.mrt = "fail"; }, "fail.json"));
  eq(f.code, 1); eq(f.st("json:perf:node"), "regressed");
  const m = check(doctored((s) => { delete s.json.rt.bun; }, "nobun.json"));
  eq(m.code, 0); eq(m.st("json:perf:bun"), "missing");
  assert(/warning: json:perf:bun/.test(m.stderr), "warns");
});

// ---------------------------------------------------------------- well-formed Markdown and SVG

function checkMarkdownTables(md) {
  const lines = md.split("\n");
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith("|")) continue;
    const cells = (l) => l.replace(/\\\|/g, "").split("|").length;
    const n = cells(lines[i]);
    assert(/^\|(\s*:?-{3,}:?\s*\|)+$/.test(lines[i + 1] ?? ""), `separator after line ${i + 1}: ${lines[i + 1]}`);
    assert(cells(lines[i + 1]) === n, `separator width at line ${i + 2}`);
    let j = i + 2;
    for (; j < lines.length && lines[j].startsWith("|"); j++) assert(cells(lines[j]) === n, `row width at line ${j + 1}: ${lines[j]}`);
    assert(!lines.slice(i, j).some((l) => /NaN|undefined|Infinity/.test(l)), "no NaN/undefined in table");
    tables++;
    i = j;
  }
  return tables;
}

// Minimal XML well-formedness check: balanced tags, quoted attributes, known entities only.
function checkXml(xml) {
  const stack = [];
  const re = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->/g;
  let last = 0, m, root = 0;
  while ((m = re.exec(xml))) {
    const between = xml.slice(last, m.index);
    assert(!/[<>]/.test(between), `stray < or > near ${JSON.stringify(between.slice(0, 40))}`);
    assert(!/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(between), `bad entity near ${JSON.stringify(between.slice(0, 40))}`);
    last = re.lastIndex;
    if (!m[2]) continue;
    if (m[1]) { assert(stack.pop() === m[2], `unbalanced </${m[2]}>`); }
    else if (!m[4]) { if (!stack.length) root++; stack.push(m[2]); }
    else if (!stack.length) root++;
  }
  assert(!/[<>]/.test(xml.slice(last)), "trailing markup");
  assert(stack.length === 0, `unclosed: ${stack.join(",")}`);
  assert(root === 1, `one root element, got ${root}`);
}

t("Markdown tables are well-formed and state directions", () => {
  const r = mkResults(BASE);
  const md = renderMarkdown(r, "mrt", checkBaseline(r, makeBaseline(r, "mrt", 0.1), { threshold: 0.1 }));
  assert(checkMarkdownTables(md) >= 4, "at least 4 tables");
  assert(/\| workload \| better \| mrt \| node \| deno \| bun \| mrt\/node \| mrt\/deno \| mrt\/bun \|/.test(md), "main header");
  assert(/\| promise \| higher is better \|/.test(md) && /\| json \| lower is better \|/.test(md) && /\| hi \| lower is better \|/.test(md), "directions");
});

t("SVG is well-formed, has the 1.0 line and one bar per workload and peer", () => {
  const svg = renderSvg(mkResults(BASE), "mrt");
  checkXml(svg);
  assert(!/NaN|undefined|Infinity/.test(svg), "no NaN");
  const bars = (svg.match(/<rect [^>]*><title>/g) ?? []).length;
  eq(bars, 4 * 3, "bars");
  assert(/stroke="#cc0000"/.test(svg) && />1\.0</.test(svg), "1.0 line");
});

t("without the subject: output still well-formed and says so", () => {
  const spec = clone(BASE);
  for (const w of Object.values(spec)) delete w.rt.mrt;
  spec.json.rt.deno = "fail";
  const r = mkResults(spec);
  const md = renderMarkdown(r, "mrt", null);
  checkMarkdownTables(md);
  assert(/mrt was not measured/.test(md), "note");
  assert(/## Failed runs/.test(md) && /TypeError: x/.test(md), "failures listed");
  const svg = renderSvg(r, "mrt");
  checkXml(svg);
  assert(/no ratios for mrt/.test(svg), "svg note");
  checkXml(renderSvg(r, "bun")); // other subject, with a failed peer
});

t("files written by the CLI are well-formed", () => {
  const out = join(tmp, "o1");
  assert(existsSync(join(out, "results.md")) && existsSync(join(out, "ratios.svg")), "files exist");
  checkMarkdownTables(readFileSync(join(out, "results.md"), "utf8"));
  checkXml(readFileSync(join(out, "ratios.svg"), "utf8"));
});

t("usage errors exit 2", () => {
  eq(runReport(["--out", tmp]).code, 2);
  eq(runReport(["--results", basePath]).code, 2);
});

rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
