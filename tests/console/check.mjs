// Compares mrt's core/ext/console/console.js with Node's own console/util.format output.
//   node tests/console/check.mjs [--no-natives] [--verbose] [filter]
// --no-natives: the fake P.ops has only print/hrtime (cases needing
// promiseState/proxyDetails/previewEntries are then skipped).
// Node's internal util binding (for promiseState etc.) needs --expose-internals;
// the script re-runs itself with that flag when it is missing.
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import vm from "node:vm";
import util from "node:util";
import { Writable } from "node:stream";
import { Console } from "node:console";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

let internalBinding;
try {
  ({ internalBinding } = require("internal/test/binding"));
} catch {
  const r = spawnSync(process.execPath, ["--expose-internals", "--no-warnings", fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const argv = process.argv.slice(2);
const noNatives = argv.includes("--no-natives");
const verbose = argv.includes("--verbose");
const filter = argv.find((a) => !a.startsWith("--"));

const src = readFileSync(process.env.MRT_CONSOLE_JS || path.join(here, "../../core/ext/console/console.js"), "utf8");
const bootstrap = vm.runInThisContext(src, { filename: "core/ext/console/console.js" });
const nodeConsole = globalThis.console;
const binding = internalBinding("util");

// A fresh mrt console bound to a transcript array of [fd, text].
function loadMrt(out) {
  const ops = {
    print(fd, s) {
      if (typeof s !== "string") throw new TypeError("print wants a string");
      out.push([fd, s]);
    },
    hrtime: () => Number(process.hrtime.bigint()),
  };
  if (!noNatives) {
    ops.promiseState = (p) => binding.getPromiseDetails(p);
    ops.proxyDetails = (v) => binding.getProxyDetails(v, true);
    ops.previewEntries = (v, isIter) => isIter ? binding.previewEntries(v, true) : binding.previewEntries(v);
  }
  const P = { ops };
  bootstrap(P);
  const con = globalThis.console;
  globalThis.console = nodeConsole;
  return { P, con };
}

function nodeTranscriptConsole(out) {
  const mk = (fd) => new Writable({
    decodeStrings: false,
    write(chunk, enc, cb) { out.push([fd, String(chunk)]); cb(); },
  });
  return new Console({ stdout: mk(1), stderr: mk(2), colorMode: false });
}

const { cases, methods } = require("./cases.js");

function diff(exp, got) {
  const a = exp.split("\n"), b = got.split("\n");
  const lines = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) lines.push("    " + (a[i] ?? ""));
    else {
      if (a[i] !== undefined) lines.push("  - " + JSON.stringify(a[i]).slice(1, -1));
      if (b[i] !== undefined) lines.push("  + " + JSON.stringify(b[i]).slice(1, -1));
    }
  }
  return lines.join("\n");
}

let total = 0, mismatches = 0, skipped = 0, excluded = 0;
const report = (name, exp, got) => {
  mismatches++;
  console.log(`MISMATCH ${name}\n${diff(exp, got)}\n`);
};

// 1. console.log argument lists against util.formatWithOptions({}, ...args).
for (const [name, fn, opts] of cases) {
  if (filter && !name.includes(filter)) continue;
  if (opts.natives && noNatives) { skipped++; continue; }
  total++;
  const out = [];
  const { con } = loadMrt(out);
  let got;
  const args = fn();
  try {
    con.log(...args);
    if (out.length !== 1 || out[0][0] !== 1) throw new Error(`expected one print to fd 1, got ${JSON.stringify(out)}`);
    got = out[0][1];
  } catch (e) {
    report(name, "(no exception)", String(e && e.stack));
    continue;
  }
  if (opts.skip) { excluded++; if (verbose) console.log(`excluded ${name}: ${opts.skip}`); continue; }
  const exp = util.formatWithOptions({}, ...args) + "\n";
  if (exp !== got) report(name, exp, got);
  else if (verbose) console.log(`ok ${name}`);
}

// 2. console methods, whole transcripts (fd + text) against a Node Console.
for (const [name, fn, opts] of methods) {
  if (filter && !name.includes(filter)) continue;
  total++;
  const mine = [];
  const { con } = loadMrt(mine);
  try {
    fn(con);
  } catch (e) {
    report(name, "(no exception)", String(e && e.stack));
    continue;
  }
  const theirs = [];
  fn(nodeTranscriptConsole(theirs));
  const show = (t) => t.map(([fd, s]) => `[${fd}] ${s}`).join("");
  if (opts.skip) {
    excluded++;
    // Structure only: same fds, same first line per write.
    const first = (t) => t.map(([fd, s]) => `[${fd}] ${s.split("\n")[0]}`).join("\n");
    if (name === "time") {
      if (!(mine.length === 1 && /^t: \d+(\.\d+)?ms\n$/.test(mine[0][1]))) report(name, "t: <n>ms", show(mine));
    } else if (first(mine) !== first(theirs)) {
      report(name, first(theirs), first(mine));
    }
    continue;
  }
  const exp = show(theirs), got = show(mine);
  if (exp !== got) report(name, exp, got);
  else if (verbose) console.log(`ok ${name}`);
}

// 3. Extra API checks.
{
  total++;
  const out = [];
  const { P, con } = loadMrt(out);
  const problems = [];
  for (const k of ["log", "info", "debug", "warn", "error", "trace", "assert", "time", "timeLog",
    "timeEnd", "count", "countReset", "group", "groupEnd", "groupCollapsed", "dir", "table"]) {
    if (!Object.hasOwn(con, k) || typeof con[k] !== "function") problems.push(`console.${k} missing`);
  }
  if (P.format("%s=%d", "a", 1) !== "a=1") problems.push("P.format");
  if (P.inspect({ a: { b: { c: {} } } }, { depth: 0 }) !== "{ a: [Object] }") problems.push("P.inspect depth");
  if (P.inspect("str") !== "'str'") problems.push("P.inspect string");
  if (P.inspect(new Map([[1, { a: [1, { b: 2 }] }]]), { depth: Infinity }) !== util.inspect(new Map([[1, { a: [1, { b: 2 }] }]]), { depth: Infinity })) problems.push("depth Infinity");
  if (P.inspect(Array.from({ length: 5 }, (_, i) => i), { maxArrayLength: 2 }) !== util.inspect(Array.from({ length: 5 }, (_, i) => i), { maxArrayLength: 2 })) problems.push("maxArrayLength");
  const sortedObj = { b: 1, a: 2, c: { z: 1, y: 2 } };
  if (P.inspect(sortedObj, { sorted: true }) !== util.inspect(sortedObj, { sorted: true })) problems.push("sorted");
  const g = { get x() { return { y: 1 }; }, get n() { return 5; } };
  if (P.inspect(g, { getters: true }) !== util.inspect(g, { getters: true })) problems.push("getters");
  const long = { a: "x".repeat(30), b: "y".repeat(30), c: [1, 2, 3] };
  for (const opts of [{ compact: true }, { compact: false }, { compact: 1 }, { breakLength: Infinity }, { breakLength: 40 }, { showHidden: true }]) {
    const e = util.inspect(long, opts), m = P.inspect(long, opts);
    if (e !== m) problems.push(`opts ${JSON.stringify(opts)}:\n${diff(e, m)}`);
  }
  if (P.inspect("x".repeat(20), { maxStringLength: 5 }) !== util.inspect("x".repeat(20), { maxStringLength: 5 })) problems.push("maxStringLength");
  if (P.inspect(1234567.891, { numericSeparator: true }) !== util.inspect(1234567.891, { numericSeparator: true })) problems.push("numericSeparator");
  const ns = await import("data:text/javascript,export let a = 1; export default { b: [2] }; export function f() {}");
  if (P.inspect(ns) !== util.inspect(ns)) problems.push(`module namespace:\n${diff(util.inspect(ns), P.inspect(ns))}`);
  const names = ["info", "debug", "warn", "dirxml"].filter((k) => con[k].name !== k);
  if (names.length) problems.push(`method names: ${names}`);
  const detached = con.log;
  detached("%s", "detached");
  if (out.at(-1)[1] !== "detached\n") problems.push("detached log");
  if (problems.length) report("api", "", problems.join("\n"));
}

console.log(`${total} cases, ${mismatches} mismatches, ${excluded} compared by structure only, ${skipped} skipped (natives)`);
process.exit(mismatches ? 1 : 0);
