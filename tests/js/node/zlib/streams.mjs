// node:zlib's callback, promisified and stream forms: round trips of every format, inputs large
// enough for the worker pool, pipeline, flush(), params(), reset(), bytesWritten, errors
// reaching callbacks and streams, maxOutputLength in the callback form.
import zlib from "node:zlib";
import { promisify } from "node:util";
import { pipeline, Readable, Writable } from "node:stream";
import { pipeline as pipelineP } from "node:stream/promises";
import { Buffer } from "node:buffer";

const text = "stream me ".repeat(1000);
const big = Buffer.alloc(600 * 1024);
for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 10)) & 0xff;

const forms = [
  ["gzip", "gunzip", "Gzip", "Gunzip"],
  ["deflate", "inflate", "Deflate", "Inflate"],
  ["deflateRaw", "inflateRaw", "DeflateRaw", "InflateRaw"],
  ["brotliCompress", "brotliDecompress", "BrotliCompress", "BrotliDecompress"],
  ["gzip", "unzip", "Gzip", "Unzip"],
];

// Callbacks (called later, not during the call).
for (const [c, d] of forms) {
  await new Promise((resolve) => {
    let later = false;
    zlib[c](text, (err, packed) => {
      console.log("callback", c, err, later, Buffer.isBuffer(packed));
      zlib[d](packed, {}, (err2, back) => {
        console.log("callback", d, err2, back.toString() === text);
        resolve();
      });
    });
    later = true;
  });
}

// Promisified, with an input for the worker pool.
for (const [c, d] of forms) {
  const packed = await promisify(zlib[c])(big);
  const back = await promisify(zlib[d])(packed);
  console.log("promisify", c, d, back.equals(big));
}
console.log("info", Object.keys(await promisify(zlib.deflate)("x", { info: true })).join());

// Errors and maxOutputLength through callbacks.
await new Promise((resolve) => zlib.inflate(Buffer.from("not zlib data"), (err, res) => {
  console.log("callback error", err.name, err.code, err.errno, err.message, res);
  resolve();
}));
await new Promise((resolve) => zlib.gunzip(zlib.gzipSync(text).subarray(0, 20), (err) => {
  console.log("callback truncated", err.code, err.errno, err.message);
  resolve();
}));
await new Promise((resolve) => zlib.inflate(zlib.deflateSync(big), { maxOutputLength: 1024 }, (err) => {
  console.log("callback max", err.name, err.code, err.message);
  resolve();
}));
try {
  zlib.deflate("x", {});
} catch (err) {
  console.log("no callback", err.code, err.message);
}
await promisify(zlib.brotliDecompress)(Buffer.from("definitely not brotli")).catch((err) =>
  console.log("promise error", err.code, err.errno, err.message));

// Streams through pipeline: several writes, a pool-sized one among them.
async function collect(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}
for (const [, , C, D] of forms) {
  const comp = new zlib[C]();
  const decomp = zlib[`create${D}`]();
  const parts = [Buffer.from("first "), big, Buffer.from(" last")];
  const out = [];
  await pipelineP(Readable.from(parts), comp, decomp, new Writable({
    write(chunk, enc, cb) { out.push(chunk); cb(); },
  }));
  const back = Buffer.concat(out);
  console.log("pipeline", C, D, back.equals(Buffer.concat(parts)), comp.bytesWritten, decomp.bytesWritten > 0,
    comp instanceof zlib[C]);
}

// pipeline with a callback, and an error in the middle.
await new Promise((resolve) => {
  pipeline(Readable.from([Buffer.from("garbage, not gzip")]), zlib.createGunzip(), new Writable({
    write(chunk, enc, cb) { cb(); },
  }), (err) => {
    console.log("pipeline error", err.code, err.errno, err.message);
    resolve();
  });
});
// A stream's 'error' event.
await new Promise((resolve) => {
  const s = zlib.createInflateRaw();
  s.on("error", (err) => { console.log("stream error", err.code, err.message, s.destroyed); resolve(); });
  s.on("data", () => {});
  s.end(Buffer.from([0xff, 0xff, 0xff]));
});

// flush(): what was written comes out before the end (decompressible so far).
{
  const gz = zlib.createGzip();
  const inflater = zlib.createGunzip();
  const got = [];
  inflater.on("data", (c) => got.push(c));
  gz.on("data", (c) => inflater.write(c));
  gz.write("part one;");
  await new Promise((resolve) => gz.flush(resolve));
  await new Promise((resolve) => setTimeout(resolve, 20));
  console.log("flush", Buffer.concat(got).toString());
  gz.write("part two");
  gz.end();
  await new Promise((resolve) => gz.on("end", resolve));
  inflater.end();
  await new Promise((resolve) => inflater.on("end", resolve));
  console.log("after end", Buffer.concat(got).toString(), gz.bytesWritten);
}

// params(): level and strategy changed midway; the whole stream decompresses.
{
  const d = zlib.createDeflate({ level: 1 });
  const done = collect(d);
  d.write(big.subarray(0, 1000));
  await new Promise((resolve) => d.params(9, zlib.constants.Z_FILTERED, resolve));
  d.write(big.subarray(1000, 5000));
  await new Promise((resolve) => d.params(0, zlib.constants.Z_DEFAULT_STRATEGY, resolve));
  d.end(big.subarray(5000, 9000));
  const packed = await done;
  console.log("params", zlib.inflateSync(packed).equals(big.subarray(0, 9000)));
  try {
    d.params(12, 0, () => {});
  } catch (err) {
    console.log("params range", err.code, err.message);
  }
}

// reset(): a fresh stream state.
{
  const d = zlib.createDeflateRaw();
  d.write("abandoned");
  d.reset();
  d.end("kept");
  console.log("reset", zlib.inflateRawSync(await collect(d)).toString());
}

// close() with a callback.
{
  const d = zlib.createGzip();
  await new Promise((resolve) => d.close(() => { console.log("closed", d.destroyed); resolve(); }));
}
