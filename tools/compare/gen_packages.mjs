#!/usr/bin/env node
// Writes a package_graph workload: N ES modules spread over P packages in node_modules,
// reached through bare specifiers the way real dependency trees are.
//
//   node tools/compare/gen_packages.mjs N DIR [PACKAGES]     (default 1000 modules, 50 packages)
//
// DIR/main.mjs imports every package by name. Package k ("pkg-k", every fifth one scoped as
// "@bench/pkg-k") has an exports map ("." with import/default conditions, "./lib/*" pattern,
// "./util"), an imports map ("#internal/*"), "type": "module", and N/P modules: index.js
// imports its modules by four routes in turn (relative "./lib/mI.js", "#internal/mI",
// self-reference "pkg-k/lib/mI", and "pkg-k/util" for the first), and every module also imports
// a module of the next package by its public subpath ("pkg-(k+1)/lib/mJ"), so resolution
// crosses packages all the time. Every module counts itself once in globalThis.__modules when
// evaluated; main.mjs checks the total and prints `package_graph: N modules`.
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const [nArg, dir, pArg] = process.argv.slice(2);
const N = Number(nArg ?? 1000), P = Number(pArg ?? 50);
if (!dir || !Number.isInteger(N) || !Number.isInteger(P) || P < 1 || N < 2 * P) {
  console.error("usage: gen_packages.mjs N DIR [PACKAGES]   (N >= 2 * PACKAGES)");
  process.exit(2);
}
rmSync(join(dir, "node_modules"), { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const perPkg = Math.floor(N / P); // modules per package: index.js + lib/m1 .. lib/m(perPkg-1)
const name = (k) => (k % 5 === 4 ? `@bench/pkg-${k}` : `pkg-${k}`);
const body = (tag) => [
  `globalThis.__modules = (globalThis.__modules ?? 0) + 1;`,
  `const TABLE = [${Array.from({ length: 6 }, (_, j) => (tag.length * 31 + j * 7) % 97).join(", ")}];`,
  `export class Thing { constructor(v) { this.v = v; this.tag = ${JSON.stringify(tag)}; } sum() { let s = 0; for (const t of TABLE) s += t * this.v; return s; } }`,
];
let total = 0;
for (let k = 0; k < P; k++) {
  const pdir = join(dir, "node_modules", name(k));
  mkdirSync(join(pdir, "lib"), { recursive: true });
  writeFileSync(join(pdir, "package.json"), JSON.stringify({
    name: name(k), version: "1.0.0", type: "module",
    exports: {
      ".": { import: "./index.js", default: "./index.js" },
      "./util": "./util.js",
      "./lib/*": "./lib/*.js",
      "./package.json": "./package.json",
    },
    imports: { "#internal/*": "./lib/*.js" },
  }, null, 2));
  const next = name((k + 1) % P);
  const imports = [], uses = [];
  for (let i = 1; i < perPkg; i++) {
    const route = i === 1 ? `${name(k)}/util` : [`./lib/m${i}.js`, `#internal/m${i}`, `${name(k)}/lib/m${i}`][i % 3];
    imports.push(`import { m${i} } from "${route}";`);
    uses.push(`m${i}`);
    const file = i === 1 ? join(pdir, "util.js") : join(pdir, "lib", `m${i}.js`);
    const cross = `${next}/lib/m${2 + (i % (perPkg - 2))}`;
    writeFileSync(file, [
      `import "${cross}";`,
      ...body(`${name(k)}:${i}`),
      `export const m${i} = ${i};`,
    ].join("\n") + "\n");
  }
  writeFileSync(join(pdir, "index.js"), [
    ...imports,
    ...body(`${name(k)}:index`),
    `export const sum = ${uses.join(" + ") || 0};`,
  ].join("\n") + "\n");
  total += perPkg;
}
const main = [];
for (let k = 0; k < P; k++) main.push(`import { sum as s${k} } from "${name(k)}";`);
main.push(
  `const expected = ${total};`,
  `if (globalThis.__modules !== expected) throw new Error("package_graph: expected " + expected + " modules, got " + globalThis.__modules);`,
  `console.log("package_graph: " + globalThis.__modules + " modules");`,
);
writeFileSync(join(dir, "main.mjs"), main.join("\n") + "\n");
