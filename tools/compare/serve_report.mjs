#!/usr/bin/env node
// Aggregates a serve.sh run (raw.jsonl) into results.json and results.md: per row and runtime
// the median of the samples (and their spread), and each runtime's ratio to the faster of bun
// and deno on that row (the issue's reference).
//
//   node tools/compare/serve_report.mjs --raw RAW.jsonl --out DIR [--meta K=V]...
//
// RAW.jsonl lines (written by serve.sh):
//   {"row":"hello|echo|stream|workers","runtime":..,"round":N,"load":L,"data":<wrk.lua done() JSON>}
//   {"row":"cold","runtime":..,"round":N,"load":L,"data":<firstresponse JSON>}
//   {"row":"rss","runtime":..,"round":1,"load":L,"data":{warm_requests,total_requests,warm_rss_kib,...}}
//   {"row":..,"runtime":..,"skipped":"why"}
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { summarize } from "./report.mjs";

export const RUNTIME_ORDER = ["mrt", "mrt_cli", "node18", "node", "deno", "deno_cli", "bun", "mrt_w1", "mrt_w2"];

// The figures shown, each from one row's samples: [id, row, label, unit, better, value(data)].
const MiB = 1024;
export const FIGURES = [
  ["hello_rps", "hello", "hello: requests/s (-c64)", "req/s", "higher", (d) => d.requests / (d.duration_us / 1e6)],
  ["hello_p50", "hello", "hello: p50 latency", "ms", "lower", (d) => d.latency_us.p50 / 1e3],
  ["hello_p99", "hello", "hello: p99 latency", "ms", "lower", (d) => d.latency_us.p99 / 1e3],
  ["echo_rps", "echo", "JSON echo 1 KiB: requests/s (-c64)", "req/s", "higher", (d) => d.requests / (d.duration_us / 1e6)],
  ["echo_p50", "echo", "JSON echo: p50 latency", "ms", "lower", (d) => d.latency_us.p50 / 1e3],
  ["echo_p99", "echo", "JSON echo: p99 latency", "ms", "lower", (d) => d.latency_us.p99 / 1e3],
  ["stream_mbs", "stream", "1 MiB streamed response (-c8)", "MB/s", "higher", (d) => d.bytes / (d.duration_us / 1e6) / 1e6],
  ["cold_ms", "cold", "cold start → first 200", "ms", "lower", (d) => d.first_response_ms],
  ["rss_warm", "rss", "VmRSS after warm-up", "MiB", "lower", (d) => d.warm_rss_kib / MiB],
  ["rss_end", "rss", "VmRSS after all requests", "MiB", "lower", (d) => d.rss_kib / MiB],
  ["rss_hwm", "rss", "VmHWM (peak) after all requests", "MiB", "lower", (d) => d.hwm_kib / MiB],
  ["rss_growth", "rss", "VmRSS growth after warm-up", "MiB", "lower", (d) => (d.rss_kib - d.warm_rss_kib) / MiB, { noRatio: true }],
  ["workers_rps", "workers", "`mrt serve` hello requests/s (unpinned)", "req/s", "higher", (d) => d.requests / (d.duration_us / 1e6)],
];

const REFS = ["deno", "bun"];

export function aggregate(lines) {
  const skipped = [], errors = [], loads = {};
  const samples = {}; // figure id → runtime → values
  for (const rec of lines) {
    if (rec.skipped !== undefined) { skipped.push({ row: rec.row, runtime: rec.runtime, why: rec.skipped }); continue; }
    (loads[rec.row] ??= []).push(rec.load);
    const d = rec.data;
    const wrkErrors = d.errors ? Object.values(d.errors).reduce((a, b) => a + b, 0) : 0;
    if (wrkErrors) errors.push({ row: rec.row, runtime: rec.runtime, round: rec.round, errors: d.errors });
    for (const [id, row, , , , value] of FIGURES) {
      if (row !== rec.row) continue;
      const v = value(d);
      if (Number.isFinite(v)) ((samples[id] ??= {})[rec.runtime] ??= []).push(v);
    }
  }
  const figures = [];
  for (const [id, row, label, unit, better, , opts = {}] of FIGURES) {
    if (!samples[id]) continue;
    const runtimes = {};
    for (const [rt, vs] of Object.entries(samples[id])) runtimes[rt] = { ...summarize(vs), samples: vs };
    const refs = REFS.filter((r) => runtimes[r]);
    let ref = null;
    if (!opts.noRatio && refs.length) {
      ref = refs.reduce((a, b) => ((better === "higher" ? runtimes[b].median > runtimes[a].median
        : runtimes[b].median < runtimes[a].median) ? b : a));
    }
    const ratios = {};
    if (ref) for (const [rt, s] of Object.entries(runtimes)) ratios[rt] = s.median / runtimes[ref].median;
    figures.push({ id, row, label, unit, better, runtimes, ref, ratios });
  }
  const w = figures.find((f) => f.id === "workers_rps");
  const workers = w?.runtimes.mrt_w1 && w?.runtimes.mrt_w2
    ? { w1: w.runtimes.mrt_w1.median, w2: w.runtimes.mrt_w2.median, ratio: w.runtimes.mrt_w2.median / w.runtimes.mrt_w1.median }
    : null;
  const loadRange = {};
  for (const [row, ls] of Object.entries(loads)) loadRange[row] = [Math.min(...ls), Math.max(...ls)];
  return { figures, workers, skipped, errors, loads: loadRange };
}

function fmt(v, unit) {
  if (!Number.isFinite(v)) return "—";
  if (unit === "req/s") return v >= 1e4 ? `${(v / 1e3).toFixed(1)}k` : v.toFixed(0);
  if (unit === "MB/s") return v.toFixed(0);
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function markdown(res, meta) {
  const present = new Set();
  for (const f of res.figures) for (const rt of Object.keys(f.runtimes)) present.add(rt);
  const cols = RUNTIME_ORDER.filter((r) => present.has(r) && !r.startsWith("mrt_w"));
  for (const r of present) if (!cols.includes(r) && !r.startsWith("mrt_w")) cols.push(r);
  const rows = res.figures.filter((f) => f.row !== "workers");
  const out = [];
  out.push(`# HTTP servers side by side (${meta.date ?? ""})`, "");
  out.push("Medians; `±` is the interquartile spread over the samples (rounds or cold starts).", "");
  out.push(`| figure | unit | better | ${cols.join(" | ")} |`);
  out.push(`| --- | --- | --- | ${cols.map(() => "---:").join(" | ")} |`);
  for (const f of rows) {
    const cells = cols.map((rt) => {
      const s = f.runtimes[rt];
      if (!s) return "—";
      const sp = s.n >= 3 && s.spread ? ` ±${Math.round(s.spread * 100)}%` : "";
      return `${fmt(s.median, f.unit)}${sp}`;
    });
    out.push(`| ${f.label} | ${f.unit} | ${f.better} | ${cells.join(" | ")} |`);
  }
  out.push("", "Ratios to the faster of bun and deno on each figure (named in `ref`); read them with the row's direction", "(req/s, MB/s: above 1 is better; ms, MiB: below 1 is better).", "");
  out.push(`| figure | ref | ${cols.join(" | ")} |`);
  out.push(`| --- | --- | ${cols.map(() => "---:").join(" | ")} |`);
  for (const f of rows) {
    if (!f.ref) continue;
    out.push(`| ${f.label} | ${f.ref} | ${cols.map((rt) => (f.ratios[rt] !== undefined ? `${f.ratios[rt].toFixed(2)}×` : "—")).join(" | ")} |`);
  }
  if (res.workers) {
    out.push("", "`mrt serve --workers N` (hello, `wrk -t2 -c64`; server and wrk not pinned: the load generator competes with the workers for the 2 cores, so read 2 / 1 as a lower bound; wrk -t1 would cap both near one worker's rate):", "");
    out.push("| workers 1 | workers 2 | 2 / 1 |", "| ---: | ---: | ---: |");
    out.push(`| ${fmt(res.workers.w1, "req/s")} req/s | ${fmt(res.workers.w2, "req/s")} req/s | ${res.workers.ratio.toFixed(2)}× |`);
  }
  out.push("", "How measured:", "");
  out.push(`- Loopback (127.0.0.1), wrk ${meta.wrk ?? ""} \`-t1\` (\`-t2\` in the workers row), keep-alive; each server started fresh per measured run, checked once for a correct response, warmed up 2 s with the same load, then measured ${meta.duration ?? "?"} s; rounds interleaved with the starting runtime rotating (hello ${meta.hello_rounds ?? "?"} rounds, the others ${meta.other_rounds ?? "?"}).`);
  out.push("- Pinning: every server on CPU 0, wrk (and the cold-start client) on CPU 1 (`taskset -c 1 wrk`, sched_setaffinity), except the workers row." +
    (meta.nice && meta.nice !== "0" ? ` Servers, wrk and the client run at nice ${meta.nice}, so that other work on the shared machine does not preempt them.` : ""));
  out.push("- hello: GET → `new Response(\"hello\")` (text/plain;charset=UTF-8). JSON echo: POST of a 1024-byte JSON body, `Response.json(await req.json())`. Stream: a `ReadableStream` pulling 16 × 64 KiB `Uint8Array` chunks (1 MiB), wrk `-c8` for half the duration, MB/s = 10^6 bytes read per second including headers. node (20 and the node 18 control) runs the same logic with `http.createServer` (node's server has no fetch form): `res.end(\"hello\")`, body collected then `JSON.parse`/`JSON.stringify`, 16 `res.write`s honouring `drain`.");
  out.push(`- Cold start: \`tools/compare/firstresponse.c\` forks the server (pinned to CPU 0) and retries connect every 100 µs from CPU 1 until \`GET /\` returns its status line (200); time from fork to that; median of ${meta.cold_runs ?? "?"}, interleaved, after one unrecorded warm-up round. \`mrt_cli\` = \`mrt serve --port N app.mjs\`, \`deno_cli\` = \`deno serve\`, both with a module default-exporting \`{ fetch }\`.`);
  out.push(`- RSS: /proc/PID/status of the hello server after ${meta.rss_warm ?? Number(meta.rss_total ?? 0) / 10} keep-alive requests (warm-up) and after ${meta.rss_total ?? "?"} (wrk -c64 until the count).`);
  out.push(`- Machine: ${meta.cpu ?? "?"}, shared with other work; load average during each row: ${Object.entries(res.loads).map(([r, [a, b]]) => `${r} ${a}–${b}`).join(", ")}.`);
  const versions = Object.entries(meta).filter(([k]) => k.startsWith("version.")).map(([k, v]) => `${k.slice(8)} ${v}`);
  if (versions.length) out.push(`- Versions: ${versions.join(", ")}.`);
  if (res.errors.length) {
    out.push("", "wrk socket/status errors (non-zero):", "");
    for (const e of res.errors) out.push(`- ${e.row} ${e.runtime} round ${e.round}: ${JSON.stringify(e.errors)}`);
  }
  if (res.skipped.length) {
    out.push("", "Skipped:", "");
    for (const s of res.skipped) out.push(`- ${s.row} ${s.runtime}: ${s.why.replace(/\s+/g, " ").slice(0, 300)}`);
  }
  return out.join("\n") + "\n";
}

function main(argv) {
  let raw = null, out = null;
  const meta = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--raw") raw = argv[++i];
    else if (a === "--out") out = argv[++i];
    else if (a === "--meta") { const kv = argv[++i]; const j = kv.indexOf("="); meta[kv.slice(0, j)] = kv.slice(j + 1); }
    else { console.error(`serve_report: unknown argument ${a}`); process.exit(2); }
  }
  if (!raw || !out) { console.error("usage: serve_report.mjs --raw RAW.jsonl --out DIR [--meta K=V]..."); process.exit(2); }
  const lines = readFileSync(raw, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  const res = aggregate(lines);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "results.json"), JSON.stringify({ meta, ...res }, null, 1) + "\n");
  const md = markdown(res, meta);
  writeFileSync(join(out, "results.md"), md);
  process.stdout.write(md);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
