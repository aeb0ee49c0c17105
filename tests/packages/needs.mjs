#!/usr/bin/env node
// What each package case needs from a runtime, as seen when node runs it: every import and
// require (traced by needs/register.mjs and needs/hooks.mjs), the Node core modules asked
// for, the module formats and the interop edges between them (ESM importing CommonJS,
// require of an ES module, JSON), package.json features used in resolution (exports maps,
// subpaths, #imports, main without extension, directory index), and the Node globals the
// loaded files mention (a textual scan). Tells what to build first for the most cases.
//
// Usage: node tests/packages/needs.mjs [--summary FILE] [--md FILE] [names...]
//   --summary FILE   a summary.json from run.mjs: failing cases are also grouped by the first
//                    error mrt printed (what stops them today)
//   --md FILE        also write the grouping as Markdown

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CASES = path.join(HERE, 'cases');
const CASE_EXT = /\.(mjs|cjs|js)$/;

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); if (i < 0) return null; const v = args[i + 1]; args.splice(i, 2); return v; };
const summaryFile = opt('--summary');
const mdFile = opt('--md');
const all = fs.readdirSync(CASES).filter((f) => CASE_EXT.test(f)).sort();
const names = args.length ? args : all.map((f) => f.replace(CASE_EXT, ''));

const pkgJsonCache = new Map();
function nearestPackage(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (!pkgJsonCache.has(dir)) {
      const p = path.join(dir, 'package.json');
      pkgJsonCache.set(dir, fs.existsSync(p) ? { dir, json: JSON.parse(fs.readFileSync(p, 'utf8')) } : null);
    }
    if (pkgJsonCache.get(dir)) return pkgJsonCache.get(dir);
    if (dir === path.dirname(dir)) return null;
  }
}

function formatOf(url, loaded) {
  if (url.startsWith('node:')) return 'builtin';
  if (loaded.has(url)) { const f = loaded.get(url); return f === 'module' ? 'esm' : f === 'commonjs' ? 'cjs' : f; }
  const file = fileURLToPath(url);
  if (file.endsWith('.json')) return 'json';
  if (file.endsWith('.mjs')) return 'esm';
  if (file.endsWith('.cjs')) return 'cjs';
  return nearestPackage(file)?.json.type === 'module' ? 'esm' : 'cjs';
}

const GLOBALS = {
  'process': /\bprocess\s*\.\s*(env|nextTick|platform|argv|version|versions|stdout|stderr|cwd|hrtime|on|emitWarning|exit)\b/,
  'Buffer': /\bBuffer\s*\.\s*(from|alloc|allocUnsafe|isBuffer|byteLength|concat)\b|\bnew Buffer\(/,
  'setImmediate': /\bsetImmediate\s*\(/,
  'global (alias of globalThis)': /\btypeof global\b|\bglobal\s*\./,
  '__dirname/__filename': /\b__dirname\b|\b__filename\b/,
  'require.resolve': /\brequire\.resolve\s*\(/,
};

function analyse(name) {
  const file = all.find((f) => f.replace(CASE_EXT, '') === name);
  if (!file) throw new Error(`no case ${name}`);
  const trace = path.join(os.tmpdir(), `mrt-needs-${process.pid}-${name}.jsonl`);
  fs.writeFileSync(trace, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(HERE, 'needs', 'register.mjs')).href, file],
                      { cwd: CASES, env: { ...process.env, TZ: 'UTC', MRT_NEEDS_TRACE: trace }, encoding: 'utf8' });
  const records = fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  fs.unlinkSync(trace);
  const loaded = new Map(records.filter((x) => x.loaded).map((x) => [x.loaded, x.format]));
  const needs = new Set();
  const builtins = new Set();
  const files = new Set();
  for (const x of records.filter((x) => x.specifier && x.url)) {
    const to = formatOf(x.url, loaded);
    const from = x.from ? formatOf(x.from, loaded) : null;
    if (to === 'builtin') { builtins.add(x.url.replace(/^node:/, '')); needs.add(`node:${x.url.replace(/^node:/, '').split('/')[0]}`); continue; }
    files.add(x.url);
    if (x.via === 'require') needs.add('CommonJS require');
    if (!/^[./]|^file:/.test(x.specifier) && !x.specifier.startsWith('#')) needs.add(`bare specifier (${x.via})`);
    if (x.specifier.startsWith('#')) needs.add('package.json imports (#)');
    if (from === 'esm' && to === 'cjs') needs.add('ESM imports CommonJS');
    if (from === 'cjs' && to === 'esm') needs.add('require of an ES module');
    if (to === 'json') needs.add(`JSON via ${x.via}`);
    if (!/^[./#]|^file:|^node:/.test(x.specifier)) {
      const parts = x.specifier.split('/');
      const pkgName = x.specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      const sub = parts.slice(x.specifier.startsWith('@') ? 2 : 1).join('/');
      // The package's own package.json: the folder named after it under node_modules (the
      // nearest package.json may be a nested {"type": ...} one).
      const file = fileURLToPath(x.url);
      const at = file.lastIndexOf(`${path.sep}node_modules${path.sep}${pkgName}${path.sep}`);
      const rootDir = at < 0 ? null : file.slice(0, at) + `${path.sep}node_modules${path.sep}${pkgName}`;
      const root = rootDir && { json: JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8')) };
      if (sub) needs.add('deep subpath');
      if (JSON.stringify(root?.json.exports ?? null).includes('"module-sync"')) needs.add('exports "module-sync" condition');
      if (root?.json.exports) needs.add(`exports map (${x.via})`);
      else if (!sub) {
        const main = root?.json.main;
        if (!main) needs.add('main missing: index.js');
        else if (!/\.(c|m)?js$|\.json$/.test(main)) needs.add('main without extension / a folder');
      }
    } else if (x.via === 'require' && /^\.\.?(\/|$)/.test(x.specifier) && !/\.\w+$/.test(x.specifier)) {
      needs.add('relative require without extension');
    }
  }
  for (const u of files) {
    const f = fileURLToPath(u);
    if (f.endsWith('.json')) continue;
    const src = fs.readFileSync(f, 'utf8');
    for (const [g, re] of Object.entries(GLOBALS)) if (re.test(src)) needs.add(`global: ${g}`);
  }
  const formats = {};
  for (const u of files) { const f = formatOf(u, loaded); formats[f] = (formats[f] || 0) + 1; }
  return { name, ok: r.status === 0, needs: [...needs].sort(), builtins: [...builtins].sort(), formats };
}

// What stops a case today: mrt's first error line, reduced to its cause.
function blocker(stderr) {
  const rules = [
    [/not prefixed with \/ or \.\/ or \.\.\//, 'bare specifier in import (no node_modules resolution)'],
    [/require is not defined/, 'require is not defined (no CommonJS)'],
    [/module is not defined|exports is not defined/, 'module/exports not defined (no CommonJS)'],
    [/process is not defined/, 'process is not defined'],
    [/Buffer is not defined/, 'Buffer is not defined'],
    [/setImmediate is not defined/, 'setImmediate is not defined'],
    [/does not provide an export named/, 'CommonJS named/default export missing'],
    [/node:([a-z_/]+)/, (m) => `node:${m[1]} unsupported`],
    [/Cannot find (module|package)/, 'module not found'],
  ];
  for (const [re, what] of rules) { const m = re.exec(stderr); if (m) return typeof what === 'function' ? what(m) : what; }
  return stderr ? `other: ${stderr.slice(0, 100)}` : 'output differs (no error)';
}

function group(entries) {
  const g = new Map();
  for (const [key, name] of entries) { if (!g.has(key)) g.set(key, []); g.get(key).push(name); }
  return [...g].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

const results = names.map(analyse);
const lines = [];
const out = (s = '') => { lines.push(s); console.log(s); };
if (summaryFile) {
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  const failing = summary.cases.filter((c) => !c.pass && names.includes(c.name));
  out(`## What stops each case today (${summary.passed} of ${summary.total} pass; first error mrt printed)`);
  out();
  for (const [k, v] of group(failing.map((c) => [blocker(c.mrt_stderr), c.name]))) out(`- **${k}** (${v.length}): ${v.join(', ')}`);
  out();
}
out(`## What the cases need (traced under node; ${results.length} cases)`);
out();
out('Each line: a need and the cases that exercise it (a global is counted when a loaded file mentions it).');
out();
for (const [k, v] of group(results.flatMap((r) => r.needs.map((n) => [n, r.name])))) out(`- **${k}** (${v.length}): ${v.join(', ')}`);
out();
// Which areas of work each case waits for: resolution, CommonJS, each core module, each
// global; cases grouped by that set show what unlocks how many (the textual global scan
// over-counts guarded uses such as `typeof process !== 'undefined'`).
function area(need) {
  if (/^bare specifier|^exports|^deep subpath|^package\.json imports|^main /.test(need)) return 'resolution';
  if (/CommonJS|require|^JSON via|__dirname/.test(need)) return 'CommonJS';
  if (need.startsWith('global: ')) return need.slice(8).split(' ')[0];
  return need;
}
out('## Cases grouped by the areas they wait for');
out();
const ORDER = ['resolution', 'CommonJS'];
const key = (r) => [...new Set(r.needs.map(area))].sort((a, b) =>
  (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b)).join(' + ');
for (const [k, v] of group(results.map((r) => [key(r) || 'nothing', r.name]))) out(`- **${k}** (${v.length}): ${v.join(', ')}`);
out();
out('## Per case: module formats loaded and Node core modules');
out();
for (const r of results) {
  out(`- ${r.name}: ${Object.entries(r.formats).map(([k, v]) => `${v} ${k}`).join(', ') || 'nothing'}` +
      `${r.builtins.length ? `; core: ${r.builtins.join(', ')}` : ''}${r.ok ? '' : ' (node failed!)'}`);
}
if (mdFile) fs.writeFileSync(mdFile, lines.join('\n') + '\n');
