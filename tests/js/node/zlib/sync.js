// node:zlib's sync forms: round trips of every format and input type, fixtures node
// compressed (so mrt's zlib/brotli read node's bytes), options (level, windowBits, memLevel,
// strategy, dictionary, info, finishFlush, brotli params), unzip's detection, gzip members,
// the module's shape and constants. Compressed bytes differ between zlib builds: only
// decompressed results and sane lengths are printed.
const zlib = require("zlib");
const { Buffer } = require("buffer");

console.log(Object.keys(zlib).join(" "));
console.log(require("node:zlib") === zlib, Object.keys(zlib.constants).length);
console.log(zlib.Z_NO_FLUSH, zlib.Z_BEST_COMPRESSION, zlib.Z_DATA_ERROR, zlib.GUNZIP,
  zlib.BROTLI_PARAM_QUALITY, Object.keys(zlib).includes("Z_FINISH"));
console.log(zlib.constants.BROTLI_PARAM_QUALITY, zlib.constants.BROTLI_DECODER_ERROR_UNREACHABLE,
  zlib.constants.Z_MAX_CHUNK, Object.getPrototypeOf(zlib.constants));
console.log(zlib.codes.Z_DATA_ERROR, zlib.codes[-3], Object.isFrozen(zlib.codes));

const text = "hello hello hello zlib ".repeat(20);
const pairs = [
  ["gzip", zlib.gzipSync, zlib.gunzipSync],
  ["deflate", zlib.deflateSync, zlib.inflateSync],
  ["deflateRaw", zlib.deflateRawSync, zlib.inflateRawSync],
  ["brotli", zlib.brotliCompressSync, zlib.brotliDecompressSync],
  ["gzip/unzip", zlib.gzipSync, zlib.unzipSync],
  ["deflate/unzip", zlib.deflateSync, zlib.unzipSync],
];
for (const [name, c, d] of pairs) {
  const packed = c(text);
  const back = d(packed);
  console.log(name, Buffer.isBuffer(packed), packed.length < text.length, Buffer.isBuffer(back),
    back.toString() === text);
}

// Inputs: string, Buffer, TypedArray (not bytes), DataView, ArrayBuffer.
const u16 = new Uint16Array([1, 2, 3, 65535]);
const inputs = {
  string: "abc",
  buffer: Buffer.from("abc"),
  uint16: u16,
  dataview: new DataView(u16.buffer, 2, 4),
  arraybuffer: u16.buffer,
};
for (const [name, input] of Object.entries(inputs)) {
  const back = zlib.inflateSync(zlib.deflateSync(input));
  console.log(name, back.toString("hex"));
}
console.log("empty", zlib.gunzipSync(zlib.gzipSync("")).length,
  zlib.brotliDecompressSync(zlib.brotliCompressSync(Buffer.alloc(0))).length);

// Node's output, read here.
const fixtures = {
  gzip: Buffer.from("H4sIAAAAAAAAA8tIzcnJV8hAIqtyMpNQBEaFh4gwAPixqCjMAQAA", "base64"),
  deflate: Buffer.from("78dacb48cdc9c957c84022ab7232935004468587883000fe87a885", "hex"),
  raw: Buffer.from("y0jNyclXyEAiq3Iyk1AERoWHiDAA", "base64"),
  brotli: Buffer.from("G8sB+AWcY6masyAoDN5f8bBWB5iABk6+PbMC", "base64"),
};
console.log("fixture gzip", zlib.gunzipSync(fixtures.gzip).toString() === text);
console.log("fixture deflate", zlib.inflateSync(fixtures.deflate).toString() === text);
console.log("fixture raw", zlib.inflateRawSync(fixtures.raw).toString() === text);
console.log("fixture brotli", zlib.brotliDecompressSync(fixtures.brotli).toString() === text);
console.log("fixture unzip", zlib.unzipSync(fixtures.gzip).length, zlib.unzipSync(fixtures.deflate).length);
// Two gzip members (node's), then trailing zero bytes: one output; unzip too.
const members = Buffer.from("1f8b08000000000000034b4c4a0600c2412435030000001f8b08000000000000034b494d030061e1c40c03000000", "hex");
console.log("members", zlib.gunzipSync(members).toString(), zlib.unzipSync(members).toString(),
  zlib.gunzipSync(Buffer.concat([members, Buffer.alloc(8)])).toString());
// Data past the end of a deflate or brotli stream is ignored.
console.log("trailing", zlib.inflateSync(Buffer.concat([fixtures.deflate, Buffer.from("junk")])).length,
  zlib.brotliDecompressSync(Buffer.concat([fixtures.brotli, Buffer.from("junk")])).length);
// A dictionary (node's fixture, then a round trip per format).
const dictFixture = Buffer.from("78bb2ee905d32bc948552844150200478e0734", "hex");
const dictionary = Buffer.from("quick brown fox");
console.log("dict fixture", zlib.inflateSync(dictFixture, { dictionary }).toString());
for (const [c, d] of [[zlib.deflateSync, zlib.inflateSync], [zlib.deflateRawSync, zlib.inflateRawSync]]) {
  const packed = c("the quick brown fox jumps", { dictionary: dictionary.buffer.slice(dictionary.byteOffset, dictionary.byteOffset + dictionary.length) });
  console.log("dict", d(packed, { dictionary: new Uint8Array(dictionary) }).toString());
}

// Levels, windowBits, memLevel, strategy: all decompress to the input; level 0 stores.
const big = Buffer.from("abcdefghij".repeat(5000));
const sizes = [];
for (const level of [-1, 0, 1, 5, 9]) {
  const packed = zlib.deflateSync(big, { level });
  sizes.push(packed.length);
  console.log("level", level, zlib.inflateSync(packed).equals(big));
}
console.log("level 0 stores:", sizes[1] > big.length, "level 9 < level 0:", sizes[4] < sizes[1]);
for (const windowBits of [8, 9, 12, 15]) {
  for (const [c, d] of [[zlib.deflateSync, zlib.inflateSync], [zlib.deflateRawSync, zlib.inflateRawSync]]) {
    const packed = c(big, { windowBits });
    console.log("windowBits", windowBits, d(packed, { windowBits: windowBits === 8 ? 9 : windowBits }).equals(big));
  }
}
console.log("gzip windowBits 9", zlib.gunzipSync(zlib.gzipSync(big, { windowBits: 9 })).equals(big));
for (const memLevel of [1, 9]) console.log("memLevel", memLevel, zlib.inflateSync(zlib.deflateSync(big, { memLevel })).equals(big));
for (const strategy of [0, 1, 2, 3, 4]) console.log("strategy", strategy, zlib.inflateSync(zlib.deflateSync(big, { strategy })).equals(big));
console.log("chunkSize", zlib.inflateSync(zlib.deflateSync(big, { chunkSize: 64 }), { chunkSize: 1024 }).equals(big));

// info: { buffer, engine }.
const info = zlib.gzipSync("abc", { info: true });
console.log("info", Object.keys(info).join(), info.engine instanceof zlib.Gzip, info.engine.constructor.name,
  zlib.gunzipSync(info.buffer).toString(), info.engine.bytesWritten);

// finishFlush: Z_SYNC_FLUSH reads a truncated stream as far as it goes.
const cut = zlib.deflateSync(big).subarray(0, 60);
const partial = zlib.inflateSync(cut, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
console.log("partial", partial.length > 0, big.subarray(0, partial.length).equals(partial));

// Brotli parameters.
const { constants: K } = zlib;
for (const params of [{ [K.BROTLI_PARAM_QUALITY]: 1 }, { [K.BROTLI_PARAM_QUALITY]: 11, [K.BROTLI_PARAM_MODE]: K.BROTLI_MODE_TEXT },
  { [K.BROTLI_PARAM_LGWIN]: 10, [K.BROTLI_PARAM_SIZE_HINT]: big.length }]) {
  const packed = zlib.brotliCompressSync(big, { params });
  console.log("brotli params", Object.keys(params).join(), zlib.brotliDecompressSync(packed).equals(big));
}
console.log("brotli q0 >= q11:", zlib.brotliCompressSync(big, { params: { [K.BROTLI_PARAM_QUALITY]: 0 } }).length >=
  zlib.brotliCompressSync(big).length);

// crc32 (Node 20.15).
console.log("crc32", zlib.crc32("hello"), zlib.crc32(Buffer.from("hello")), zlib.crc32("world", zlib.crc32("hello ")),
  zlib.crc32("hello world"), zlib.crc32(new Uint8Array(0)), zlib.crc32(new DataView(new ArrayBuffer(4))));
