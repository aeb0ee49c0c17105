// Generates a bundled classic script of about SIZE_KB kilobytes (default 1024), shaped like
// a webpack/rollup bundle of an application: a module table of factory functions and a small
// require(), each module with classes (inheritance, getters, static members), utility
// functions (loops, string and array work, closures), constant tables and a few exports.
// At start the entry module requires about a third of the modules and calls into them; the
// rest is code a bundle carries but does not run at start (V8 only pre-parses it). The
// script prints one line: a checksum of what ran, so runs with and without a code cache
// can be compared.
// Usage: node gen_bundle.mjs [OUT] [SIZE_KB] [SEED]
import fs from 'node:fs';

const out = process.argv[2] || new URL('bundle.js', import.meta.url).pathname;
const target = Number(process.argv[3] || 1024) * 1024;
let seed = Number(process.argv[4] || 7) >>> 0;

function rnd() { // xorshift32: the same bundle for the same seed
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

const nouns = ['user', 'order', 'item', 'cart', 'price', 'token', 'session', 'route', 'view',
  'store', 'event', 'queue', 'cache', 'record', 'field', 'schema', 'node', 'edge', 'layer',
  'widget', 'theme', 'locale', 'metric', 'report', 'invoice', 'payment', 'address', 'query'];
const verbs = ['get', 'set', 'build', 'parse', 'format', 'validate', 'merge', 'compute',
  'resolve', 'render', 'update', 'create', 'find', 'sort', 'filter', 'map', 'normalize',
  'serialize', 'apply', 'collect'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

function utilFunction(name) {
  const k = int(2, 9);
  switch (int(0, 4)) {
    case 0:
      return `function ${name}(list, key) {
  const out = [];
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v && v[key] !== undefined && (i % ${k}) !== ${k - 1}) out.push({ key: v[key], index: i, tag: '${name}' });
  }
  return out.sort((a, b) => (a.key > b.key ? 1 : a.key < b.key ? -1 : a.index - b.index));
}\n`;
    case 1:
      return `function ${name}(text, width = ${int(20, 80)}) {
  const words = String(text).split(/\\s+/).filter(Boolean);
  const lines = [];
  let line = '';
  for (const w of words) {
    if ((line + ' ' + w).trim().length > width) { lines.push(line.trim()); line = w; }
    else line += ' ' + w;
  }
  if (line.trim()) lines.push(line.trim());
  return lines.map((l, i) => \`\${String(i + 1).padStart(3, '0')}: \${l}\`).join('\\n');
}\n`;
    case 2:
      return `function ${name}(a, b) {
  const result = Object.assign({}, a);
  for (const [k, v] of Object.entries(b || {})) {
    if (v && typeof v === 'object' && !Array.isArray(v)) result[k] = ${name}(result[k] || {}, v);
    else if (Array.isArray(v)) result[k] = (result[k] || []).concat(v).slice(-${k * 4});
    else result[k] = v;
  }
  return result;
}\n`;
    case 3:
      return `function ${name}(n) {
  let h = ${int(1, 1e6)} ^ n;
  for (let i = 0; i < ${k * 8}; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + i;
    h ^= h >>> 12;
  }
  return (h >>> 0) % ${int(1000, 100000)};
}\n`;
    default:
      return `function ${name}(options) {
  const opts = { retries: ${k}, timeout: ${int(100, 5000)}, mode: '${pick(nouns)}', ...options };
  const steps = [];
  let attempt = 0;
  const next = () => {
    attempt++;
    steps.push(\`\${opts.mode}:\${attempt}/\${opts.retries}\`);
    return attempt < opts.retries ? next() : steps;
  };
  return { opts, steps: next(), done: true };
}\n`;
  }
}

function classDef(name, base, fns) {
  const fields = Array.from({ length: int(2, 5) }, () => pick(nouns));
  const uniq = [...new Set(fields)];
  const methods = Array.from({ length: int(3, 7) }, (_, i) => `${pick(verbs)}${cap(pick(nouns))}${i}`);
  let s = `class ${name}${base ? ` extends ${base}` : ''} {
  constructor(init = {}) {
    ${base ? 'super(init);\n    ' : ''}${uniq.map((f) => `this.${f} = init.${f} ?? ${JSON.stringify(f + '-' + int(0, 99))};`).join('\n    ')}
    this.version = ${int(1, 20)};
  }
  static create(init) { return new ${name}(init); }
  get summary() { return [${uniq.map((f) => `this.${f}`).join(', ')}].join('|'); }
`;
  for (const m of methods) {
    const f = pick(fns);
    switch (int(0, 3)) {
      case 0:
        s += `  ${m}(items) {
    const xs = Array.isArray(items) ? items : [items];
    return xs.map((x, i) => ({ ...x, ${uniq[0]}: this.${uniq[0]}, i })).filter((x) => x.i % ${int(2, 5)} !== 0);
  }\n`;
        break;
      case 1:
        s += `  ${m}(n = ${int(3, 30)}) {
    let acc = this.version;
    for (let i = 0; i < n; i++) acc = (acc * 31 + ${f}(i)) % 1000003;
    return acc;
  }\n`;
        break;
      case 2:
        s += `  ${m}(other) {
    if (!(other instanceof ${name})) throw new TypeError('${name}.${m}: expected a ${name}');
    return this.summary.localeCompare(other.summary);
  }\n`;
        break;
      default:
        s += `  async ${m}(delay) {
    await null;
    return { name: '${name}', delay, at: this.version + (delay | 0) };
  }\n`;
    }
  }
  return s + '}\n';
}

function table(name) {
  const rows = Array.from({ length: int(8, 30) }, (_, i) =>
    `  { id: ${i}, key: '${pick(nouns)}_${pick(verbs)}', weight: ${(rnd() * 10).toFixed(3)}, enabled: ${rnd() < 0.7}, label: '${cap(pick(verbs))} the ${pick(nouns)}' },`);
  return `const ${name} = Object.freeze([\n${rows.join('\n')}\n]);\n`;
}

// One module of the bundle: its factory's body and the names it exports.
function makeModule(id) {
  let body = '';
  const fns = [];
  const nf = int(3, 8);
  for (let i = 0; i < nf; i++) {
    const name = `${pick(verbs)}${cap(pick(nouns))}_${id}_${i}`;
    fns.push(name);
    body += utilFunction(name);
  }
  const classes = [];
  const nc = int(1, 4);
  for (let i = 0; i < nc; i++) {
    const name = `${cap(pick(nouns))}${cap(pick(verbs))}${id}_${i}`;
    body += classDef(name, i > 0 && rnd() < 0.5 ? classes[i - 1] : null, fns);
    classes.push(name);
  }
  const tbl = `TABLE_${id}`;
  body += table(tbl);
  body += `function run_${id}(deps) {
  const obj = ${classes[0]}.create({});
  let sum = obj.${'version'};
  for (const row of ${tbl}) if (row.enabled) sum += Math.round(row.weight * 10);
  ${fns.filter((_, i) => i % 2 === 0).map((f) => `sum += JSON.stringify(${f}.length).length;`).join('\n  ')}
  for (const d of deps) sum += d.run ? d.run([]) % 97 : 0;
  return sum;
}\n`;
  body += `module.exports = { run: run_${id}, ${classes.join(', ')}, ${fns.join(', ')}, table: ${tbl} };\n`;
  return body;
}

let src = `/* generated by bench/cache/gen_bundle.mjs: a ${Math.round(target / 1024)} KB application bundle */
(function (modules) {
  'use strict';
  const cache = {};
  function require(id) {
    if (cache[id]) return cache[id].exports;
    const module = (cache[id] = { id, exports: {} });
    modules[id].call(module.exports, module, module.exports, require);
    return module.exports;
  }
  require(0);
})({
`;
const bodies = [];
let size = src.length;
for (let id = 1; size < target - 4096; id++) {
  const b = `/* ${id} */ ${id}: function (module, exports, require) {\n'use strict';\n${makeModule(id)}},\n`;
  bodies.push(b);
  size += b.length;
}
const n = bodies.length;
// The entry: a third of the modules run at start, half of them with one dependency.
const started = [];
for (let id = 1; id <= n; id++) if (id % 3 === 1) started.push(id);
let entry = `/* 0 */ 0: function (module, exports, require) {
  let total = 0;
  const ran = [${started.join(', ')}];
  for (const id of ran) {
    const m = require(id);
    const deps = id % 6 === 1 && id < ${n} ? [require(id + 1)] : [];
    total = (total * 33 + m.run(deps)) % 2147483647;
  }
  console.log('bundle: ${n} modules, ' + ran.length + ' run at start, checksum ' + total);
},\n`;
src += entry + bodies.join('') + '});\n';
fs.writeFileSync(out, src);
console.error(`${out}: ${(src.length / 1024).toFixed(0)} KB, ${n} modules, ${started.length} run at start`);
