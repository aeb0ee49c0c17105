// gbench_md.mjs: google-benchmark JSON (aggregates) -> a Markdown table of medians.
//   node gbench_md.mjs gbench.json
import { readFileSync } from "node:fs";

const data = JSON.parse(readFileSync(process.argv[2], "utf8"));
const rows = data.benchmarks.filter((b) => b.aggregate_name === "median" || !b.aggregate_name);
const fmtTime = (ns) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(1)} ns`;
const toNs = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };
const lines = [
  `In-process benchmarks (google-benchmark, median of repetitions, ${data.context.num_cpus} CPUs` +
    `, ${data.context.date}):`,
  "",
  "| benchmark | wall | CPU | throughput | extra |",
  "| --- | --- | --- | --- | --- |",
];
for (const b of rows) {
  const unit = toNs[b.time_unit] ?? 1;
  const extra = Object.entries(b)
    .filter(([k]) => k.endsWith("_us"))
    .map(([k, v]) => `${k.replace(/_us$/, "")} ${Number(v).toFixed(1)} µs`)
    .join(", ");
  const ips = b.items_per_second ? `${(b.items_per_second / 1e6).toFixed(2)} M/s` : "";
  lines.push(`| ${b.run_name ?? b.name} | ${fmtTime(b.real_time * unit)} | ${fmtTime(b.cpu_time * unit)} | ${ips} | ${extra} |`);
}
console.log(lines.join("\n"));
