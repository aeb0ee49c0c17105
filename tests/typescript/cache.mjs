// TypeScript and --cache-dir: the stripped output of a .ts file is kept in the cache and
// served from there afterwards, so a second run does not load the stripper at all; a changed
// file is stripped again. Run by ctest (typescript_cache) as: node cache.mjs MRT
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const mrt = process.argv[2];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrt-ts-cache-'));
const src = fs.readFileSync(new URL('../js/typescript/fixtures/cached.ts', import.meta.url), 'utf8');
const file = path.join(dir, 'app.ts');
let failed = 0;

function run(label, expected) {
  const r = spawnSync(mrt, [`--cache-dir=${path.join(dir, 'cache')}`, 'run', file], { encoding: 'utf8' });
  const ok = r.status === 0 && r.stdout === expected;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${ok ? '' : `: status ${r.status}, stdout ${JSON.stringify(r.stdout)}, stderr ${JSON.stringify(r.stderr)}`}`);
}

try {
  fs.writeFileSync(file, src);
  run('first run strips', 'stripper loaded: true\n');
  run('second run is served from the cache', 'stripper loaded: false\n');
  fs.writeFileSync(file, src + '\nconst more: number = 1;\n');
  run('a changed file is stripped again', 'stripper loaded: true\n');
  run('and then cached', 'stripper loaded: false\n');
  // Transformed files (an enum) carry a source map kept in memory: never cached.
  fs.writeFileSync(file, 'enum E { A }\n' + src);
  run('a transformed file is not cached', 'stripper loaded: true\n');
  run('... on any run', 'stripper loaded: true\n');
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(failed ? `${failed} failed` : 'all passed');
process.exit(failed ? 1 : 0);
