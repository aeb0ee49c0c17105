// Every path function on generated paths (a fixed pseudo-random sequence of segments:
// empty, dots, slashes, names with dots), compared with node.
import path from "node:path";
let seed = 12345;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const parts = ["", "/", "//", ".", "..", "...", "a", "b.c", ".d", "e.", "f.g.h", "/x", "y/", "./", "../", "ü"];
const gen = () => { let s = ""; const k = rnd(5); for (let i = 0; i < k; i++) s += parts[rnd(parts.length)] + (rnd(2) ? "/" : ""); return s; };
const out = [];
for (let i = 0; i < 800; i++) {
  const a = gen(), b = gen();
  out.push([path.normalize(a), path.join(a, b), path.resolve("/base", a, b), path.relative("/r/" + a, "/r/" + b), path.dirname(a), path.basename(a), path.basename(a, b), path.extname(a), JSON.stringify(path.parse(a)), path.format(path.parse(a)), path.isAbsolute(a)].join("|"));
}
console.log(out.join("\n"));
