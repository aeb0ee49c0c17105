// Buffer hot paths, each timed for ~150 ms over 5 rounds, median ns/op (runs in node too:
// `node bench/js/node_buffer.mjs` vs `mrt bench/js/node_buffer.mjs`). Last line: the geometric
// mean of the cases (ns/op) for tools/compare.
import { Buffer } from "node:buffer";

const short = "hello world, the quick brown fox";
const long = "The quick brown fox jumps over the lazy dog. ".repeat(1000);
const uni = "héllo wörld € 😀 ".repeat(200);
const bShort = Buffer.from(short);
const bLong = Buffer.from(long);
const bUni = Buffer.from(uni);
const b64 = bLong.toString("base64");
const hex = bLong.toString("hex");
const parts = Array.from({ length: 16 }, (_, i) => Buffer.from(`part ${i} `.repeat(8)));
const ints = Buffer.alloc(4096);
let sink = 0;

const cases = {
  "from(short)": () => { sink += Buffer.from(short).length; },
  "from(long 45KB)": () => { sink += Buffer.from(long).length; },
  "from(unicode 3KB)": () => { sink += Buffer.from(uni).length; },
  "toString(short)": () => { sink += bShort.toString().length; },
  "toString(long)": () => { sink += bLong.toString().length; },
  "toString(unicode)": () => { sink += bUni.toString().length; },
  "toString(hex 45KB)": () => { sink += bLong.toString("hex").length; },
  "toString(base64 45KB)": () => { sink += bLong.toString("base64").length; },
  "from(base64 60KB)": () => { sink += Buffer.from(b64, "base64").length; },
  "from(hex 90KB)": () => { sink += Buffer.from(hex, "hex").length; },
  "concat(16 parts)": () => { sink += Buffer.concat(parts).length; },
  "readUInt32LE x1024": () => { for (let i = 0; i < 4096; i += 4) sink += ints.readUInt32LE(i); },
  "byteLength(short)": () => { sink += Buffer.byteLength(short); },
  "alloc(64)": () => { sink += Buffer.alloc(64).length; },
  "allocUnsafe(64)": () => { sink += Buffer.allocUnsafe(64).length; },
  "indexOf(str 45KB)": () => { sink += bLong.indexOf("lazy cat"); },
  "equals(45KB)": () => { sink += bLong.equals(bLong.subarray(0)) ? 1 : 0; },
};

const results = [];
for (const [name, fn] of Object.entries(cases)) {
  let n = 1;
  for (;;) { // calibrate to ~30 ms a round
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    if (performance.now() - t0 > 30) break;
    n *= 2;
  }
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    rounds.push(((performance.now() - t0) * 1e6) / n);
  }
  rounds.sort((a, b) => a - b);
  results.push(rounds[2]);
  console.log(`${name}: ${rounds[2].toFixed(1)} ns/op`);
}
const geo = Math.exp(results.reduce((a, x) => a + Math.log(x), 0) / results.length);
if (sink === 0.5) console.log(sink);
console.log(`node_buffer: ${geo.toFixed(1)} ns/op`);
