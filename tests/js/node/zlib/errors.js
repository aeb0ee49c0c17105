// node:zlib's errors as Node's: corrupt and truncated input (code, errno, message), missing or
// wrong dictionaries, bad options and inputs (ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE,
// ERR_BROTLI_INVALID_PARAM), maxOutputLength (ERR_BUFFER_TOO_LARGE) against a "zip bomb".
const zlib = require("zlib");

function attempt(label, f) {
  try {
    const r = f();
    console.log(label, "ok", Buffer.isBuffer(r) ? r.length : r);
  } catch (e) {
    console.log(label, e.name, e.code, e.errno, JSON.stringify(e.message));
  }
}

const gz = zlib.gzipSync("hello world"), df = zlib.deflateSync("hello world");
const raw = zlib.deflateRawSync("hello world"), br = zlib.brotliCompressSync("hello world");
attempt("inflate text", () => zlib.inflateSync(Buffer.from("hello there world")));
attempt("gunzip text", () => zlib.gunzipSync(Buffer.from("hello there world")));
attempt("unzip text", () => zlib.unzipSync(Buffer.from("hello there world")));
attempt("inflateRaw ff", () => zlib.inflateRawSync(Buffer.from([0xff, 0xff, 0xff, 0xff])));
attempt("gunzip bad crc", () => { const b = Buffer.from(gz); b[b.length - 6] ^= 1; return zlib.gunzipSync(b); });
attempt("inflate bad adler", () => { const b = Buffer.from(df); b[b.length - 1] ^= 1; return zlib.inflateSync(b); });
attempt("gunzip truncated", () => zlib.gunzipSync(gz.subarray(0, 10)));
attempt("inflate truncated", () => zlib.inflateSync(df.subarray(0, 5)));
attempt("inflateRaw truncated", () => zlib.inflateRawSync(raw.subarray(0, 4)));
attempt("brotli truncated", () => zlib.brotliDecompressSync(br.subarray(0, 5)));
attempt("brotli corrupt", () => zlib.brotliDecompressSync(Buffer.from("hello there world")));
attempt("inflate empty", () => zlib.inflateSync(Buffer.alloc(0)));
attempt("gunzip empty", () => zlib.gunzipSync(""));
attempt("brotli empty", () => zlib.brotliDecompressSync(Buffer.alloc(0)));
attempt("gzip then junk", () => zlib.gunzipSync(Buffer.concat([gz, Buffer.from("junk")])));
attempt("gzip then gzip-like junk", () => zlib.gunzipSync(Buffer.concat([gz, Buffer.from([0x1f, 0x8b, 0xff, 0xff])])));

// Dictionaries.
const withDict = zlib.deflateSync("hello", { dictionary: Buffer.from("hello") });
attempt("dict missing", () => zlib.inflateSync(withDict));
attempt("dict wrong", () => zlib.inflateSync(withDict, { dictionary: Buffer.from("nope") }));
attempt("dict right", () => zlib.inflateSync(withDict, { dictionary: Buffer.from("hello") }).toString());
attempt("dict type", () => zlib.deflateSync("x", { dictionary: "str" }));

// Options.
attempt("level 10", () => zlib.deflateSync("x", { level: 10 }));
attempt("level -2", () => zlib.deflateSync("x", { level: -2 }));
attempt("level string", () => zlib.deflateSync("x", { level: "1" }));
attempt("level Infinity", () => zlib.deflateSync("x", { level: Infinity }));
attempt("level NaN (default)", () => zlib.inflateSync(zlib.deflateSync("x", { level: NaN })).toString());
attempt("windowBits 7", () => zlib.deflateSync("x", { windowBits: 7 }));
attempt("windowBits 16", () => zlib.inflateSync(df, { windowBits: 16 }));
attempt("gzip windowBits 8", () => zlib.gzipSync("x", { windowBits: 8 }));
attempt("inflate windowBits 0", () => zlib.inflateSync(df, { windowBits: 0 }).toString());
attempt("memLevel 0", () => zlib.deflateSync("x", { memLevel: 0 }));
attempt("memLevel 10", () => zlib.deflateSync("x", { memLevel: 10 }));
attempt("strategy 5", () => zlib.deflateSync("x", { strategy: 5 }));
attempt("chunkSize 10", () => zlib.deflateSync("x", { chunkSize: 10 }));
attempt("flush 6", () => zlib.deflateSync("x", { flush: 6 }));
attempt("finishFlush -1", () => zlib.deflateSync("x", { finishFlush: -1 }));
attempt("maxOutputLength 0", () => zlib.inflateSync(df, { maxOutputLength: 0 }));
attempt("maxOutputLength 2**33", () => zlib.inflateSync(df, { maxOutputLength: 2 ** 33 }));
attempt("maxOutputLength string", () => zlib.inflateSync(df, { maxOutputLength: "5" }));
attempt("options not an object (ignored)", () => zlib.inflateSync(df, 5).toString());
attempt("brotli param key", () => zlib.brotliCompressSync("x", { params: { 12345: 1 } }));
attempt("brotli param name", () => zlib.brotliCompressSync("x", { params: { quality: 1 } }));
attempt("brotli param value", () => zlib.brotliCompressSync("x", { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: "4" } }));
attempt("brotli quality 99 (clamped)", () => zlib.brotliDecompressSync(zlib.brotliCompressSync("x", { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 99 } })).toString());
attempt("brotli bool param", () => zlib.brotliDecompressSync(zlib.brotliCompressSync("xy", { params: { [zlib.constants.BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING]: true } })).toString());

// Inputs.
attempt("input number", () => zlib.deflateSync(5));
attempt("input null", () => zlib.deflateSync(null));
attempt("input object", () => zlib.gzipSync({}));
attempt("input undefined", () => zlib.brotliCompressSync());

// maxOutputLength: a small zip bomb (100 MB of zeros, ~100 KB compressed) stops early.
const bomb = zlib.deflateSync(Buffer.alloc(100 * 1024 * 1024));
console.log("bomb", bomb.length < 200 * 1024);
attempt("bomb 1 MB", () => zlib.inflateSync(bomb, { maxOutputLength: 1024 * 1024 }));
attempt("bomb exact", () => zlib.inflateSync(zlib.deflateSync(Buffer.alloc(5000)), { maxOutputLength: 5000 }));
attempt("bomb exact - 1", () => zlib.inflateSync(zlib.deflateSync(Buffer.alloc(5000)), { maxOutputLength: 4999 }));
const brBomb = zlib.brotliCompressSync(Buffer.alloc(50 * 1024 * 1024));
attempt("brotli bomb", () => zlib.brotliDecompressSync(brBomb, { maxOutputLength: 100000 }));
attempt("gunzip bomb", () => zlib.gunzipSync(zlib.gzipSync(Buffer.alloc(1 << 20)), { maxOutputLength: 1 }));

// crc32's arguments.
attempt("crc32 number", () => zlib.crc32(5));
attempt("crc32 value -1", () => zlib.crc32("x", -1));
attempt("crc32 value 2**32", () => zlib.crc32("x", 2 ** 32));
attempt("crc32 value string", () => zlib.crc32("x", "1"));
attempt("crc32 value max", () => zlib.crc32("x", 2 ** 32 - 1));
