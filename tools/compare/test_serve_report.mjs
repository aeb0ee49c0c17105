#!/usr/bin/env node
// Tests of serve_report.mjs: figures computed from wrk/firstresponse records, the reference
// (faster of bun and deno) chosen per figure in the figure's direction, skipped runtimes and
// wrk errors reported, and the CLI writing results.md/results.json.
//
//   node tools/compare/test_serve_report.mjs   → prints "N passed, M failed", exit 1 if any failed
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { aggregate, markdown } from "./serve_report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
let passed = 0, failed = 0;
function t(name, fn) {
  try { fn(); passed++; } catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
function near(a, b, what, eps = 1e-9) { if (!(Math.abs(a - b) <= eps)) throw new Error(`${what}: expected ${b}, got ${a}`); }
function assert(c, what) { if (!c) throw new Error(what); }

const NOERR = { connect: 0, read: 0, write: 0, status: 0, timeout: 0 };
// A wrk.lua done() record: `rps` requests per second over 10 s, p50/p99 in ms.
const wrk = (row, runtime, round, rps, p50, p99, extra = {}) => ({
  row, runtime, round, load: 1.5,
  data: { requests: rps * 10, duration_us: 10e6, bytes: rps * 10 * 130, errors: { ...NOERR, ...(extra.errors ?? {}) },
          latency_us: { p50: p50 * 1e3, p90: p99 * 500, p99: p99 * 1e3, mean: p50 * 1e3, max: p99 * 2e3 } },
});
const cold = (runtime, round, ms) => ({ row: "cold", runtime, round, load: 2, data: { first_response_ms: ms, connect_ms: ms, status: 200 } });

const lines = [
  wrk("hello", "deno", 1, 70000, 0.5, 4), wrk("hello", "deno", 2, 72000, 0.5, 5), wrk("hello", "deno", 3, 71000, 0.4, 6),
  wrk("hello", "bun", 1, 56000, 0.3, 3), wrk("hello", "bun", 2, 57000, 0.3, 3), wrk("hello", "bun", 3, 55000, 0.3, 3),
  wrk("hello", "mrt", 1, 80000, 0.4, 2), wrk("hello", "mrt", 2, 60000, 0.4, 2, { errors: { status: 3 } }), wrk("hello", "mrt", 3, 90000, 0.4, 2),
  { row: "stream", runtime: "bun", round: 1, load: 1, data: { requests: 1000, duration_us: 5e6, bytes: 1000 * 1048700, errors: NOERR, latency_us: { p50: 1, p90: 1, p99: 1, mean: 1, max: 1 } } },
  cold("bun", 1, 13), cold("bun", 2, 12), cold("bun", 3, 14), cold("deno", 1, 32), cold("deno", 2, 30), cold("deno", 3, 31),
  cold("mrt_cli", 1, 10), cold("mrt_cli", 2, 11), cold("mrt_cli", 3, 12),
  { row: "rss", runtime: "deno", round: 1, load: 3, data: { warm_requests: 1e5, total_requests: 1e6, warm_rss_kib: 40960, warm_hwm_kib: 40960, rss_kib: 41984, hwm_kib: 43008 } },
  wrk("workers", "mrt_w1", 1, 100000, 0.5, 3), wrk("workers", "mrt_w2", 1, 170000, 0.5, 3),
  { row: "echo", runtime: "node18", skipped: "start failed: server exited before answering" },
];
const res = aggregate(lines);
const fig = (id) => res.figures.find((f) => f.id === id);

t("req/s is requests over wrk's duration, median of rounds", () => {
  near(fig("hello_rps").runtimes.deno.median, 71000, "deno median");
  near(fig("hello_rps").runtimes.mrt.median, 80000, "mrt median");
});
t("the reference for req/s is the faster of bun and deno", () => {
  assert(fig("hello_rps").ref === "deno", `ref ${fig("hello_rps").ref}`);
  near(fig("hello_rps").ratios.mrt, 80000 / 71000, "mrt ratio");
  near(fig("hello_rps").ratios.bun, 56000 / 71000, "bun ratio");
});
t("the reference for a latency is the lower of bun and deno", () => {
  assert(fig("hello_p99").ref === "bun", `ref ${fig("hello_p99").ref}`);
  near(fig("hello_p99").runtimes.bun.median, 3, "bun p99 ms");
  near(fig("hello_p99").ratios.mrt, 2 / 3, "mrt p99 ratio");
});
t("cold start: median ms, ratio to the faster of bun and deno (also for the CLI row)", () => {
  assert(fig("cold_ms").ref === "bun", `ref ${fig("cold_ms").ref}`);
  near(fig("cold_ms").ratios.mrt_cli, 11 / 13, "mrt_cli ratio");
});
t("stream MB/s is 10^6 bytes per second", () => near(fig("stream_mbs").runtimes.bun.median, 1000 * 1048700 / 5 / 1e6, "MB/s", 1e-6));
t("RSS figures in MiB; growth has no ratio", () => {
  near(fig("rss_warm").runtimes.deno.median, 40, "warm MiB");
  near(fig("rss_growth").runtimes.deno.median, 1, "growth MiB");
  assert(fig("rss_growth").ref === null, "growth has a ref");
});
t("workers: 2 / 1", () => near(res.workers.ratio, 1.7, "workers ratio"));
t("wrk errors and skipped runtimes are listed", () => {
  assert(res.errors.length === 1 && res.errors[0].runtime === "mrt" && res.errors[0].errors.status === 3, JSON.stringify(res.errors));
  assert(res.skipped.length === 1 && res.skipped[0].runtime === "node18", JSON.stringify(res.skipped));
});
t("markdown: both tables, the workers table, the skipped list", () => {
  const md = markdown(res, { date: "d", nice: "-10" });
  assert(/\| hello: requests\/s \(-c64\) \| req\/s \| higher \|/.test(md), "medians row");
  assert(/\| hello: requests\/s \(-c64\) \| deno \| 1\.13× \|/.test(md), "ratio row (mrt first)");
  assert(/\| 100\.0k req\/s \| 170\.0k req\/s \| 1\.70× \|/.test(md), "workers table");
  assert(md.includes("- echo node18: start failed"), "skipped");
  assert(md.includes("nice -10"), "nice noted");
  for (const line of md.split("\n").filter((l) => l.startsWith("|"))) {
    const header = md.split("\n").find((l) => l.startsWith("| figure |") && l.split("|").length === line.split("|").length);
    assert(header || /^\| (workers|[0-9])/.test(line) || line.startsWith("| ---"), `table row with a wrong cell count: ${line}`);
  }
});
t("the CLI writes results.md and results.json", () => {
  const dir = mkdtempSync(join(tmpdir(), "mrt-test-serve-report-"));
  try {
    writeFileSync(join(dir, "raw.jsonl"), lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const r = spawnSync(process.execPath, [join(here, "serve_report.mjs"), "--raw", join(dir, "raw.jsonl"), "--out", dir, "--meta", "duration=10"], { encoding: "utf8" });
    assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
    const j = JSON.parse(readFileSync(join(dir, "results.json"), "utf8"));
    assert(j.meta.duration === "10" && j.figures.length > 5, "results.json");
    assert(readFileSync(join(dir, "results.md"), "utf8").includes("measured 10 s"), "results.md");
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
