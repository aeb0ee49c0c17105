#!/usr/bin/env node
// Runner for the package corpus: popular npm packages used as their READMEs show, each case
// run under node (the oracle) and under mrt; a case passes when stdout and the exit code match.
//
// Usage:
//   node tests/packages/run.mjs --mrt PATH [--node PATH] [-j N] [--json FILE]
//                               [--expected FILE] [-v] [names...]
//
//   --mrt PATH        the mrt binary to test
//   --node PATH       the oracle (default: the node running this script)
//   -j N, --jobs N    cases run in parallel (default 2)
//   --json FILE       where the JSON summary goes (default tests/packages/summary.json)
//   --expected FILE   regression mode (ctest): exit 1 only when a case listed in FILE (one
//                     name a line, # comments) fails; cases passing but not listed are
//                     reported as new passes to add to FILE
//   -v, --verbose     print node's and mrt's output of failing cases
//   names             case names (cases/<name>.mjs|.cjs|.js without extension); default all
//
// The packages are installed by tools/setup.sh (npm ci from package-lock.json into
// tests/packages/node_modules); this script installs nothing. Cases run with cases/ as the
// working directory so bare specifiers resolve from tests/packages/node_modules, with a small
// fixed environment (TZ=UTC, no CI / colour variables) so colour detection and dates agree.
// Each mrt run is stopped after 10 s (mrt's --timeout, then a kill), node's after 30 s; a case
// whose header line says `timeout: N s` (one that measures for a fixed time, as mitata does)
// gets N s under both. node's results are cached in node_modules/.oracle-cache (see runOracle).
//
// Without --expected it exits 1 when any selected case fails. The last line is always
// `N passed, M failed`.

import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CASES = path.join(HERE, 'cases');
const TIMEOUT_MS = 10000;
// node only gives the expected output: more room, so that a loaded machine does not turn a
// slow oracle (mitata measures for ~3.3 s) into a failed case.
const ORACLE_TIMEOUT_MS = 30000;
const KILL_GRACE_MS = 2000;
const CASE_EXT = /\.(mjs|cjs|js)$/;

function usage(msg) {
  if (msg) process.stderr.write(`run.mjs: ${msg}\n`);
  process.stderr.write('usage: node run.mjs --mrt PATH [--node PATH] [-j N] [--json FILE] ' +
                       '[--expected FILE] [-v] [names...]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { mrt: null, node: process.execPath, jobs: 2, json: path.join(HERE, 'summary.json'),
              expected: null, verbose: false, names: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    const eq = a.indexOf('=');
    const key = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = key !== a ? a.slice(eq + 1) : null;
    const value = () => inline ?? val();
    if (key === '--mrt') o.mrt = value();
    else if (key === '--node') o.node = value();
    else if (key === '--json') o.json = value();
    else if (key === '--expected') o.expected = value();
    else if (key === '-j' || key === '--jobs') o.jobs = parseInt(value(), 10);
    else if (a === '-v' || a === '--verbose') o.verbose = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else o.names.push(a);
  }
  if (!o.mrt) usage('--mrt PATH is required');
  // Cases run from cases/, so a relative path given here must not be taken from there.
  for (const k of ['mrt', 'node']) if (o[k].includes('/')) o[k] = path.resolve(o[k]);
  if (!(o.jobs >= 1)) usage('-j needs a positive number');
  return o;
}

// Only what the cases may depend on, the same for both runtimes; sanitizer settings pass
// through so the ASan build's options apply.
function caseEnv() {
  const env = { TZ: 'UTC', LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'PATH' || k === 'HOME' || k === 'TMPDIR' || /^(A|UB|L|T)SAN_OPTIONS$/.test(k)) env[k] = v;
  }
  return env;
}

function run(cmd, args, timeoutMs) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: CASES, env: caseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [], err = [];
    let killed = false;
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('error', (e) => { err.push(Buffer.from(String(e))); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? `signal ${signal}` : null), killed,
                stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'),
                ms: Number(process.hrtime.bigint() - start) / 1e6 });
    });
  });
}

function headLine(file) {
  return fs.readFileSync(file, 'utf8').split('\n', 1)[0];
}

function category(file) {
  const m = /category:\s*([a-z-]+)/.exec(headLine(file));
  return m ? m[1] : '?';
}

// The case's own allowance, for a case that runs for a fixed time by design: on a slow, shared
// CI machine mitata's ~5 s of measuring (the same under node and mrt) has passed 10 s.
function caseTimeoutMs(file) {
  const m = /\btimeout:\s*(\d+)\s*s\b/.exec(headLine(file));
  return m ? Number(m[1]) * 1000 : TIMEOUT_MS;
}

// The line of mrt's stderr that says what went wrong: the uncaught error, else a line starting
// with an error name, else the first non-empty one (not the code frame); minified sources can make it long, so it is capped.
function stderrHead(s) {
  const lines = s.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /^Uncaught\b/.test(l)) ?? lines.find((l) => /^(\w*Error|error)\b/.test(l)) ??
               lines[0] ?? '';
  return line.length > 160 ? line.slice(0, 157) + '...' : line;
}

function firstDifference(expected, actual) {
  const e = expected.split('\n'), a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      const show = (s) => s === undefined ? '(end)' : JSON.stringify(s.length > 70 ? s.slice(0, 67) + '...' : s);
      return `line ${i + 1}: node ${show(e[i])}, mrt ${show(a[i])}`;
    }
  }
  return '';
}

// node's result for a case depends only on node's version, the installed packages (the
// lockfile), the case and the fixture files beside it, so it is kept in node_modules (gone on
// every reinstall) and a second run (the ASan build's, a rerun) only runs mrt.
const ORACLE_CACHE = path.join(HERE, 'node_modules', '.oracle-cache');
let oracleSalt = null;
function oracleKey(o, file) {
  if (oracleSalt === null) {
    const h = crypto.createHash('sha256');
    h.update(execFileSync(o.node, ['--version'], { encoding: 'utf8' }));
    h.update(fs.readFileSync(path.join(HERE, 'package-lock.json')));
    for (const f of fs.readdirSync(CASES).sort()) {
      const p = path.join(CASES, f);
      if (!CASE_EXT.test(f) && fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
    }
    oracleSalt = h.digest('hex');
  }
  return crypto.createHash('sha256').update(oracleSalt).update(fs.readFileSync(file)).digest('hex');
}

async function runOracle(o, file) {
  const cached = path.join(ORACLE_CACHE, oracleKey(o, file) + '.json');
  try { return JSON.parse(fs.readFileSync(cached, 'utf8')); } catch { /* not yet */ }
  const r = await run(o.node, [path.basename(file)], Math.max(ORACLE_TIMEOUT_MS, caseTimeoutMs(file)));
  if (r.code === 0 && !r.killed) {
    fs.mkdirSync(ORACLE_CACHE, { recursive: true });
    const tmp = `${cached}.${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(r));
    fs.renameSync(tmp, cached);
  }
  return r;
}

async function runCase(o, name, file) {
  const base = path.basename(file);
  const timeoutMs = caseTimeoutMs(file);
  const [node, mrt] = [await runOracle(o, file),
                       await run(o.mrt, [`--timeout=${timeoutMs}`, base], timeoutMs + KILL_GRACE_MS)];
  const r = { name, file: path.relative(HERE, file), category: category(file), pass: false,
              node_ms: Math.round(node.ms), mrt_ms: Math.round(mrt.ms), detail: '', mrt_stderr: '' };
  if (node.code !== 0 || node.killed) {
    r.detail = `oracle failed: node exited ${node.code}${node.killed ? ' (timeout)' : ''}: ` +
               stderrHead(node.stderr);
    r.oracle_failed = true;
  } else if (mrt.killed) {
    r.detail = `mrt killed after ${timeoutMs + KILL_GRACE_MS} ms`;
  } else if (mrt.stdout !== node.stdout || mrt.code !== node.code) {
    const diff = firstDifference(node.stdout, mrt.stdout);
    r.detail = diff || `exit code: node ${node.code}, mrt ${mrt.code}`;
    if (diff && mrt.code !== node.code) r.detail += ` (mrt exit ${mrt.code})`;
  } else {
    r.pass = true;
  }
  if (!r.pass) r.mrt_stderr = stderrHead(mrt.stderr);
  if (!r.pass && o.verbose) {
    r.node_stdout = node.stdout; r.mrt_stdout = mrt.stdout; r.mrt_stderr_full = mrt.stderr;
  }
  return r;
}

function readList(file) {
  return fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(HERE, 'node_modules'))) {
    process.stderr.write('run.mjs: tests/packages/node_modules is missing: run tools/setup.sh ' +
                         '(npm ci from tests/packages/package-lock.json)\n');
    process.exit(2);
  }
  if (!fs.existsSync(o.mrt)) usage(`no mrt at ${o.mrt}`);
  const all = new Map(fs.readdirSync(CASES).filter((f) => CASE_EXT.test(f)).sort()
                        .map((f) => [f.replace(CASE_EXT, ''), path.join(CASES, f)]));
  for (const n of o.names) if (!all.has(n)) usage(`no case named ${n} in ${CASES}`);
  const names = o.names.length ? o.names : [...all.keys()];
  const expected = o.expected ? readList(o.expected) : null;
  if (expected) for (const n of expected) if (!all.has(n)) usage(`${o.expected} lists ${n}, which is no case`);

  const results = new Array(names.length);
  let next = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: Math.min(o.jobs, names.length) }, async () => {
    while (next < names.length) {
      const i = next++;
      results[i] = await runCase(o, names[i], all.get(names[i]));
    }
  }));

  const w = Math.max(...names.map((n) => n.length), 4);
  console.log(`${'case'.padEnd(w)}  ${'category'.padEnd(9)}  result  detail`);
  for (const r of results) {
    console.log(`${r.name.padEnd(w)}  ${r.category.padEnd(9)}  ${r.pass ? 'pass  ' : 'FAIL  '}  ` +
                (r.pass ? '' : `${r.detail}${r.mrt_stderr ? ` | mrt stderr: ${r.mrt_stderr}` : ''}`));
    if (!r.pass && o.verbose) {
      console.log(`  --- node stdout\n${r.node_stdout}  --- mrt stdout\n${r.mrt_stdout}` +
                  `  --- mrt stderr\n${r.mrt_stderr_full}`);
    }
  }
  const passed = results.filter((r) => r.pass);
  const failed = results.filter((r) => !r.pass);
  const summary = { mrt: o.mrt, node: process.version, total: results.length, passed: passed.length,
                    failed: failed.length, seconds: (Date.now() - started) / 1000, cases: results };
  let exitCode = failed.length ? 1 : 0;
  if (expected) {
    const ran = new Set(names);
    const regressions = expected.filter((n) => ran.has(n) && !passed.some((r) => r.name === n));
    const listed = new Set(expected);
    const fresh = passed.filter((r) => !listed.has(r.name)).map((r) => r.name);
    summary.regressions = regressions;
    summary.new_passes = fresh;
    if (fresh.length) console.log(`new passes (add to ${path.basename(o.expected)}): ${fresh.join(' ')}`);
    if (regressions.length) console.log(`REGRESSIONS (listed in ${path.basename(o.expected)}): ${regressions.join(' ')}`);
    exitCode = regressions.length ? 1 : 0;
  }
  const oracle = results.filter((r) => r.oracle_failed);
  if (oracle.length) {
    console.log(`node itself failed: ${oracle.map((r) => r.name).join(' ')} (a broken case or install)`);
    exitCode = 1;
  }
  if (o.json) fs.writeFileSync(o.json, JSON.stringify(summary, null, 2) + '\n');
  console.log(`packages: ${passed.length} of ${results.length} cases give node's output ` +
              `(${summary.seconds.toFixed(1)} s)`);
  console.log(`${passed.length} passed, ${failed.length} failed`);
  process.exit(exitCode);
}

main();
