// The runtime's own JS files hold no character above U+00FF. V8 keeps a script's source (to
// compile its functions lazily), and one such character anywhere, even in a comment, makes it
// store the whole file as a two-byte string: for the files in the startup snapshot that is
// twice the bytes deserialised into every isolate (console.js was 62 KB, stored as 124 KB,
// for its table's box-drawing characters), for the lazy ones twice the memory once used.
// Write "\u2500" in strings and ASCII in comments instead.
//
//   node tests/snapshot/one_byte.mjs CORE_DIR   (the files embed_js.cmake embeds: core/CMakeLists.txt)
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const core = process.argv[2];
if (!core) {
  console.error("usage: node tests/snapshot/one_byte.mjs CORE_DIR");
  process.exit(2);
}
const cmake = readFileSync(join(core, "CMakeLists.txt"), "utf8");
const files = new Set();
for (const list of ["MRT_JS_ORDER", "MRT_JS_LAZY"]) {
  for (const m of cmake.matchAll(new RegExp(`(?:set|list\\(APPEND)\\(?\\s*${list}\\s([^)]*)\\)`, "g"))) {
    for (const f of m[1].split(/\s+/)) if (f.endsWith(".js")) files.add(f);
  }
}
// Node's modules and their internals, globbed there: every .js file of these folders.
for (const dir of ["ext/node/lib", "ext/node/internal"]) {
  for (const f of readdirSync(join(core, dir))) if (f.endsWith(".js")) files.add(`${dir}/${f}`);
}
if (files.size < 20) {
  console.error(`found only ${files.size} files in ${core}/CMakeLists.txt: has its list moved?`);
  process.exit(1);
}
let bad = 0;
for (const f of files) {
  const lines = readFileSync(join(core, f), "utf8").split("\n");
  lines.forEach((line, i) => {
    for (const ch of line) {
      if (ch.codePointAt(0) > 0xff) {
        console.error(`${f}:${i + 1}: U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")} (${ch}): ${line.trim().slice(0, 100)}`);
        bad++;
        break;
      }
    }
  });
}
if (bad) process.exit(1);
console.log(`${files.size} files: no character above U+00FF`);
