#!/usr/bin/env node
// Runner for mrt's JS behaviour corpus. Node is the oracle that generated the expectations.
//
// Usage:
//   node tests/js/run.mjs --mrt PATH [options] [files or dirs...]
//   node tests/js/run.mjs --regen [options] [files or dirs...]
//   node tests/js/run.mjs --node-check [options] [files or dirs...]
//
// Options:
//   --mrt PATH        the mrt binary to test (normal mode)
//   --filter SUBSTR   only tests whose path contains SUBSTR
//   --regen           rewrite X.out from `node X.js` (tests without `// node: skip`); checks
//                     node's exit code equals `// exit:` (default 0)
//   --node-check      run every non-skip test under node and check the committed .out and the
//                     exit code still match (notices drift between node versions)
//   --node-only       normal mode, but skip `// node: skip` tests and cli.json cases and do not
//                     check stderr (validates the runner itself with --mrt pointing at a
//                     wrapper that runs node)
//   -j N, --jobs N    parallel workers (default 2)
//   -v, --verbose     print a line for every test, not only failures
//   (no paths)        the whole corpus: every directory next to this script
//
// A test is X.js or X.mjs, or TypeScript X.ts, X.mts, X.cts (files whose name starts with `_` and directories named `fixtures`
// are helpers, not tests). Expectations:
//   X.out                 exact expected stdout (required)
//   // exit: N           expected exit code (default 0)
//   // stderr: REGEX     must match mrt's stderr (JS RegExp, flag m); may repeat
//   // args: a b         script arguments (whitespace-separated, "double" or 'single' quotes)
//   // flags: --x=1      mrt flags, placed before the file: mrt run FLAGS FILE ARGS
//   // node: skip        mrt-specific; .out is hand-written and --regen leaves it alone
//   // timeout: MS       per-test timeout (default 10000)
// Header comments are read from the leading block of comment/blank lines of the file.
// Tests run with the test file's directory as working directory and the file's base name
// as the path argument, so file names in messages are stable.
//
// cli.json in a directory holds command-line cases: an array of
//   { "name": "...", "args": ["run", "x.js"], "exit": 2,
//     "stdout": "exact\n",            (optional: exact stdout)
//     "stdout_match": ["regex", ...], (optional: regexes on stdout)
//     "stderr": ["regex", ...],       (optional: regexes on stderr)
//     "timeout": 10000 }              (optional)
// run with that directory as working directory: mrt ARGS.
//
// At the end prints exactly `N passed, M failed` and exits 1 if anything failed.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_TIMEOUT = 10000;
const MAX_OUTPUT = 64 * 1024 * 1024;

function usage(msg) {
  if (msg) process.stderr.write(`run.mjs: ${msg}\n`);
  process.stderr.write(
    'usage: node run.mjs (--mrt PATH | --regen | --node-check) [--filter SUBSTR] [--node-only]\n' +
    '                    [-j N] [-v] [files or dirs...]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { mrt: null, filter: null, regen: false, nodeCheck: false, nodeOnly: false,
              jobs: 2, verbose: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    if (a === '--mrt') o.mrt = val();
    else if (a.startsWith('--mrt=')) o.mrt = a.slice(6);
    else if (a === '--filter') o.filter = val();
    else if (a.startsWith('--filter=')) o.filter = a.slice(9);
    else if (a === '--regen') o.regen = true;
    else if (a === '--node-check') o.nodeCheck = true;
    else if (a === '--node-only') o.nodeOnly = true;
    else if (a === '-j' || a === '--jobs') o.jobs = parseInt(val(), 10);
    else if (/^-j\d+$/.test(a)) o.jobs = parseInt(a.slice(2), 10);
    else if (a.startsWith('--jobs=')) o.jobs = parseInt(a.slice(7), 10);
    else if (a === '-v' || a === '--verbose') o.verbose = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else o.paths.push(a);
  }
  if (!(o.jobs >= 1)) usage('-j needs a positive number');
  const modes = (o.mrt ? 1 : 0) + (o.regen ? 1 : 0) + (o.nodeCheck ? 1 : 0);
  if (modes !== 1) usage('exactly one of --mrt PATH, --regen, --node-check is needed');
  if (o.mrt) {
    o.mrt = path.resolve(o.mrt);
    try {
      fs.accessSync(o.mrt, fs.constants.X_OK);
    } catch {
      usage(`--mrt ${o.mrt}: not an executable file`);
    }
  }
  return o;
}

// ---- discovery -------------------------------------------------------------------------

function isTestFile(name) {
  return /\.(m?js|[mc]?ts)$/.test(name) && !name.startsWith('_');
}

function collect(p, out) {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      const full = path.join(p, name);
      const s = fs.statSync(full);
      if (s.isDirectory()) {
        if (name !== 'fixtures' && !name.startsWith('_') && !name.startsWith('.')) collect(full, out);
      } else if (isTestFile(name) && full !== path.join(HERE, 'run.mjs')) {
        out.push({ kind: 'file', file: full });
      } else if (name === 'cli.json') {
        out.push({ kind: 'clijson', file: full });
      }
    }
  } else if (path.basename(p) === 'cli.json') {
    out.push({ kind: 'clijson', file: p });
  } else {
    out.push({ kind: 'file', file: p });
  }
}

function splitArgs(s) {
  const out = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function parseHeaders(src) {
  const h = { exit: 0, stderr: [], args: [], flags: [], nodeSkip: false, timeout: DEFAULT_TIMEOUT };
  const lines = src.split('\n');
  let i = 0;
  if (lines[0] && lines[0].startsWith('#!')) i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (!line.startsWith('//')) break;
    const m = /^\/\/\s*(exit|stderr|args|flags|node|timeout):\s?(.*)$/.exec(line);
    if (!m) continue;
    const [, key, raw] = m;
    const v = raw.replace(/\s+$/, '');
    if (key === 'exit') h.exit = parseInt(v, 10);
    else if (key === 'stderr') h.stderr.push(v);
    else if (key === 'args') h.args.push(...splitArgs(v));
    else if (key === 'flags') h.flags.push(...splitArgs(v));
    else if (key === 'node') h.nodeSkip = /\bskip\b/.test(v);
    else if (key === 'timeout') h.timeout = parseInt(v, 10);
  }
  return h;
}

function outPath(file) {
  return file.replace(/\.(m?js|[mc]?ts)$/, '.out');
}

function rel(p) {
  const r = path.relative(process.cwd(), p);
  return r.startsWith('..') ? p : r;
}

// ---- running ---------------------------------------------------------------------------

function cleanEnv() {
  const env = { ...process.env };
  for (const k of ['NODE_OPTIONS', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'NODE_PATH']) delete env[k];
  env.NO_COLOR = '1';
  return env;
}
const ENV = cleanEnv();

function run(cmd, args, cwd, timeout) {
  return new Promise((resolve) => {
    let child;
    const res = { code: null, signal: null, stdout: '', stderr: '', timedOut: false, error: null };
    try {
      child = spawn(cmd, args, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      res.error = e;
      resolve(res);
      return;
    }
    const out = [], err = [];
    let outLen = 0, errLen = 0;
    child.stdout.on('data', (d) => { if ((outLen += d.length) <= MAX_OUTPUT) out.push(d); });
    child.stderr.on('data', (d) => { if ((errLen += d.length) <= MAX_OUTPUT) err.push(d); });
    const timer = setTimeout(() => { res.timedOut = true; child.kill('SIGKILL'); }, timeout);
    child.on('error', (e) => { res.error = e; });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      res.code = code;
      res.signal = signal;
      res.stdout = Buffer.concat(out).toString('utf8');
      res.stderr = Buffer.concat(err).toString('utf8');
      resolve(res);
    });
  });
}

function toLines(text) {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\\ (no newline at end)';
  return lines;
}

// A unified-style diff of the one differing region (common prefix and suffix trimmed).
function diff(expected, actual) {
  const a = toLines(expected), b = toLines(actual);
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  let ea = a.length - 1, eb = b.length - 1;
  while (ea >= first && eb >= first && a[ea] === b[eb]) { ea--; eb--; }
  const ctx = 3, limit = 40;
  const from = Math.max(0, first - ctx);
  const tail = Math.min(ctx, a.length - (ea + 1));
  const lines = [`    first difference at line ${first + 1} (expected ${a.length} lines, got ${b.length})`,
                 '    --- expected', '    +++ actual',
                 `    @@ -${from + 1},${ea + 1 - from + tail} +${from + 1},${eb + 1 - from + tail} @@`];
  for (let i = from; i < first; i++) lines.push(`     ${a[i]}`);
  const side = (arr, lo, hi, mark, what) => {
    for (let i = lo; i <= hi; i++) {
      if (i - lo >= limit) { lines.push(`    ... (${hi - i + 1} more ${what} lines)`); break; }
      lines.push(`    ${mark}${arr[i]}`);
    }
  };
  side(a, first, ea, '-', 'expected');
  side(b, first, eb, '+', 'actual');
  for (let i = ea + 1; i < ea + 1 + tail; i++) lines.push(`     ${a[i]}`);
  return lines.join('\n');
}

function indent(s, max = 20) {
  const ls = s.replace(/\n$/, '').split('\n');
  const cut = ls.length > max ? [...ls.slice(0, max), `... (${ls.length - max} more lines)`] : ls;
  return cut.map((l) => `    | ${l}`).join('\n');
}

function describeExit(r) {
  if (r.error) return `could not start: ${r.error.message}`;
  if (r.timedOut) return 'timed out (killed)';
  if (r.signal) return `killed by ${r.signal}`;
  return `exit ${r.code}`;
}

function checkResult(r, { expectedOut, exit, stderr, stdoutMatch, checkStderr }) {
  const problems = [];
  if (r.error) return [describeExit(r)];
  if (r.timedOut || r.signal) {
    problems.push(describeExit(r));
  } else if (r.code !== exit) {
    problems.push(`exit code ${r.code}, expected ${exit}`);
  }
  if (expectedOut !== undefined && r.stdout !== expectedOut) {
    problems.push('stdout differs\n' + diff(expectedOut, r.stdout));
  }
  for (const re of stdoutMatch || []) {
    if (!new RegExp(re, 'm').test(r.stdout)) problems.push(`stdout does not match /${re}/`);
  }
  if (checkStderr) {
    for (const re of stderr || []) {
      if (!new RegExp(re, 'm').test(r.stderr)) problems.push(`stderr does not match /${re}/`);
    }
  }
  if (problems.length && r.stderr && (problems.some((p) => !p.startsWith('stdout differs')) || r.code !== exit)) {
    problems.push('stderr was:\n' + indent(r.stderr));
  }
  return problems;
}

async function runFileTest(t, o) {
  const src = fs.readFileSync(t.file, 'utf8');
  const h = parseHeaders(src);
  const cwd = path.dirname(t.file);
  const base = path.basename(t.file);
  const outFile = outPath(t.file);
  const name = rel(t.file);

  if (o.regen || o.nodeCheck) {
    if (h.nodeSkip) return { name, status: 'skip' };
    const r = await run(process.execPath, [base, ...h.args], cwd, h.timeout);
    if (o.regen) {
      if (r.error || r.timedOut || r.signal || r.code !== h.exit) {
        return { name, status: 'fail', problems: [`node: ${describeExit(r)}, expected exit ${h.exit}` +
                 (r.stderr ? '\n' + indent(r.stderr) : '')] };
      }
      const old = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : null;
      if (old !== r.stdout) fs.writeFileSync(outFile, r.stdout);
      return { name, status: 'pass', note: old === r.stdout ? 'unchanged' : (old === null ? 'created' : 'updated') };
    }
    if (!fs.existsSync(outFile)) return { name, status: 'fail', problems: [`missing ${rel(outFile)}`] };
    const problems = checkResult(r, { expectedOut: fs.readFileSync(outFile, 'utf8'), exit: h.exit, checkStderr: false });
    return problems.length ? { name, status: 'fail', problems: problems.map((p) => 'node: ' + p) } : { name, status: 'pass' };
  }

  if (o.nodeOnly && h.nodeSkip) return { name, status: 'skip' };
  if (!fs.existsSync(outFile)) return { name, status: 'fail', problems: [`missing ${rel(outFile)}`] };
  const expectedOut = fs.readFileSync(outFile, 'utf8');
  const r = await run(o.mrt, ['run', ...h.flags, base, ...h.args], cwd, h.timeout);
  // With --node-only the "mrt" is usually node itself, whose stderr differs from mrt's.
  const problems = checkResult(r, { expectedOut, exit: h.exit, stderr: h.stderr, checkStderr: !o.nodeOnly });
  return problems.length ? { name, status: 'fail', problems } : { name, status: 'pass' };
}

async function runCliTest(c, o) {
  const name = `${rel(c.file)}#${c.name}`;
  if (o.regen || o.nodeCheck || o.nodeOnly) return { name, status: 'skip' };
  const r = await run(o.mrt, c.args || [], path.dirname(c.file), c.timeout || DEFAULT_TIMEOUT);
  const problems = checkResult(r, { expectedOut: c.stdout, exit: c.exit ?? 0, stderr: c.stderr,
                                    stdoutMatch: c.stdout_match, checkStderr: true });
  return problems.length ? { name, status: 'fail', problems } : { name, status: 'pass' };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const roots = o.paths.length ? o.paths : [HERE];
  const found = [];
  for (const p of roots) {
    if (!fs.existsSync(p)) usage(`no such file or directory: ${p}`);
    collect(path.resolve(p), found);
  }
  const tasks = [];
  for (const f of found) {
    if (f.kind === 'clijson') {
      let cases;
      try {
        cases = JSON.parse(fs.readFileSync(f.file, 'utf8'));
        if (!Array.isArray(cases)) throw new Error('not an array');
      } catch (e) {
        tasks.push(async () => ({ name: rel(f.file), status: 'fail', problems: [`bad cli.json: ${e.message}`] }));
        continue;
      }
      for (const c of cases) {
        const t = { ...c, file: f.file, name: c.name || (c.args || []).join(' ') };
        if (o.filter && !`${f.file}#${t.name}`.includes(o.filter)) continue;
        tasks.push(() => runCliTest(t, o));
      }
    } else {
      if (o.filter && !f.file.includes(o.filter)) continue;
      tasks.push(() => runFileTest(f, o));
    }
  }

  let passed = 0, failed = 0, skipped = 0, next = 0;
  const report = (res) => {
    if (res.status === 'pass') {
      passed++;
      if (o.verbose) console.log(`ok   ${res.name}${res.note ? ` (${res.note})` : ''}`);
      else if (o.regen && res.note && res.note !== 'unchanged') console.log(`${res.note} ${res.name}`);
    } else if (res.status === 'skip') {
      skipped++;
      if (o.verbose) console.log(`skip ${res.name}`);
    } else {
      failed++;
      console.log(`FAIL ${res.name}: ${res.problems.join('\n    ')}`);
    }
  };
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      let res;
      try {
        res = await task();
      } catch (e) {
        res = { name: '?', status: 'fail', problems: [`runner error: ${e.stack || e}`] };
      }
      report(res);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.jobs, tasks.length || 1) }, worker));
  if (skipped && o.verbose) console.log(`(${skipped} skipped)`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main();
