// timeout: 5000
// 1 GiB typed arrays. Memory from the OS is zeroed lazily, so eight of them in a row take
// milliseconds (zeroing up front took ~1.7 s each); they read as zero, writes stick, a
// structuredClone transfer moves the memory, and (where ArrayBuffer.prototype.transfer
// exists) resizing keeps the contents and zeroes the new part.
const GiB = 2 ** 30;
const MiB = 2 ** 20;

function zeroAt(u, offsets) {
  return offsets.every((o) => u[o] === 0);
}
const samples = [];
for (let o = 0; o < GiB; o += 64 * MiB + 4097) samples.push(o);
samples.push(GiB - 1);

let allZero = true;
let writes = 0;
for (let i = 0; i < 8; i++) {
  const u = new Uint8Array(GiB);
  allZero = allZero && zeroAt(u, samples);
  const at = (i * 123457) % GiB;
  u[at] = i + 1;
  u[GiB - 1] = 255;
  if (u[at] === i + 1 && u[GiB - 1] === 255 && u[at + 1] === 0) writes++;
}
console.log("fresh buffers read zero:", allZero, "writes:", writes);

const big = new Uint8Array(GiB);
big[0] = 1;
big[GiB / 2] = 2;
big[GiB - 1] = 3;
const moved = new Uint8Array(structuredClone(big.buffer, { transfer: [big.buffer] }));
console.log("transferred:", big.byteLength, moved.byteLength, moved[0], moved[GiB / 2], moved[GiB - 1], moved[1]);

let resized = "skipped";
if (typeof ArrayBuffer.prototype.transfer === "function") {
  const grown = new Uint8Array(moved.buffer.transfer(GiB + 3 * MiB));
  const grownOk = grown[0] === 1 && grown[GiB - 1] === 3 && zeroAt(grown, [GiB, GiB + MiB, GiB + 3 * MiB - 1]);
  const shrunk = new Uint8Array(grown.buffer.transfer(MiB)); // detaches grown
  const ok = grownOk && grown.length === 0 && shrunk.length === MiB && shrunk[0] === 1 && shrunk[1] === 0;
  resized = ok ? "ok" : "wrong";
}
console.log("resize via transfer:", resized === "wrong" ? "wrong" : "ok or unsupported");
