// 2e4 readFile of a 4 KiB file, 64 in flight. Portable: mrt, node, deno, bun.
// Host API: mrt.* or Deno.* (readFile/writeFile, Deno-like) where present, else node:fs/promises.
const now = () => globalThis.performance.now();
const H = globalThis.mrt ?? globalThis.Deno;
const fs = H ? null : await import("node:fs/promises");
const readFile = H ? (p) => H.readFile(p) : fs.readFile;
const writeFile = H ? (p, d) => H.writeFile(p, d) : fs.writeFile;

// The 4 KiB file lives in a fresh temp dir (removed at the end) where the host can make one.
let dir = null, FILE;
if (fs) {
  const { tmpdir } = await import("node:os");
  dir = await fs.mkdtemp(tmpdir() + "/mrt-bench-fsread-");
} else if (typeof H.makeTempDir === "function") {
  dir = await H.makeTempDir({ prefix: "mrt-bench-fsread-" });
}
FILE = dir ? dir + "/4k.bin"
  : (globalThis.mrt?.env?.TMPDIR ?? "/tmp") + "/mrt-bench-fsread-" + Math.random().toString(36).slice(2) + ".bin";

const N = 2e4, INFLIGHT = 64;
await writeFile(FILE, new Uint8Array(4096).fill(7));
const t0 = now();
let issued = 0, bytes = 0;
async function worker() {
  while (issued < N) { issued++; const b = await readFile(FILE); bytes += b.length; }
}
await Promise.all(Array.from({ length: INFLIGHT }, worker));
const ms = now() - t0;

if (fs) await fs.rm(dir, { recursive: true, force: true });
else if (typeof H.remove === "function") await H.remove(dir ?? FILE, { recursive: true });
if (bytes !== N * 4096) throw new Error("bad bytes " + bytes);
console.log(`fsread: ${(N / ms).toFixed(2)} k/s`);
