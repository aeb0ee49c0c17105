#!/usr/bin/env node
// Aggregates the raw samples of a compare.sh run into results.json, results.md and ratios.svg,
// and checks ratios against a committed baseline.
//
//   node tools/compare/report.mjs --raw RAW.jsonl --out DIR [options]   (what compare.sh runs)
//   node tools/compare/report.mjs --results results.json --out DIR [options]   (re-render/re-check)
//
// Options:
//   --subject NAME        the runtime whose ratios to peers are tabulated and plotted (default mrt)
//   --baseline FILE       compare the subject's ratios with FILE; exit 1 if any regressed
//   --threshold X         allowed ratio regression before noise widening (default 0.10 = 10%)
//   --noise-k K           how many standard errors widen the threshold (default 2)
//   --write-baseline FILE write the subject's current ratios as a baseline
//   --meta K=V            extra facts recorded in results.json (repeatable; runtime versions etc.)
//
// RAW.jsonl: one line per measured run:
//   {"workload":"promise","kind":"throughput|cold|wall","runtime":"node","round":1,"stat":<runstat JSON>}
// (round 0 lines, if any, are warm-up runs and ignored except for failures).
//
// Figures. kind cold/wall: the run's wall time (ms, lower is better). kind throughput: the figure
// the workload prints itself on its last line, `name: VALUE UNIT`; a unit ending in "/s" is
// higher-is-better, anything else (ms/hop, ms/iter) lower-is-better. Every kind also has the
// run's peak RSS (KiB, lower is better). Per runtime: median, p25, p75, min, max of the samples;
// spread = (p75 - p25) / median.
//
// Ratios. ratio = X / P of the medians (as printed: read it with the row's direction).
// speedup = ratio for higher-is-better figures, 1 / ratio for lower-is-better ones, so that
// speedup > 1 always means "X is better than P". The SVG and the baseline use speedup.
//
// Baseline check. For each (workload, figure, peer) in the baseline: allowed drop
//   tol = threshold + K * sqrt(se_ratio_now^2 + se_ratio_baseline^2)
// where se_ratio = sqrt(se_subject^2 + se_peer^2) is the relative standard error of the ratio of
// two medians, each estimated from the run-to-run spread of its samples as
//   se = 1.25 * (IQR / 1.349) / median / sqrt(n) = 0.927 * spread / sqrt(n)
// (normal approximation: sigma = IQR / 1.349, se(median) = 1.25 sigma / sqrt(n)); K = 2 by
// default. The figure regressed if current speedup < baseline speedup * (1 - tol), improved if
// above baseline * (1 + tol). A workload the subject failed counts as a regression; a peer or
// workload missing from the current run is only a warning.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import os from "node:os";
import { pathToFileURL } from "node:url";

export const PEER_ORDER = ["mrt", "node", "deno", "bun"];
const COLORS = { node: "#3c873a", deno: "#222222", bun: "#e0719e", mrt: "#2563eb" };

// ------------------------------------------------------------------ statistics

export function quantile(sorted, p) {
  const n = sorted.length;
  if (!n) return NaN;
  const pos = p * (n - 1), lo = Math.floor(pos);
  if (lo >= n - 1) return sorted[n - 1];
  return sorted[lo] + (pos - lo) * (sorted[lo + 1] - sorted[lo]);
}

export function summarize(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const median = quantile(v, 0.5), p25 = quantile(v, 0.25), p75 = quantile(v, 0.75);
  return { n: v.length, median, p25, p75, min: v[0], max: v[v.length - 1],
           spread: median ? (p75 - p25) / Math.abs(median) : 0 };
}

// `name: VALUE UNIT` on one of the captured last lines (the last matching one wins).
export function parseResultLine(lines, name) {
  const re = /^\s*([\w.-]+):\s+([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?\d+)?)\s+(\S.*?)\s*$/;
  for (let i = (lines?.length ?? 0) - 1; i >= 0; i--) {
    const m = re.exec(lines[i]);
    if (m && (!name || m[1] === name)) return { name: m[1], value: Number(m[2]), unit: m[3] };
  }
  return null;
}

export const betterOf = (unit) => (/\/s$/.test(unit) ? "higher" : "lower");

// ------------------------------------------------------------------ aggregation

export function aggregate(rawLines) {
  const byW = new Map();
  for (const rec of rawLines) {
    if (!byW.has(rec.workload)) byW.set(rec.workload, { name: rec.workload, kind: rec.kind, per: new Map() });
    const w = byW.get(rec.workload);
    if (!w.per.has(rec.runtime)) w.per.set(rec.runtime, { values: [], rss: [], failures: [], unit: null });
    const r = w.per.get(rec.runtime);
    const st = rec.stat ?? {};
    const sample = st.samples?.[0];
    const bad = !sample || st.failures > 0 || sample.exit !== 0 || sample.signal !== 0 || sample.timeout;
    if (bad) {
      const why = !sample ? (rec.error ?? "no sample")
        : sample.timeout ? "timed out" : sample.signal ? `killed by signal ${sample.signal}` : `exit status ${sample.exit}`;
      r.failures.push({ round: rec.round, why, stderr: (sample?.stderr ?? rec.stderr ?? "").slice(-600) });
      continue;
    }
    if (rec.round === 0) continue; // warm-up
    if (w.kind === "throughput") {
      const got = parseResultLine(sample.lines, rec.workload);
      if (!got) {
        r.failures.push({ round: rec.round, why: "no result line", stderr: JSON.stringify(sample.lines ?? []) });
        continue;
      }
      if (r.unit && r.unit !== got.unit) r.failures.push({ round: rec.round, why: `unit changed ${r.unit} -> ${got.unit}` });
      r.unit = got.unit;
      r.values.push(got.value);
    } else {
      r.unit = "ms";
      r.values.push(sample.wall_ms);
    }
    r.rss.push(sample.rss_kib);
  }
  const workloads = [];
  for (const w of byW.values()) {
    const runtimes = {};
    let unit = null;
    for (const [rt, r] of w.per) {
      const s = summarize(r.values);
      const rs = summarize(r.rss);
      runtimes[rt] = s
        ? { ...s, unit: r.unit, samples: r.values, rss_kib: { median: rs.median, max: rs.max, spread: rs.spread },
            failures: r.failures.length, errors: r.failures }
        : { n: 0, failures: r.failures.length, errors: r.failures };
      if (s && !unit) unit = r.unit;
    }
    workloads.push({ name: w.name, kind: w.kind, unit: unit ?? "", better: unit ? betterOf(unit) : "lower", runtimes });
  }
  return workloads;
}

const ok = (s) => s && s.n > 0 && Number.isFinite(s.median) && s.median > 0;

// Relative standard error of a median from its samples' spread (see the header).
const relSe = (spread, n) => (n > 0 ? (0.927 * (spread || 0)) / Math.sqrt(n) : 0);
function ratioSe(S, P, fig) {
  const sS = fig === "perf" ? S.spread : S.rss_kib?.spread, sP = fig === "perf" ? P.spread : P.rss_kib?.spread;
  return Math.hypot(relSe(sS, S.n), relSe(sP, P.n));
}

// Recomputes every ratio from the per-runtime medians (so a doctored file is handled right).
export function computeRatios(results) {
  for (const w of results.workloads) {
    w.better = w.unit ? betterOf(w.unit) : w.better;
    w.ratios = {};
    w.rss_ratios = {};
    for (const x of Object.keys(w.runtimes)) {
      const X = w.runtimes[x];
      if (!ok(X)) continue;
      for (const p of Object.keys(w.runtimes)) {
        const P = w.runtimes[p];
        if (p === x || !ok(P)) continue;
        const ratio = X.median / P.median;
        (w.ratios[x] ??= {})[p] = { ratio, speedup: w.better === "higher" ? ratio : 1 / ratio };
        if (X.rss_kib?.median && P.rss_kib?.median) {
          const rr = X.rss_kib.median / P.rss_kib.median;
          (w.rss_ratios[x] ??= {})[p] = { ratio: rr, speedup: 1 / rr };
        }
      }
    }
  }
  return results;
}

export function runtimeOrder(results) {
  const seen = new Set();
  for (const w of results.workloads) for (const rt of Object.keys(w.runtimes)) seen.add(rt);
  const order = PEER_ORDER.filter((r) => seen.has(r));
  for (const r of seen) if (!order.includes(r)) order.push(r);
  return order;
}

// ------------------------------------------------------------------ baseline

export function makeBaseline(results, subject, threshold) {
  const figures = {};
  for (const w of results.workloads) {
    for (const [fig, table] of [["perf", w.ratios], ["rss", w.rss_ratios]]) {
      for (const [peer, r] of Object.entries(table?.[subject] ?? {})) {
        figures[`${w.name}:${fig}:${peer}`] = { speedup: round(r.speedup, 4), ratio: round(r.ratio, 4),
          se: round(ratioSe(w.runtimes[subject], w.runtimes[peer], fig), 4),
          unit: fig === "perf" ? w.unit : "KiB", better: fig === "perf" ? w.better : "lower" };
      }
    }
  }
  return { version: 1, subject, created: results.meta?.date ?? new Date().toISOString(), threshold, figures };
}

export function checkBaseline(results, baseline, { threshold, noiseK = 2, subject } = {}) {
  subject ??= baseline.subject ?? "mrt";
  threshold ??= baseline.threshold ?? 0.1;
  const rows = [];
  for (const [key, base] of Object.entries(baseline.figures ?? {})) {
    const [wname, fig, peer] = key.split(":");
    const w = results.workloads.find((x) => x.name === wname);
    const row = { key, workload: wname, figure: fig, peer, base: base.speedup };
    rows.push(row);
    const S = w?.runtimes?.[subject], P = w?.runtimes?.[peer];
    if (!w) { row.status = "missing"; row.note = "workload not run"; continue; }
    if (!ok(S)) { row.status = S ? "regressed" : "missing"; row.note = S ? `${subject} failed` : `${subject} not run`; continue; }
    if (!ok(P)) { row.status = "missing"; row.note = `${peer} not measured`; continue; }
    const cur = (fig === "perf" ? w.ratios : w.rss_ratios)?.[subject]?.[peer];
    if (!cur) { row.status = "missing"; row.note = "no ratio"; continue; }
    const noise = Math.hypot(ratioSe(S, P, fig), base.se ?? 0);
    const tol = threshold + noiseK * noise;
    row.current = cur.speedup;
    row.change = cur.speedup / base.speedup - 1;
    row.tol = tol;
    row.status = cur.speedup < base.speedup * (1 - tol) ? "regressed"
      : cur.speedup > base.speedup * (1 + tol) ? "improved" : "ok";
  }
  return { subject, threshold, noise_k: noiseK, rows,
           regressions: rows.filter((r) => r.status === "regressed").length };
}

// ------------------------------------------------------------------ formatting

function round(x, d) { const m = 10 ** d; return Math.round(x * m) / m; }

export function fmtNum(x) {
  if (!Number.isFinite(x)) return "—";
  const a = Math.abs(x);
  if (a >= 1000) return x.toFixed(0);
  if (a >= 100) return x.toFixed(1);
  if (a >= 10) return x.toFixed(2);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

const fmtRatio = (r) => (r && Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : "—");
const fmtMiB = (kib) => (Number.isFinite(kib) ? (kib / 1024).toFixed(1) : "—");
const mdEsc = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");

function cell(w, rt) {
  const s = w.runtimes[rt];
  if (!s) return "—";
  if (!ok(s)) return "fail";
  const spread = s.n > 1 ? ` ±${(s.spread * 50).toFixed(0)}%` : "";
  return `${fmtNum(s.median)} ${w.unit}${spread}${s.failures ? ` (${s.failures} failed)` : ""}`;
}

export function renderMarkdown(results, subject, check) {
  const order = runtimeOrder(results);
  const cols = [subject, ...PEER_ORDER.filter((r) => r !== subject)];
  for (const r of order) if (!cols.includes(r)) cols.push(r);
  const peers = cols.filter((r) => r !== subject);
  const m = results.meta ?? {};
  const out = [];
  out.push(`# ${subject} vs peers`, "");
  out.push(`${m.date ?? ""} — ${m.host ?? ""}, ${m.cpus ?? "?"} CPUs, load ${m.load_before ?? "?"} → ${m.load_after ?? "?"}.` +
    ` Medians of ${m.runs_note ?? "several runs"}, runtimes interleaved round-robin in each round.`);
  if (m.versions) out.push("", "Versions: " + Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(", ") + ".");
  if (!order.includes(subject)) out.push("", `**${subject} was not measured in this run** (binary missing or not selected): its columns are empty.`);
  out.push("", "±N% is half the interquartile range over the median (run-to-run spread). Ratio columns are " +
    `${subject}'s median divided by the peer's, to be read with the row's direction.`, "");
  out.push(`| workload | better | ${cols.join(" | ")} | ${peers.map((p) => `${subject}/${p}`).join(" | ")} |`);
  out.push(`| --- | --- | ${cols.map(() => "---:").join(" | ")} | ${peers.map(() => "---:").join(" | ")} |`);
  for (const w of results.workloads) {
    const dir = w.better === "higher" ? "higher is better" : "lower is better";
    const ratios = peers.map((p) => fmtRatio(w.ratios?.[subject]?.[p]));
    out.push(`| ${mdEsc(w.name)} | ${dir} | ${cols.map((c) => mdEsc(cell(w, c))).join(" | ")} | ${ratios.join(" | ")} |`);
  }
  out.push("", "## Peak RSS (MiB, median of runs; lower is better)", "");
  out.push(`| workload | ${cols.join(" | ")} | ${peers.map((p) => `${subject}/${p}`).join(" | ")} |`);
  out.push(`| --- | ${cols.map(() => "---:").join(" | ")} | ${peers.map(() => "---:").join(" | ")} |`);
  for (const w of results.workloads) {
    const vals = cols.map((c) => (ok(w.runtimes[c]) ? fmtMiB(w.runtimes[c].rss_kib?.median) : w.runtimes[c] ? "fail" : "—"));
    out.push(`| ${mdEsc(w.name)} | ${vals.join(" | ")} | ${peers.map((p) => fmtRatio(w.rss_ratios?.[subject]?.[p])).join(" | ")} |`);
  }
  // Peers among themselves, relative to node: comparable with earlier peer-only tables.
  const others = order.filter((r) => r !== "node" && r !== subject);
  if (order.includes("node") && others.length) {
    out.push("", "## Peers relative to node (median ratio X/node, read with the row's direction)", "");
    out.push(`| workload | better | ${others.map((o) => `${o}/node`).join(" | ")} |`);
    out.push(`| --- | --- | ${others.map(() => "---:").join(" | ")} |`);
    for (const w of results.workloads)
      out.push(`| ${mdEsc(w.name)} | ${w.better} | ${others.map((o) => fmtRatio(w.ratios?.[o]?.node)).join(" | ")} |`);
  }
  const fails = [];
  for (const w of results.workloads)
    for (const [rt, s] of Object.entries(w.runtimes))
      for (const e of s.errors ?? []) fails.push(`| ${mdEsc(w.name)} | ${rt} | ${e.round === 0 ? "warm-up" : e.round} | ${mdEsc(e.why)} | ${mdEsc((e.stderr ?? "").trim().split("\n").slice(-2).join(" / ").slice(0, 200))} |`);
  if (fails.length) {
    out.push("", "## Failed runs", "", "| workload | runtime | round | failure | stderr (tail) |", "| --- | --- | --- | --- | --- |", ...fails);
  }
  if (check) {
    out.push("", `## Baseline check (${check.subject}, threshold ${(check.threshold * 100).toFixed(0)}% + ${check.noise_k}× standard error of the ratio)`, "");
    out.push(check.regressions ? `**${check.regressions} regression(s).**` : "No regression.", "");
    out.push("| figure | peer | baseline speed-up | current | change | allowed drop | status |", "| --- | --- | ---: | ---: | ---: | ---: | --- |");
    for (const r of check.rows) {
      const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "—");
      out.push(`| ${mdEsc(r.workload)} ${r.figure} | ${r.peer} | ${fmtNum(r.base)} | ${fmtNum(r.current)} | ${pct(r.change)} | ${pct(r.tol)} | ${r.status === "regressed" ? "**regressed**" : r.status}${r.note ? ` (${mdEsc(r.note)})` : ""} |`);
    }
  }
  return out.join("\n") + "\n";
}

const xmlEsc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// Horizontal bars of the subject's speed-up (> 1 = subject better) over each peer, per workload,
// on a log2 axis, drawn from the 1.0 line.
export function renderSvg(results, subject) {
  const peers = runtimeOrder(results).filter((r) => r !== subject);
  const rows = results.workloads.map((w) => ({ name: w.name, better: w.better,
    bars: peers.map((p) => ({ peer: p, v: w.ratios?.[subject]?.[p]?.speedup })) }));
  const vals = rows.flatMap((r) => r.bars.map((b) => b.v)).filter((v) => Number.isFinite(v) && v > 0);
  let lo = Math.min(0.5, ...vals), hi = Math.max(2, ...vals);
  lo = Math.max(2 ** Math.floor(Math.log2(lo)), 1 / 256);
  hi = Math.min(2 ** Math.ceil(Math.log2(hi)), 256);
  const W = 960, left = 170, right = 60, top = 56, barH = 12, gap = 3, groupGap = 12;
  const plotW = W - left - right;
  const x = (v) => left + ((Math.log2(v) - Math.log2(lo)) / (Math.log2(hi) - Math.log2(lo))) * plotW;
  const groupH = Math.max(1, peers.length) * (barH + gap) + groupGap;
  const H = top + rows.length * groupH + 40;
  const o = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  o.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  o.push(`<text x="${left}" y="20" font-size="15" font-weight="bold">${xmlEsc(subject)} vs peers: speed-up (&gt; 1 = ${xmlEsc(subject)} better, log scale)</text>`);
  // legend
  peers.forEach((p, i) => {
    const lx = left + i * 110;
    o.push(`<rect x="${lx}" y="32" width="12" height="12" fill="${COLORS[p] ?? "#888888"}"/>`);
    o.push(`<text x="${lx + 16}" y="42">vs ${xmlEsc(p)}</text>`);
  });
  // grid
  for (let e = Math.log2(lo); e <= Math.log2(hi) + 1e-9; e++) {
    const v = 2 ** e, gx = x(v).toFixed(1);
    o.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${H - 34}" stroke="#e5e5e5" stroke-width="1"/>`);
    if (v !== 1) o.push(`<text x="${gx}" y="${H - 20}" text-anchor="middle" fill="#555555">${v >= 1 ? v : "1/" + 2 ** -e}</text>`);
  }
  if (!vals.length) o.push(`<text x="${left + plotW / 2}" y="${top + 20}" text-anchor="middle" fill="#aa0000">no ratios for ${xmlEsc(subject)} in this run</text>`);
  rows.forEach((r, i) => {
    const gy = top + i * groupH;
    o.push(`<text x="${left - 8}" y="${(gy + (peers.length * (barH + gap)) / 2 + 4).toFixed(1)}" text-anchor="end">${xmlEsc(r.name)}</text>`);
    r.bars.forEach((b, j) => {
      const by = gy + j * (barH + gap);
      if (!Number.isFinite(b.v) || b.v <= 0) {
        o.push(`<text x="${x(1) + 4}" y="${by + barH - 2}" fill="#999999" font-size="10">n/a</text>`);
        return;
      }
      const v = Math.min(Math.max(b.v, lo), hi);
      const x0 = Math.min(x(1), x(v)), w = Math.max(Math.abs(x(v) - x(1)), 1);
      o.push(`<rect x="${x0.toFixed(1)}" y="${by}" width="${w.toFixed(1)}" height="${barH}" fill="${COLORS[b.peer] ?? "#888888"}"><title>${xmlEsc(`${r.name}: ${subject} vs ${b.peer} speed-up ${b.v.toFixed(3)}`)}</title></rect>`);
      const tx = b.v >= 1 ? x(v) + 4 : x(v) - 4;
      o.push(`<text x="${tx.toFixed(1)}" y="${by + barH - 2}" font-size="10" text-anchor="${b.v >= 1 ? "start" : "end"}">${b.v.toFixed(2)}</text>`);
    });
  });
  const x1 = x(1).toFixed(1);
  o.push(`<line x1="${x1}" y1="${top - 8}" x2="${x1}" y2="${H - 34}" stroke="#cc0000" stroke-width="1.5"/>`);
  o.push(`<text x="${x1}" y="${H - 20}" text-anchor="middle" fill="#cc0000" font-weight="bold">1.0</text>`);
  o.push(`</svg>`);
  return o.join("\n") + "\n";
}

// ------------------------------------------------------------------ command line

function parseArgs(argv) {
  const a = { subject: "mrt", threshold: null, noiseK: 2, meta: {} };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i], v = () => { if (i + 1 >= argv.length) throw new Error(`${k} needs a value`); return argv[++i]; };
    if (k === "--raw") a.raw = v();
    else if (k === "--results") a.results = v();
    else if (k === "--out") a.out = v();
    else if (k === "--subject") a.subject = v();
    else if (k === "--baseline") a.baseline = v();
    else if (k === "--threshold") a.threshold = Number(v());
    else if (k === "--noise-k") a.noiseK = Number(v());
    else if (k === "--write-baseline") a.writeBaseline = v();
    else if (k === "--meta") { const [mk, ...mv] = v().split("="); a.meta[mk] = mv.join("="); }
    else throw new Error(`unknown argument ${k}`);
  }
  if (!a.raw === !a.results) throw new Error("give exactly one of --raw FILE or --results FILE");
  if (!a.out) throw new Error("--out DIR is required");
  return a;
}

export function main(argv) {
  let a;
  try { a = parseArgs(argv); } catch (e) { console.error(`report: ${e.message}`); return 2; }
  let results;
  if (a.raw) {
    const raw = readFileSync(a.raw, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
    const versions = {};
    for (const [k, v] of Object.entries(a.meta)) if (k.startsWith("version.")) versions[k.slice(8)] = v;
    const meta = { date: new Date().toISOString(), host: os.hostname(), cpus: os.cpus().length,
                   cpu_model: os.cpus()[0]?.model, load_after: os.loadavg()[0].toFixed(2) };
    for (const [k, v] of Object.entries(a.meta)) if (!k.startsWith("version.")) meta[k] = v;
    if (Object.keys(versions).length) meta.versions = versions;
    results = { meta, workloads: aggregate(raw) };
  } else {
    results = JSON.parse(readFileSync(a.results, "utf8"));
  }
  results.subject = a.subject;
  computeRatios(results);
  let check = null;
  if (a.baseline) {
    const base = JSON.parse(readFileSync(a.baseline, "utf8"));
    check = checkBaseline(results, base, { threshold: a.threshold ?? base.threshold ?? 0.1, noiseK: a.noiseK, subject: a.subject });
    results.baseline_check = check;
  } else delete results.baseline_check;
  mkdirSync(a.out, { recursive: true });
  writeFileSync(join(a.out, "results.json"), JSON.stringify(results, null, 1) + "\n");
  writeFileSync(join(a.out, "results.md"), renderMarkdown(results, a.subject, check));
  writeFileSync(join(a.out, "ratios.svg"), renderSvg(results, a.subject));
  if (a.writeBaseline) {
    const b = makeBaseline(results, a.subject, a.threshold ?? 0.1);
    if (!Object.keys(b.figures).length) console.error(`report: warning: no ratios for ${a.subject}; the baseline is empty`);
    writeFileSync(a.writeBaseline, JSON.stringify(b, null, 1) + "\n");
  }
  if (check) {
    for (const r of check.rows.filter((x) => x.status === "regressed"))
      console.error(`report: REGRESSION ${r.workload} ${r.figure} vs ${r.peer}: speed-up ${fmtNum(r.base)} -> ${fmtNum(r.current)}` +
        (Number.isFinite(r.change) ? ` (${(r.change * 100).toFixed(1)}%, allowed -${(r.tol * 100).toFixed(1)}%)` : ` (${r.note})`));
    for (const r of check.rows.filter((x) => x.status === "missing" && x.note !== "workload not run")) console.error(`report: warning: ${r.key}: ${r.note}`);
    return check.regressions ? 1 : 0;
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = main(process.argv.slice(2));
