// Generates a graph of N small ES modules (default 1000) into DIR (default ./graph):
// m0 imports m1 and m2, m(i) imports m(2i+1) and m(2i+2) (a binary tree), and every module
// also imports a shared leaf, so the graph has N + 1 modules, ~2N import edges and a diamond
// at every level. main.mjs imports m0 and prints the sum of every module's value.
// Usage: node gen.mjs [N] [DIR]
import fs from 'node:fs';
import path from 'node:path';
const N = Number(process.argv[2] || 1000);
const dir = path.resolve(process.argv[3] || new URL('graph', import.meta.url).pathname);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'shared.mjs'), 'export const one = 1;\nexport function id(x) { return x; }\n');
for (let i = 0; i < N; i++) {
  const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < N);
  let src = "import { one, id } from './shared.mjs';\n";
  for (const k of kids) src += `import { total as t${k} } from './m${k}.mjs';\n`;
  src += `export const value = id(${i} % 7) + one;\n`;
  src += `export const total = value${kids.map((k) => ` + t${k}`).join('')};\n`;
  src += `export function describe() { return 'module ${i} of ${N}'; }\n`;
  fs.writeFileSync(path.join(dir, `m${i}.mjs`), src);
}
fs.writeFileSync(path.join(dir, 'main.mjs'),
  "import { total } from './m0.mjs';\nconsole.log('total', total);\n");
console.log(`${N + 2} files in ${dir}`);
