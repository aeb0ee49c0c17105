// node:zlib (Node 20's): the sync, callback and stream forms of gzip, deflate, deflate-raw,
// unzip and brotli on the native streams of CompressionStream (core/ext/compression/
// compression.c: Debian's libz and libbrotli, dlopen()ed at the first stream; the ops zNew,
// zPush, zPushAsync, zStatus, zFree, with node:zlib's options, flush modes and error codes).
// Inputs of 256 KiB or more go to the worker pool in the callback and stream forms, as
// CompressionStream's chunks do. Errors are Node's (code, errno, message). Output comes in
// one piece per input chunk rather than in chunkSize pieces (chunkSize is checked, not used).
// crc32 (Node 20.15) is computed here. Not here: the streams' _handle and _processChunk, and
// Brotli streams' params() (Node has none either).
(function (P) {
  "use strict";
  const E = P.loadBuiltin("core/ext/node/internal/errors.js");
  const { Buffer } = P.nodeRequire("buffer");
  const { Transform } = P.nodeRequire("stream");
  const ops = P.ops;
  const kMaxLength = 2 ** 32;
  const POOL_BYTES = 256 * 1024; // as compression_impl.js
  const OUT_PIECE = 16 << 20; // the native side's largest piece (OUT_MAX)

  const constants = {
    __proto__: null,
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
    Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
    Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
    Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
    ZLIB_VERNUM: 4880,
    DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
    BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
    Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
    Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
    Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
    Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
    BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
    BROTLI_OPERATION_EMIT_METADATA: 3,
    BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2,
    BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0,
    BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2,
    BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30,
    BROTLI_DEFAULT_WINDOW: 22, BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16,
    BROTLI_MAX_INPUT_BLOCK_BITS: 24, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4,
    BROTLI_PARAM_SIZE_HINT: 5, BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7,
    BROTLI_PARAM_NDIRECT: 8,
    BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1,
    BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3,
    BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0,
    BROTLI_DECODER_PARAM_LARGE_WINDOW: 1,
    BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2,
    BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3,
    BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
    BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
    BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7,
    BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
    BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
    BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
    BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
    BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
    BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
    BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27,
    BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30, BROTLI_DECODER_ERROR_UNREACHABLE: -31,
  };
  const C = constants;
  const codes = { __proto__: null };
  for (const k of ["Z_OK", "Z_STREAM_END", "Z_NEED_DICT", "Z_ERRNO", "Z_STREAM_ERROR",
    "Z_DATA_ERROR", "Z_MEM_ERROR", "Z_BUF_ERROR", "Z_VERSION_ERROR"]) {
    codes[k] = C[k];
    codes[C[k]] = k;
  }
  Object.freeze(codes);
  const kMaxBrotliParam = 8;

  // The native formats (compression.c) of Node's modes: [format, decompress].
  const F_GZIP = 0, F_DEFLATE = 1, F_RAW = 2, F_BROTLI = 3, F_UNZIP = 4;
  const modes = {
    [C.DEFLATE]: [F_DEFLATE, false], [C.INFLATE]: [F_DEFLATE, true],
    [C.GZIP]: [F_GZIP, false], [C.GUNZIP]: [F_GZIP, true],
    [C.DEFLATERAW]: [F_RAW, false], [C.INFLATERAW]: [F_RAW, true], [C.UNZIP]: [F_UNZIP, true],
    [C.BROTLI_ENCODE]: [F_BROTLI, false], [C.BROTLI_DECODE]: [F_BROTLI, true],
  };
  const STATUS_MORE = 1;

  // ---------------------------------------------------------------- options (Node's checks)

  function checkFiniteNumber(number, name) {
    if (number === undefined) return false;
    if (Number.isFinite(number)) return true;
    if (Number.isNaN(number)) return false;
    E.validateNumber(number, name);
    throw E.outOfRange(name, "a finite number", number);
  }
  function checkRangesOrGetDefault(number, name, lower, upper, def) {
    if (!checkFiniteNumber(number, name)) return def;
    if (number < lower || number > upper) {
      throw E.outOfRange(name, `>= ${lower} and <= ${upper}`, number);
    }
    return number;
  }
  // Node's brand check (internal/types.js), as its zlib uses.
  const { isAnyArrayBuffer } = P.loadBuiltin("core/ext/node/internal/types.js");
  const bytesOf = (v) => (v instanceof Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  const asBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

  // A native error (its code from compression.c) as Node's.
  function zlibError(err) {
    const code = err?.code;
    if (typeof code !== "string" || !(code in C || code === "BROTLI_DECODER_ERROR")) return err;
    let message = err.message, errno, c = code;
    if (code === "BROTLI_DECODER_ERROR") {
      // brotli's name of the error: "_ERROR_FORMAT_PADDING_1" (Node's bundled brotli) or
      // "PADDING_1" (Debian's); Node's code is "ERR_" and the former.
      const key = Object.keys(C).find((k) => k.startsWith("BROTLI_DECODER_ERROR_") &&
        (k === `BROTLI_DECODER${message}` || k.endsWith(`_${message}`)));
      errno = key === undefined ? C.Z_DATA_ERROR : C[key];
      c = key === undefined ? "Z_DATA_ERROR" : `ERR_${key.slice(14)}`;
      message = "Decompression failed";
    } else {
      errno = C[code];
      if (code === "Z_BUF_ERROR") message = "unexpected end of file";
    }
    const e = new Error(message);
    e.errno = errno;
    e.code = c;
    return e;
  }
  const tooLarge = (max) =>
    E.nodeError(RangeError, "ERR_BUFFER_TOO_LARGE", `Cannot create a Buffer larger than ${max} bytes`);

  // ---------------------------------------------------------------- the native stream

  const registry = new FinalizationRegistry((handle) => ops.zFree(handle));

  // The native handle of engine (made now or again by reset()).
  function open(engine) {
    const [format, decompress] = modes[engine._mode];
    const o = engine._nativeOptions;
    engine._h = ops.zNew(format, decompress, o, engine._dictionary);
    registry.register(engine, engine._h, engine);
  }
  function close(engine) {
    if (engine._h === 0) return;
    registry.unregister(engine);
    ops.zFree(engine._h);
    engine._h = 0;
  }

  // A flush flag as the native push's (finish, flush).
  function nativeFlush(engine, flag) {
    if (engine._brotli) {
      return [flag === C.BROTLI_OPERATION_FINISH, flag === C.BROTLI_OPERATION_FLUSH ? 1 : 0];
    }
    return [flag === C.Z_FINISH, flag === C.Z_FINISH ? 0 : flag];
  }

  function pushSync(engine, chunk, finish, flush, params) {
    try {
      return params ? ops.zPush(engine._h, chunk, finish, flush, params[0], params[1])
        : ops.zPush(engine._h, chunk, finish, flush);
    } catch (err) {
      throw zlibError(err);
    }
  }
  function pushAsync(engine, chunk, finish, flush, params) {
    const p = params ? ops.zPushAsync(engine._h, chunk, finish, flush, params[0], params[1])
      : ops.zPushAsync(engine._h, chunk, finish, flush);
    return p.catch((err) => { throw zlibError(err); });
  }

  // All the output of chunk with flag, at most max bytes (else ERR_BUFFER_TOO_LARGE).
  function processSync(engine, chunk, flag, max) {
    const [finish, flush] = nativeFlush(engine, flag);
    const pieces = [];
    let total = 0;
    let out = pushSync(engine, chunk, finish, flush);
    for (;;) {
      total += out.byteLength;
      if (total > max) throw tooLarge(max);
      if (out.byteLength > 0) pieces.push(asBuffer(out));
      if (ops.zStatus(engine._h) !== STATUS_MORE) break;
      out = pushSync(engine, undefined, finish, flush);
    }
    engine.bytesWritten += chunk.byteLength;
    return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, total);
  }

  async function processAsync(engine, chunk, flag, max) {
    const [finish, flush] = nativeFlush(engine, flag);
    const pieces = [];
    let total = 0;
    let out = chunk.byteLength >= POOL_BYTES ? await pushAsync(engine, chunk, finish, flush)
      : pushSync(engine, chunk, finish, flush);
    for (;;) {
      total += out.byteLength;
      if (total > max) throw tooLarge(max);
      if (out.byteLength > 0) pieces.push(asBuffer(out));
      if (engine._h === 0 || ops.zStatus(engine._h) !== STATUS_MORE) break;
      out = await pushAsync(engine, undefined, finish, flush);
    }
    engine.bytesWritten += chunk.byteLength;
    return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, total);
  }

  // ---------------------------------------------------------------- the stream classes

  const kFlushFlag = Symbol("kFlushFlag");
  const kParams = Symbol("kParams");

  class ZlibBase extends Transform {
    constructor(opts, mode, nativeOptions, dictionary, flags) {
      let chunkSize = C.Z_DEFAULT_CHUNK, maxOutputLength = kMaxLength;
      let [flush, finishFlush, fullFlush] = flags;
      if (opts) {
        chunkSize = opts.chunkSize;
        if (!checkFiniteNumber(chunkSize, "options.chunkSize")) chunkSize = C.Z_DEFAULT_CHUNK;
        else if (chunkSize < C.Z_MIN_CHUNK) {
          throw E.outOfRange("options.chunkSize", `>= ${C.Z_MIN_CHUNK}`, chunkSize);
        }
        flush = checkRangesOrGetDefault(opts.flush, "options.flush", C.Z_NO_FLUSH, C.Z_BLOCK, flush);
        finishFlush = checkRangesOrGetDefault(opts.finishFlush, "options.finishFlush",
          C.Z_NO_FLUSH, C.Z_BLOCK, finishFlush);
        maxOutputLength = checkRangesOrGetDefault(opts.maxOutputLength, "options.maxOutputLength",
          1, kMaxLength, kMaxLength);
        if (opts.encoding || opts.objectMode || opts.writableObjectMode) {
          opts = { ...opts, encoding: null, objectMode: false, writableObjectMode: false };
        }
      }
      super({ autoDestroy: true, ...opts });
      this.bytesWritten = 0;
      this._mode = mode;
      this._brotli = mode === C.BROTLI_ENCODE || mode === C.BROTLI_DECODE;
      this._chunkSize = chunkSize;
      this._defaultFlushFlag = flush;
      this._finishFlushFlag = finishFlush;
      this._defaultFullFlushFlag = fullFlush;
      this._info = opts && opts.info;
      this._maxOutputLength = maxOutputLength;
      // The native options: node, level, windowBits, memLevel, strategy, piece size, brotli
      // (parameter, value) pairs; the piece is capped near maxOutputLength so that a
      // "zip bomb" stops early.
      nativeOptions[5] = Math.min(OUT_PIECE, maxOutputLength + 1);
      this._nativeOptions = nativeOptions;
      this._dictionary = dictionary;
      this._h = 0;
      open(this);
    }

    _transform(chunk, encoding, cb) {
      let flag = this._defaultFlushFlag;
      if (typeof chunk[kFlushFlag] === "number") flag = chunk[kFlushFlag];
      this._process(chunk, flag, chunk[kParams], cb);
    }
    _flush(cb) {
      this._process(Buffer.alloc(0), this._finishFlushFlag, undefined, cb);
    }
    _process(chunk, flag, params, cb) {
      if (this._h === 0) return cb(E.nodeError(Error, "ERR_ZLIB_BINDING_CLOSED", "zlib binding closed"));
      const [finish, flush] = nativeFlush(this, flag);
      const done = (out) => {
        if (out.byteLength > 0) this.push(asBuffer(out));
        if (this._h !== 0 && ops.zStatus(this._h) === STATUS_MORE) {
          pushAsync(this, undefined, finish, flush).then(done, cb);
          return;
        }
        cb();
      };
      this.bytesWritten += chunk.byteLength;
      if (chunk.byteLength >= POOL_BYTES) {
        pushAsync(this, chunk, finish, flush, params).then(done, cb);
        return;
      }
      let out;
      try {
        out = pushSync(this, chunk, finish, flush, params);
      } catch (err) {
        return cb(err);
      }
      done(out);
    }
    _destroy(err, cb) {
      close(this);
      super._destroy(err, cb);
    }

    flush(kind, callback) {
      if (typeof kind === "function" || (kind === undefined && !callback)) {
        callback = kind;
        kind = this._defaultFullFlushFlag;
      }
      const w = this._writableState;
      if (w.finished) {
        if (callback) queueMicrotask(callback);
      } else if (w.ending) {
        if (callback) this.once("end", callback);
      } else {
        const marker = Buffer.alloc(0);
        marker[kFlushFlag] = kind;
        this.write(marker, "", callback);
      }
    }
    close(callback) {
      if (callback) P.nodeRequire("stream").finished(this, callback);
      this.destroy();
    }
    reset() {
      close(this);
      open(this);
    }
  }

  // Zlib: Node's checks of the zlib options, in its order.
  class Zlib extends ZlibBase {
    constructor(opts, mode) {
      let windowBits = C.Z_DEFAULT_WINDOWBITS, level = C.Z_DEFAULT_COMPRESSION;
      let memLevel = C.Z_DEFAULT_MEMLEVEL, strategy = C.Z_DEFAULT_STRATEGY, dictionary;
      if (opts) {
        if ((opts.windowBits == null || opts.windowBits === 0) &&
            (mode === C.INFLATE || mode === C.GUNZIP || mode === C.UNZIP)) {
          windowBits = 0;
        } else {
          windowBits = checkRangesOrGetDefault(opts.windowBits, "options.windowBits",
            C.Z_MIN_WINDOWBITS + (mode === C.GZIP ? 1 : 0), C.Z_MAX_WINDOWBITS, C.Z_DEFAULT_WINDOWBITS);
        }
        level = checkRangesOrGetDefault(opts.level, "options.level", C.Z_MIN_LEVEL, C.Z_MAX_LEVEL,
          C.Z_DEFAULT_COMPRESSION);
        memLevel = checkRangesOrGetDefault(opts.memLevel, "options.memLevel", C.Z_MIN_MEMLEVEL,
          C.Z_MAX_MEMLEVEL, C.Z_DEFAULT_MEMLEVEL);
        strategy = checkRangesOrGetDefault(opts.strategy, "options.strategy", C.Z_DEFAULT_STRATEGY,
          C.Z_FIXED, C.Z_DEFAULT_STRATEGY);
        dictionary = opts.dictionary;
        if (dictionary !== undefined && !ArrayBuffer.isView(dictionary)) {
          if (isAnyArrayBuffer(dictionary)) dictionary = Buffer.from(dictionary);
          else {
            throw E.invalidArgType("options.dictionary",
              ["Buffer", "TypedArray", "DataView", "ArrayBuffer"], dictionary);
          }
        }
      }
      // zlib has no raw deflate with a window of 8 bits (Node asks for 9).
      if (mode === C.DEFLATERAW && windowBits === 8) windowBits = 9;
      const native = new Int32Array([1, level, windowBits, memLevel, strategy, 0]);
      super(opts, mode, native, dictionary && bytesOf(dictionary),
        [C.Z_NO_FLUSH, C.Z_FINISH, C.Z_FULL_FLUSH]);
      this._level = level;
      this._strategy = strategy;
    }
    params(level, strategy, callback) {
      checkRangesOrGetDefault(level, "level", C.Z_MIN_LEVEL, C.Z_MAX_LEVEL);
      checkRangesOrGetDefault(strategy, "strategy", C.Z_DEFAULT_STRATEGY, C.Z_FIXED);
      if (this._level === level && this._strategy === strategy) {
        if (callback) queueMicrotask(callback);
        return;
      }
      const marker = Buffer.alloc(0);
      marker[kFlushFlag] = C.Z_SYNC_FLUSH;
      // Compression only: deflateParams after the flush (compression.c).
      if (this._mode === C.DEFLATE || this._mode === C.GZIP || this._mode === C.DEFLATERAW) {
        marker[kParams] = [level, strategy];
      }
      this.write(marker, "", () => {
        this._level = level;
        this._strategy = strategy;
        if (callback) callback();
      });
    }
  }

  class Brotli extends ZlibBase {
    constructor(opts, mode) {
      const pairs = [];
      const seen = new Set();
      if (opts?.params) {
        for (const origKey of Object.keys(opts.params)) {
          const key = +origKey;
          if (Number.isNaN(key) || key < 0 || key > kMaxBrotliParam || seen.has(key)) {
            throw E.nodeError(RangeError, "ERR_BROTLI_INVALID_PARAM",
              `${origKey} is not a valid Brotli parameter`);
          }
          const value = opts.params[origKey];
          if (typeof value !== "number" && typeof value !== "boolean") {
            throw E.invalidArgType("options.params[key]", "number", value);
          }
          seen.add(key);
          pairs.push(key, value | 0);
        }
      }
      const native = new Int32Array([1, 0, 0, 0, 0, 0, ...pairs]);
      super(opts, mode, native, undefined,
        [C.BROTLI_OPERATION_PROCESS, C.BROTLI_OPERATION_FINISH, C.BROTLI_OPERATION_FLUSH]);
    }
  }

  function makeClass(name, Base, mode) {
    const cls = { [name]: class extends Base { constructor(opts) { super(opts, mode); } } }[name];
    return cls;
  }
  const Deflate = makeClass("Deflate", Zlib, C.DEFLATE);
  const Inflate = makeClass("Inflate", Zlib, C.INFLATE);
  const Gzip = makeClass("Gzip", Zlib, C.GZIP);
  const Gunzip = makeClass("Gunzip", Zlib, C.GUNZIP);
  const DeflateRaw = makeClass("DeflateRaw", Zlib, C.DEFLATERAW);
  const InflateRaw = makeClass("InflateRaw", Zlib, C.INFLATERAW);
  const Unzip = makeClass("Unzip", Zlib, C.UNZIP);
  const BrotliCompress = makeClass("BrotliCompress", Brotli, C.BROTLI_ENCODE);
  const BrotliDecompress = makeClass("BrotliDecompress", Brotli, C.BROTLI_DECODE);

  // ---------------------------------------------------------------- buffer forms

  // The sync forms name the argument "buffer"; the callback forms, which write it to the
  // stream in Node, "chunk" (and say nothing of ArrayBuffer, which they take too).
  function inputBytes(buffer, name = "buffer") {
    if (typeof buffer === "string") return Buffer.from(buffer);
    if (ArrayBuffer.isView(buffer)) return bytesOf(buffer);
    if (isAnyArrayBuffer(buffer)) return Buffer.from(buffer);
    throw E.invalidArgType(name, name === "buffer"
      ? ["string", "Buffer", "TypedArray", "DataView", "ArrayBuffer"]
      : ["string", "Buffer", "TypedArray", "DataView"], buffer);
  }

  function zlibBufferSync(engine, buffer) {
    const input = inputBytes(buffer);
    let out;
    try {
      out = processSync(engine, input, engine._finishFlushFlag, engine._maxOutputLength);
    } finally {
      close(engine);
    }
    return engine._info ? { buffer: out, engine } : out;
  }

  function zlibBuffer(engine, buffer, callback) {
    E.validateFunction(callback, "callback");
    let input;
    try {
      input = inputBytes(buffer, "chunk");
    } catch (err) {
      close(engine);
      throw err;
    }
    processAsync(engine, input, engine._finishFlushFlag, engine._maxOutputLength).then(
      (out) => {
        close(engine);
        queueMicrotask(() => callback(null, engine._info ? { buffer: out, engine } : out));
      },
      (err) => {
        close(engine);
        queueMicrotask(() => callback(err));
      });
  }

  function sync(Cls) {
    return function syncBufferWrapper(buffer, opts) { return zlibBufferSync(new Cls(opts), buffer); };
  }
  function async(Cls) {
    return function asyncBufferWrapper(buffer, opts, callback) {
      if (typeof opts === "function") {
        callback = opts;
        opts = {};
      }
      return zlibBuffer(new Cls(opts), buffer, callback);
    };
  }

  // ---------------------------------------------------------------- crc32

  let crcTable;
  function crc32(data, value = 0) {
    if (typeof data !== "string" && !ArrayBuffer.isView(data)) {
      throw E.invalidArgType("data", ["Buffer", "TypedArray", "DataView", "string"], data);
    }
    E.validateInteger(value, "value", 0, 4294967295);
    if (!crcTable) {
      crcTable = new Int32Array(256);
      for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        crcTable[n] = c;
      }
    }
    const bytes = typeof data === "string" ? Buffer.from(data) : bytesOf(data);
    let c = ~value;
    for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return ~c >>> 0;
  }

  const exports = {
    crc32, Deflate, Inflate, Gzip, Gunzip, DeflateRaw, InflateRaw, Unzip, BrotliCompress,
    BrotliDecompress,
    deflate: async(Deflate), deflateSync: sync(Deflate),
    gzip: async(Gzip), gzipSync: sync(Gzip),
    deflateRaw: async(DeflateRaw), deflateRawSync: sync(DeflateRaw),
    unzip: async(Unzip), unzipSync: sync(Unzip),
    inflate: async(Inflate), inflateSync: sync(Inflate),
    gunzip: async(Gunzip), gunzipSync: sync(Gunzip),
    inflateRaw: async(InflateRaw), inflateRawSync: sync(InflateRaw),
    brotliCompress: async(BrotliCompress), brotliCompressSync: sync(BrotliCompress),
    brotliDecompress: async(BrotliDecompress), brotliDecompressSync: sync(BrotliDecompress),
    createDeflate: (o) => new Deflate(o), createInflate: (o) => new Inflate(o),
    createDeflateRaw: (o) => new DeflateRaw(o), createInflateRaw: (o) => new InflateRaw(o),
    createGzip: (o) => new Gzip(o), createGunzip: (o) => new Gunzip(o),
    createUnzip: (o) => new Unzip(o),
    createBrotliCompress: (o) => new BrotliCompress(o),
    createBrotliDecompress: (o) => new BrotliDecompress(o),
  };
  Object.defineProperty(exports, "constants", { value: constants, enumerable: true, writable: false, configurable: false });
  Object.defineProperty(exports, "codes", { value: codes, enumerable: true, writable: false, configurable: false });
  // The legacy top-level constants (Z_*, the modes...; not brotli's), hidden as in Node.
  for (const key of Object.keys(constants)) {
    if (key.startsWith("BROTLI")) continue;
    Object.defineProperty(exports, key, { value: constants[key], enumerable: false, writable: false });
  }
  return exports;
});
