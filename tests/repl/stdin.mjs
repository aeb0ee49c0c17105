// `mrt -p CODE`, `mrt -` and a program piped to `mrt`, against node (the oracle): same
// stdout and exit status for each case.
//   node tests/repl/stdin.mjs --mrt build/tools/mrt
import { spawnSync } from "node:child_process";

const i = process.argv.indexOf("--mrt");
const mrt = i > 0 ? process.argv[i + 1] : "build/tools/mrt";

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input: input ?? "", encoding: "utf8", timeout: 30000,
                                   env: { ...process.env, NODE_DISABLE_COLORS: "1" } });
  return { out: r.stdout, status: r.status };
}

const cases = [];
// node -p prints the result as console.log does, right after the code ran (before timers).
for (const code of [
  "1 + 1", "'abc'", "({ a: 'x', n: [1, 2], nested: { deep: { deeper: {} } } })", "undefined",
  "null", "Promise.resolve(5)", "setTimeout(() => console.log(2)); 1", "console.log(7); 8",
  "[1, 2, 3].map((x) => x * 2)", "new Map([[1, 'a']])", "Symbol('s')", "10n ** 20n",
  "let x = 3; x", "function f() {}", "null.x",
]) {
  cases.push({ name: `-p ${code}`, args: ["-p", code] });
}
cases.push({ name: "--print", args: ["--print", "'long form'"] });
cases.push({ name: "-p reads the code from stdin", args: ["-p"], input: "let y = 4; y * 2" });
// A program on stdin: as `node` with stdin not a terminal, and `node -`.
const programs = {
  "a script": "console.log(1); setTimeout(() => console.log('later'), 5)",
  "top-level await (a module)": "await 1; console.log('tla', typeof import.meta.url)",
  "module syntax": "import fs from 'node:fs'; console.log(typeof fs.readFileSync)",
  "a thrown error": "console.log('before'); throw new Error('x')",
  "a syntax error": "let = ;",
  "an empty program": "",
};
for (const [name, code] of Object.entries(programs)) {
  cases.push({ name: `piped: ${name}`, args: [], input: code });
  cases.push({ name: `'-': ${name}`, args: ["-"], input: code });
}

let failed = 0;
for (const c of cases) {
  const want = run(process.execPath, c.args, c.input);
  const got = run(mrt, c.args, c.input);
  if (want.out !== got.out || want.status !== got.status) {
    failed++;
    console.log(`FAIL ${c.name}\n  node (${want.status}): ${JSON.stringify(want.out)}\n` +
                `  mrt  (${got.status}): ${JSON.stringify(got.out)}`);
  } else {
    console.log(`ok   ${c.name}`);
  }
}
// mrt's own: the arguments after `-` are the program's.
const args = run(mrt, ["-", "a", "b"], "console.log(JSON.stringify(mrt.args))");
if (args.out !== '["a","b"]\n' || args.status !== 0) {
  failed++;
  console.log(`FAIL '-' passes the arguments after it: ${JSON.stringify(args)}`);
} else {
  console.log("ok   '-' passes the arguments after it");
}
if (failed) {
  console.log(`${failed} failed`);
  process.exit(1);
}
console.log("all passed");
