// Runs the console cases on the project's V8 10.2 (third_party/v8, libnode) and
// compares with Node 20's util.format output, ignoring stack frame lines
// (stacks legitimately differ between the engines and the two call sites).
//   node tests/console/v8check.mjs
import { createRequire } from "node:module";
import util from "node:util";
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { fileURLToPath } from "node:url";
import os from "node:os";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "../..");
const v8 = path.join(root, "third_party/v8/usr");
const tmp = mkdtempSync(path.join(os.tmpdir(), "mrt-console-"));
const exe = path.join(tmp, "v8runner");
execFileSync("g++", ["-O1", "-std=c++17", "-w", `-I${v8}/include/node`, path.join(here, "v8runner.cc"), "-o", exe,
  `-L${v8}/lib/x86_64-linux-gnu`, "-lnode", `-Wl,-rpath,${v8}/lib/x86_64-linux-gnu`], { stdio: "inherit" });
const driver = path.join(tmp, "driver.js");
writeFileSync(driver, `for (const [name, fn] of CONSOLE_CASES.cases) {
  console.log("@@CASE " + name);
  try { console.log(...fn()); } catch (e) { console.log("@@THREW " + e.stack); }
}
console.log("@@END");\n`);
const out = execFileSync(exe, [path.join(root, "core/ext/console/console.js"), path.join(here, "cases.js"), driver],
  { encoding: "utf8", maxBuffer: 1e8, stdio: ["ignore", "pipe", "inherit"] });

const require = createRequire(import.meta.url);
const { cases } = require("./cases.js");
const got = {};
let cur;
for (const line of out.split("\n")) {
  if (line.startsWith("@@CASE ") || line === "@@END") { cur = line.slice(7); got[cur] = []; } else if (cur) got[cur].push(line);
}
// Drop stack frames, also inside quoted stack strings (%o shows [stack]).
const norm = (s) => s.split("\n").filter((l) => !/^\s+('|)\s*at /.test(l) && !/lines matching cause/.test(l))
  .map((l) => l.replace(/\\n {4}at [^']*/g, "")).join("\n");
// Layout depends on the stack string's length (frames differ by engine).
const stackLayout = new Set(["%o error"]);
let bad = 0, n = 0;
for (const [name, fn, opts] of cases) {
  if (opts.skip || stackLayout.has(name) || (opts.natives && !name.startsWith("promise"))) continue;
  n++;
  const exp = norm(util.formatWithOptions({}, ...fn()));
  const g = norm(got[name].join("\n"));
  if (exp !== g) { bad++; console.log(`DIFF ${name}\n--- node 20\n${exp}\n--- V8 10.2\n${g}\n`); }
}
console.log(`V8 10.2: ${n} cases, ${bad} differences`);
process.exit(bad ? 1 : 0);
