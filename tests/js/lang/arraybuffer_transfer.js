// node: skip
// ES2024 ArrayBuffer.prototype.transfer / transferToFixedLength / detached (node 20 lacks
// them; .out checked against deno and bun).
const bytes = (b) => Array.from(new Uint8Array(b)).join(",");
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.constructor.name;
  }
};

// The shape of built-ins.
const AB = ArrayBuffer.prototype;
for (const k of ["transfer", "transferToFixedLength"]) {
  const d = Object.getOwnPropertyDescriptor(AB, k);
  console.log(k, typeof d.value, d.value.name, d.value.length, d.writable, d.enumerable, d.configurable,
    Object.hasOwn(d.value, "prototype"), err(() => new d.value()));
}
const dd = Object.getOwnPropertyDescriptor(AB, "detached");
console.log("detached", typeof dd.get, dd.get.name, dd.get.length, dd.set, dd.enumerable, dd.configurable);
console.log(Object.keys(AB).length, Reflect.ownKeys(AB).includes("transfer"));

// Same length: the contents move, the source is detached, views of it see nothing.
const a = new ArrayBuffer(8);
const va = new Uint8Array(a);
va.set([1, 2, 3, 4, 5, 6, 7, 8]);
const b = a.transfer();
console.log(a.detached, a.byteLength, va.length, b.detached, b.byteLength, bytes(b));
// Larger: copied, zero-filled tail; smaller: truncated; zero.
const c = b.transfer(12);
console.log(b.detached, bytes(c));
const d = c.transferToFixedLength(3);
console.log(bytes(d), d.transfer(0).byteLength, d.detached);
console.log(new ArrayBuffer(0).transfer().byteLength, new ArrayBuffer(4).transfer(undefined).byteLength);
// newLength through ToIndex: strings, fractions, NaN, objects.
console.log(new ArrayBuffer(2).transfer("5").byteLength, new ArrayBuffer(2).transfer(3.9).byteLength,
  new ArrayBuffer(2).transfer(NaN).byteLength, new ArrayBuffer(2).transfer({ valueOf: () => 1 }).byteLength);
// A large buffer moves whole (same length: the backing store itself, no copy).
const big = new ArrayBuffer(64 * 1024 * 1024);
new Uint8Array(big)[big.byteLength - 1] = 7;
const moved = big.transfer();
console.log(moved.byteLength, new Uint8Array(moved)[moved.byteLength - 1], big.byteLength);

// Errors: RangeError for lengths out of range, TypeError for a wrong or detached this.
console.log(err(() => new ArrayBuffer(1).transfer(-1)), err(() => new ArrayBuffer(1).transfer(2 ** 53)),
  err(() => new ArrayBuffer(1).transferToFixedLength(Infinity)));
console.log(err(() => a.transfer()), err(() => a.transferToFixedLength()), a.detached);
console.log(err(() => AB.transfer.call(new SharedArrayBuffer(1))), err(() => AB.transfer.call({})),
  err(() => AB.transfer.call(new Uint8Array(1))), err(() => AB.transferToFixedLength.call(1)));
console.log(err(() => dd.get.call({})), err(() => dd.get.call(new SharedArrayBuffer(1))), err(() => AB.detached));
// Converting newLength may detach the buffer: checked after the conversion (TypeError).
const e = new ArrayBuffer(4);
console.log(err(() => e.transfer({ valueOf() { structuredClone(e, { transfer: [e] }); return 2; } })));
// A symbol cannot become a number (TypeError), before the buffer is touched.
const f = new ArrayBuffer(4);
console.log(err(() => f.transfer(Symbol())), f.detached);
// Wasm memory cannot be detached.
console.log(err(() => new WebAssembly.Memory({ initial: 1 }).buffer.transfer()));
// A detached buffer still structured-clones to an error; a transferred one clones fine.
console.log(err(() => structuredClone(a)), structuredClone(moved.transfer(2)).byteLength);
// Large contents (1 MiB up) move as whole pages, the rest is copied: every byte kept, the
// new tail zero, at unaligned lengths both ways.
const MiB = 2 ** 20;
for (const [n, m] of [[4 * MiB + 5, 8 * MiB + 3], [8 * MiB + 3, 2 * MiB + 7], [3 * MiB, 3 * MiB + 1], [2 * MiB, 2 * MiB - 1]]) {
  const u = new Uint8Array(n);
  for (let i = 0; i < n; i += 997) u[i] = (i * 7) & 255;
  u[n - 1] = 9;
  const ref = u.slice();
  const g = new Uint8Array(u.buffer.transfer(m));
  let same = true;
  for (let i = 0; i < Math.min(n, m); i++) if (g[i] !== ref[i]) same = false;
  for (let i = Math.min(n, m); i < m; i++) if (g[i] !== 0) same = false;
  console.log(n, m, same, u.length, g.length);
}
// An operation in flight keeps the bytes it was given.
const held = new Uint8Array(4 * MiB).fill(1);
const pending = crypto.subtle.digest("SHA-256", held);
held.buffer.transfer(5 * MiB);
Promise.all([pending, crypto.subtle.digest("SHA-256", new Uint8Array(4 * MiB).fill(1))]).then(([x, y]) =>
  console.log("digest of a transferred buffer's bytes:", new Uint8Array(x).join() === new Uint8Array(y).join()));
