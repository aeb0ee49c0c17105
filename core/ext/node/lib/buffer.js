// node:buffer: Node's Buffer, a Uint8Array subclass with Node's class shape (Buffer is a
// function whose prototype is FastBuffer's; Buffer.__proto__ is Uint8Array), its encodings,
// its errors (codes and messages) and its inspect form `<Buffer 68 69>`. Strings cross to
// and from bytes natively (core/ext/node/buffer.c) straight in the Buffer's memory; small
// Buffers made from strings and arrays share pooled 8 KiB ArrayBuffers as Node's do.
(function (P) {
  "use strict";
  const ops = P.ops;
  // The native side is one op (core/ext/node/buffer.c): its first argument picks the work.
  const bufOp = ops.nodeBuffer;
  const OP_SLICE = 0, OP_WRITE = 1, OP_BYTE_LENGTH = 2, OP_HEX_WRITE = 3, OP_BASE64_WRITE = 4,
    OP_COMPARE = 5, OP_INDEX_OF = 6;
  const E = P.loadBuiltin("core/ext/node/internal/errors.js");
  const { nodeError, invalidArgType, outOfRange, validateNumber, validateString } = E;

  const kMaxLength = 2 ** 32;
  const kStringMaxLength = 0x1fffffe8;
  const customInspect = Symbol.for("nodejs.util.inspect.custom");
  const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const taFill = TypedArrayProto.fill;
  const taSet = TypedArrayProto.set;
  const taIndexOf = TypedArrayProto.indexOf;
  const taLastIndexOf = TypedArrayProto.lastIndexOf;
  const taByteLength = Object.getOwnPropertyDescriptor(TypedArrayProto, "byteLength").get;
  const taTag = Object.getOwnPropertyDescriptor(TypedArrayProto, Symbol.toStringTag).get;

  const isUint8Array = (v) => taTag.call(v) === "Uint8Array";
  const isAnyArrayBuffer = (v) => v instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === "function" && v instanceof SharedArrayBuffer) ||
    Object.prototype.toString.call(v) === "[object ArrayBuffer]";

  function bufferOutOfBounds(name) {
    return nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", name
      ? `"${name}" is outside of buffer bounds`
      : "Attempt to access memory outside buffer bounds");
  }
  function unknownEncoding(enc) {
    return nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${enc}`);
  }

  class FastBuffer extends Uint8Array {
    // eslint-disable-next-line no-useless-constructor
    constructor(bufferOrLength, byteOffset, length) { super(bufferOrLength, byteOffset, length); }
  }

  // ------------------------------------------------------------------ the pool

  let poolSize, poolOffset, allocPool, poolBytes;
  function createPool() {
    poolSize = Buffer.poolSize;
    allocPool = new ArrayBuffer(poolSize);
    poolBytes = new Uint8Array(allocPool); // strings are written through it at an offset
    poolOffset = 0;
  }
  function alignPool() {
    if (poolOffset & 0x7) {
      poolOffset |= 0x7;
      poolOffset++;
    }
  }
  // A Buffer of size bytes (not necessarily zeroed in Node; here always zeroed by V8).
  function allocate(size) {
    if (size <= 0) return new FastBuffer();
    if (size < (Buffer.poolSize >>> 1)) {
      if (size > poolSize - poolOffset) createPool();
      const b = new FastBuffer(allocPool, poolOffset, size);
      poolOffset += size;
      alignPool();
      return b;
    }
    return new FastBuffer(size);
  }

  // ------------------------------------------------------------------ encodings

  const STR_UTF8 = 0, STR_LATIN1 = 1, STR_UTF16 = 2; // OP_WRITE / OP_BYTE_LENGTH kinds
  const SLICE = { utf8: 0, latin1: 1, ascii: 2, ucs2: 3, hex: 4, base64: 5, base64url: 6 };

  function base64ByteLength(str, bytes) {
    if (str.charCodeAt(bytes - 1) === 0x3D) bytes--;
    if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3D) bytes--;
    return (bytes * 3) >>> 2;
  }

  const byteLengthUtf8 = (s) => bufOp(OP_BYTE_LENGTH, s, STR_UTF8);
  function sliceOf(code) { return (buf, start, end) => bufOp(OP_SLICE, buf, start, end, code); }
  function writeOf(kind) { return (buf, s, offset, len) => bufOp(OP_WRITE, buf, s, offset, len, kind); }
  function indexOfOf(encoding, step) {
    return (buf, val, byteOffset, dir) =>
      indexOfBytes(buf, fromStringFast(val, encodingOps[encoding]), byteOffset, dir, step);
  }
  const hexWrite = (buf, s, offset, len) => bufOp(OP_HEX_WRITE, buf, s, offset, len);
  const base64Write = (buf, s, offset, len) => bufOp(OP_BASE64_WRITE, buf, s, offset, len);

  const encodingOps = {
    utf8: { encoding: "utf8", byteLength: byteLengthUtf8, write: writeOf(STR_UTF8),
      slice: sliceOf(SLICE.utf8), indexOf: null },
    ucs2: { encoding: "utf16le", byteLength: (s) => s.length * 2, write: writeOf(STR_UTF16),
      slice: sliceOf(SLICE.ucs2), indexOf: null },
    latin1: { encoding: "latin1", byteLength: (s) => s.length, write: writeOf(STR_LATIN1),
      slice: sliceOf(SLICE.latin1), indexOf: null },
    ascii: { encoding: "ascii", byteLength: (s) => s.length, write: writeOf(STR_LATIN1),
      slice: sliceOf(SLICE.ascii), indexOf: null },
    base64: { encoding: "base64", byteLength: (s) => base64ByteLength(s, s.length),
      write: base64Write, slice: sliceOf(SLICE.base64), indexOf: null },
    base64url: { encoding: "base64url", byteLength: (s) => base64ByteLength(s, s.length),
      write: base64Write, slice: sliceOf(SLICE.base64url), indexOf: null },
    hex: { encoding: "hex", byteLength: (s) => s.length >>> 1, write: hexWrite,
      slice: sliceOf(SLICE.hex), indexOf: null },
  };
  for (const k of Object.keys(encodingOps)) encodingOps[k].indexOf = indexOfOf(k, k === "ucs2" ? 2 : 1);

  const encodingNames = {
    __proto__: null,
    utf8: "utf8", "utf-8": "utf8", ucs2: "ucs2", "ucs-2": "ucs2", utf16le: "ucs2",
    "utf-16le": "ucs2", latin1: "latin1", binary: "latin1", base64: "base64",
    base64url: "base64url", hex: "hex", ascii: "ascii",
  };
  // Node's normalizeEncoding: the canonical name, or undefined; undefined and "" are utf8.
  function normalizeEncoding(enc) {
    if (enc == null || enc === "utf8" || enc === "utf-8") return "utf8";
    const name = encodingNames[enc] || encodingNames[`${enc}`.toLowerCase()];
    if (name === undefined) return enc === "" ? "utf8" : undefined;
    return name === "ucs2" ? "utf16le" : name;
  }
  function getEncodingOps(enc) {
    const name = encodingNames[enc];
    if (name !== undefined) return encodingOps[name];
    const lower = encodingNames[`${enc}`.toLowerCase()];
    return lower === undefined ? undefined : encodingOps[lower];
  }

  // ------------------------------------------------------------------ Buffer

  // DEP0005, once, through process.emitWarning, unless the caller is a package's code (in
  // node_modules) as Node decides: by the first frame of the stack (mrt's own are hidden).
  // Like Node, it stops looking after 100 calls from packages.
  let bufferWarned = false;
  let packageCalls = 0;
  function warnBufferConstructor() {
    const proc = globalThis.process;
    if (!proc || typeof proc.emitWarning !== "function") return;
    const frame = `${new Error().stack}`.split("\n").find((line) => /^\s+at /.test(line));
    if (frame && /[\\/]node_modules[\\/]/.test(frame)) {
      if (++packageCalls > 100) bufferWarned = true;
      return;
    }
    bufferWarned = true;
    proc.emitWarning("Buffer() is deprecated due to security and usability issues. Please use the " +
      "Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.",
    "DeprecationWarning", "DEP0005");
  }

  function Buffer(arg, encodingOrOffset, length) {
    if (!bufferWarned) warnBufferConstructor();
    if (typeof arg === "number") {
      if (typeof encodingOrOffset === "string") throw invalidArgType("string", "string", arg);
      return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
  }
  Object.defineProperty(Buffer, Symbol.species, {
    enumerable: false, configurable: true, get() { return FastBuffer; },
  });
  FastBuffer.prototype.constructor = Buffer;
  Buffer.prototype = FastBuffer.prototype;
  Object.setPrototypeOf(Buffer, Uint8Array);
  Buffer.poolSize = 8 * 1024;
  createPool();

  function fromStringFast(string, ops) {
    const maxLength = Buffer.poolSize >>> 1;
    let length = string.length;
    if (length >= maxLength) return createFromString(string, ops);
    length *= 4; // the most bytes a character can take
    if (length >= maxLength) length = ops.byteLength(string);
    if (length >= maxLength) return createFromString(string, ops, length);
    if (length > poolSize - poolOffset) createPool();
    const actual = ops.write(poolBytes, string, poolOffset, length);
    const b = new FastBuffer(allocPool, poolOffset, actual);
    poolOffset += actual;
    alignPool();
    return b;
  }
  function createFromString(string, ops, length) {
    if (ops.encoding === "utf8") {
      const u8 = P.ops.encode(string); // its own ArrayBuffer, exactly the UTF-8
      return new FastBuffer(u8.buffer, 0, u8.length);
    }
    if (length === undefined) length = ops.byteLength(string);
    if (length > kMaxLength) throw nodeError(RangeError, "ERR_BUFFER_TOO_LARGE", `Cannot create a Buffer larger than ${kMaxLength} bytes`);
    const buf = new FastBuffer(length);
    const actual = ops.write(buf, string, 0, length);
    return actual === length ? buf : new FastBuffer(buf.buffer, 0, actual);
  }
  function fromString(string, encoding) {
    let eops;
    if (typeof encoding !== "string" || encoding.length === 0) {
      if (string.length === 0) return new FastBuffer();
      eops = encodingOps.utf8;
    } else {
      eops = getEncodingOps(encoding);
      if (eops === undefined) throw unknownEncoding(encoding);
      if (string.length === 0) return new FastBuffer();
    }
    return fromStringFast(string, eops);
  }
  function fromArrayBuffer(obj, byteOffset, length) {
    if (byteOffset === undefined) {
      byteOffset = 0;
    } else {
      byteOffset = +byteOffset;
      if (Number.isNaN(byteOffset)) byteOffset = 0;
    }
    const maxLength = obj.byteLength - byteOffset;
    if (maxLength < 0) throw bufferOutOfBounds("offset");
    if (length === undefined) {
      length = maxLength;
    } else {
      length = +length;
      if (length > 0) {
        if (length > maxLength) throw bufferOutOfBounds("length");
      } else {
        length = 0;
      }
    }
    return new FastBuffer(obj, byteOffset, length);
  }
  function fromArrayLike(obj) {
    if (obj.length <= 0) return new FastBuffer();
    if (obj.length < (Buffer.poolSize >>> 1)) {
      if (obj.length > poolSize - poolOffset) createPool();
      const b = new FastBuffer(allocPool, poolOffset, obj.length);
      taSet.call(b, obj, 0);
      poolOffset += obj.length;
      alignPool();
      return b;
    }
    return new FastBuffer(obj);
  }
  function fromObject(obj) {
    if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
      if (typeof obj.length !== "number") return new FastBuffer();
      return fromArrayLike(obj);
    }
    if (obj.type === "Buffer" && Array.isArray(obj.data)) return fromArrayLike(obj.data);
    return undefined;
  }

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === "string") return fromString(value, encodingOrOffset);
    if (typeof value === "object" && value !== null) {
      if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
      const valueOf = value.valueOf && value.valueOf();
      if (valueOf != null && valueOf !== value &&
          (typeof valueOf === "string" || typeof valueOf === "object")) {
        return from(valueOf, encodingOrOffset, length);
      }
      const b = fromObject(value);
      if (b) return b;
      if (typeof value[Symbol.toPrimitive] === "function") {
        const primitive = value[Symbol.toPrimitive]("string");
        if (typeof primitive === "string") return fromString(primitive, encodingOrOffset);
      }
    }
    throw invalidArgType("first argument",
      ["string", "Buffer", "ArrayBuffer", "Array", "Array-like Object"], value);
  };

  Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
    if (!ArrayBuffer.isView(view) || view instanceof DataView) throw invalidArgType("view", "TypedArray", view);
    const viewLength = view.length;
    if (viewLength === 0) return Buffer.alloc(0);
    if (offset !== undefined || length !== undefined) {
      if (offset !== undefined) {
        E.validateInteger(offset, "offset", 0);
        if (offset >= viewLength) return Buffer.alloc(0);
      } else {
        offset = 0;
      }
      let end;
      if (length !== undefined) {
        E.validateInteger(length, "length", 0);
        end = offset + length;
      } else {
        end = viewLength;
      }
      view = view.subarray(offset, end);
    }
    return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  };

  Buffer.of = function of(...items) {
    const b = allocate(items.length);
    for (let k = 0; k < items.length; k++) b[k] = items[k];
    return b;
  };

  Buffer.alloc = function alloc(size, fill, encoding) {
    validateNumber(size, "size", 0, kMaxLength);
    if (fill !== undefined && fill !== 0 && size > 0) {
      return _fill(new FastBuffer(size), fill, 0, size, encoding);
    }
    return new FastBuffer(size);
  };
  Buffer.allocUnsafe = function allocUnsafe(size) {
    validateNumber(size, "size", 0, kMaxLength);
    return allocate(size);
  };
  Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
    validateNumber(size, "size", 0, kMaxLength);
    return new FastBuffer(size);
  };
  function SlowBuffer(size) {
    validateNumber(size, "size", 0, kMaxLength);
    return new FastBuffer(size);
  }
  Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
  Object.setPrototypeOf(SlowBuffer, Uint8Array);

  Buffer.isBuffer = function isBuffer(b) { return b instanceof Buffer; };

  Buffer.compare = function compare(buf1, buf2) {
    if (!isUint8Array(buf1)) throw invalidArgType("buf1", ["Buffer", "Uint8Array"], buf1);
    if (!isUint8Array(buf2)) throw invalidArgType("buf2", ["Buffer", "Uint8Array"], buf2);
    if (buf1 === buf2) return 0;
    return bufOp(OP_COMPARE, buf1, 0, buf1.length, buf2, 0, buf2.length);
  };

  Buffer.isEncoding = function isEncoding(encoding) {
    return typeof encoding === "string" && encoding.length !== 0 &&
      normalizeEncoding(encoding) !== undefined;
  };
  Buffer[Symbol.for("kIsEncodingSymbol")] = Buffer.isEncoding;

  Buffer.concat = function concat(list, length) {
    if (!Array.isArray(list)) throw invalidArgType("list", "Array", list);
    if (list.length === 0) return new FastBuffer();
    if (length === undefined) {
      length = 0;
      for (let i = 0; i < list.length; i++) if (list[i].length) length += list[i].length;
    } else {
      validateOffset(length, "length");
    }
    const buffer = allocate(length);
    let pos = 0;
    for (let i = 0; i < list.length; i++) {
      const buf = list[i];
      if (!isUint8Array(buf)) throw invalidArgType(`list[${i}]`, ["Buffer", "Uint8Array"], list[i]);
      pos += copyActual(buf, buffer, pos, 0, buf.length);
    }
    if (pos < length) taFill.call(buffer, 0, pos, length);
    return buffer;
  };

  Buffer.byteLength = function byteLength(string, encoding) {
    if (typeof string !== "string") {
      if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
      throw invalidArgType("string", ["string", "Buffer", "ArrayBuffer"], string);
    }
    const len = string.length;
    const mustMatch = arguments.length > 2 && arguments[2] === true;
    if (!mustMatch && len === 0) return 0;
    if (!encoding) return mustMatch ? -1 : byteLengthUtf8(string);
    const eops = getEncodingOps(encoding);
    if (eops === undefined) return mustMatch ? -1 : byteLengthUtf8(string);
    return eops.byteLength(string);
  };

  function validateOffset(value, name, min = 0, max = kMaxLength) {
    if (typeof value !== "number") throw invalidArgType(name, "number", value);
    if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }

  function toInteger(n, defaultVal) {
    n = +n;
    if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
      return n % 1 === 0 ? n : Math.floor(n);
    }
    return defaultVal;
  }

  function copyActual(source, target, targetStart, sourceStart, sourceEnd) {
    if (sourceEnd - sourceStart > target.byteLength - targetStart) {
      sourceEnd = sourceStart + target.byteLength - targetStart;
    }
    let nb = sourceEnd - sourceStart;
    const sourceLen = source.byteLength - sourceStart;
    if (nb > sourceLen) nb = sourceLen;
    if (nb <= 0) return 0;
    if (sourceStart === 0 && nb === source.length) {
      taSet.call(target, source, targetStart);
    } else {
      taSet.call(target, new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb), targetStart);
    }
    return nb;
  }

  function copyImpl(source, target, targetStart, sourceStart, sourceEnd) {
    if (!isUint8Array(source)) throw invalidArgType("source", ["Buffer", "Uint8Array"], source);
    if (!isUint8Array(target)) throw invalidArgType("target", ["Buffer", "Uint8Array"], target);
    if (targetStart === undefined) {
      targetStart = 0;
    } else {
      targetStart = toInteger(targetStart, 0);
      if (targetStart < 0) throw outOfRange("targetStart", ">= 0", targetStart);
    }
    if (sourceStart === undefined) {
      sourceStart = 0;
    } else {
      sourceStart = toInteger(sourceStart, 0);
      if (sourceStart < 0 || sourceStart > source.length) {
        throw outOfRange("sourceStart", `>= 0 && <= ${source.length}`, sourceStart);
      }
    }
    if (sourceEnd === undefined) {
      sourceEnd = source.length;
    } else {
      sourceEnd = toInteger(sourceEnd, 0);
      if (sourceEnd < 0) throw outOfRange("sourceEnd", ">= 0", sourceEnd);
    }
    if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
    return copyActual(source, target, targetStart, sourceStart, sourceEnd);
  }

  // ------------------------------------------------------------------ prototype

  const proto = Buffer.prototype;

  Object.defineProperty(proto, "parent", {
    enumerable: true, configurable: true,
    get() { return this instanceof Buffer ? this.buffer : undefined; },
  });
  Object.defineProperty(proto, "offset", {
    enumerable: true, configurable: true,
    get() { return this instanceof Buffer ? this.byteOffset : undefined; },
  });

  proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
    return copyImpl(this, target, targetStart, sourceStart, sourceEnd);
  };

  proto.toString = function toString(encoding, start, end) {
    if (arguments.length === 0) return bufOp(OP_SLICE, this, 0, this.length, 0);
    const len = this.length;
    if (start <= 0) start = 0;
    else if (start >= len) return "";
    else start = Math.trunc(start) || 0;
    if (end === undefined || end > len) end = len;
    else end = Math.trunc(end) || 0;
    if (end <= start) return "";
    if (encoding === undefined) return bufOp(OP_SLICE, this, start, end, 0);
    const eops = getEncodingOps(encoding);
    if (eops === undefined) throw unknownEncoding(encoding);
    return eops.slice(this, start, end);
  };
  proto.toLocaleString = proto.toString;

  proto.equals = function equals(otherBuffer) {
    if (!isUint8Array(otherBuffer)) throw invalidArgType("otherBuffer", ["Buffer", "Uint8Array"], otherBuffer);
    if (this === otherBuffer) return true;
    const len = taByteLength.call(this);
    if (len !== taByteLength.call(otherBuffer)) return false;
    return len === 0 || bufOp(OP_COMPARE, this, 0, len, otherBuffer, 0, len) === 0;
  };

  let INSPECT_MAX_BYTES = 50;
  proto[customInspect] = function inspect(recurseTimes, ctx) {
    const max = INSPECT_MAX_BYTES;
    const actualMax = Math.min(max, this.length);
    const remaining = this.length - max;
    let str = bufOp(OP_SLICE, this, 0, actualMax, SLICE.hex).replace(/(.{2})/g, "$1 ").trim();
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
    if (ctx) {
      let extras = false;
      const obj = { __proto__: null };
      for (const key of Reflect.ownKeys(this)) {
        if (typeof key === "string" && /^(0|[1-9][0-9]*)$/.test(key) && +key < 2 ** 32 - 1) continue;
        if (!ctx.showHidden && !Object.prototype.propertyIsEnumerable.call(this, key)) continue;
        extras = true;
        obj[key] = this[key];
      }
      if (extras) {
        if (this.length !== 0) str += ", ";
        str += P.inspect(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
      }
    }
    return `<${this.constructor.name} ${str}>`;
  };
  proto.inspect = proto[customInspect];

  proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    if (!isUint8Array(target)) throw invalidArgType("target", ["Buffer", "Uint8Array"], target);
    if (arguments.length === 1) return bufOp(OP_COMPARE, this, 0, this.length, target, 0, target.length);
    if (targetStart === undefined) targetStart = 0;
    else validateOffset(targetStart, "targetStart");
    if (targetEnd === undefined) targetEnd = target.length;
    else validateOffset(targetEnd, "targetEnd", 0, target.length);
    if (sourceStart === undefined) sourceStart = 0;
    else validateOffset(sourceStart, "sourceStart");
    if (sourceEnd === undefined) sourceEnd = this.length;
    else validateOffset(sourceEnd, "sourceEnd", 0, this.length);
    if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
    if (targetStart >= targetEnd) return 1;
    if (sourceStart > this.length) throw outOfRange("sourceStart", `<= ${this.length}`, sourceStart);
    if (targetStart > target.length) throw outOfRange("targetStart", `<= ${target.length}`, targetStart);
    return bufOp(OP_COMPARE, this, sourceStart, sourceEnd, target, targetStart, targetEnd);
  };

  // Node's IndexOfOffset (src/node_buffer.cc): where a search starts, or -1.
  function indexOfOffset(length, offset, needleLength, forward) {
    if (offset < 0) {
      if (offset + length >= 0) return length + offset;
      if (forward || needleLength === 0) return 0;
      return -1;
    }
    if (offset + needleLength <= length) return offset;
    if (needleLength === 0) return length;
    if (forward) return -1;
    return length - 1;
  }
  function indexOfBytes(buf, needle, byteOffset, dir, step) {
    const hlen = buf.length;
    const nlen = needle.length;
    const off = indexOfOffset(hlen, Math.trunc(byteOffset), nlen, dir);
    if (nlen === 0) return off;
    if (hlen === 0 || off <= -1) return -1;
    if ((dir && nlen + off > hlen) || nlen > hlen) return -1;
    if (step === 2 && (hlen < 2 || nlen < 2)) return -1;
    if (nlen === 1) return dir ? taIndexOf.call(buf, needle[0], off) : taLastIndexOf.call(buf, needle[0], off);
    return bufOp(OP_INDEX_OF, buf, needle, off, dir, step);
  }
  function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
    if (!isUint8Array(buffer)) throw invalidArgType("buffer", ["Buffer", "TypedArray", "DataView"], buffer);
    if (typeof byteOffset === "string") {
      encoding = byteOffset;
      byteOffset = undefined;
    } else if (byteOffset > 0x7fffffff) {
      byteOffset = 0x7fffffff;
    } else if (byteOffset < -0x80000000) {
      byteOffset = -0x80000000;
    }
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
    dir = !!dir;
    if (typeof val === "number") {
      const off = indexOfOffset(buffer.length, Math.trunc(byteOffset), 1, dir);
      if (off <= -1 || buffer.length === 0) return -1;
      const byte = (val >>> 0) & 255;
      return dir ? taIndexOf.call(buffer, byte, off) : taLastIndexOf.call(buffer, byte, off);
    }
    const eops = encoding === undefined ? encodingOps.utf8 : getEncodingOps(encoding);
    if (typeof val === "string") {
      if (eops === undefined) throw unknownEncoding(encoding);
      return eops.indexOf(buffer, val, byteOffset, dir);
    }
    if (isUint8Array(val)) {
      return indexOfBytes(buffer, val, byteOffset, dir, eops && eops.encoding === "utf16le" ? 2 : 1);
    }
    throw invalidArgType("value", ["number", "string", "Buffer", "Uint8Array"], val);
  }
  proto.indexOf = function indexOf(val, byteOffset, encoding) {
    return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
  };
  proto.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
    return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
  };
  proto.includes = function includes(val, byteOffset, encoding) {
    return this.indexOf(val, byteOffset, encoding) !== -1;
  };

  function _fill(buf, value, offset, end, encoding) {
    if (typeof value === "string") {
      if (offset === undefined || typeof offset === "string") {
        encoding = offset;
        offset = 0;
        end = buf.length;
      } else if (typeof end === "string") {
        encoding = end;
        end = buf.length;
      }
      const normalized = normalizeEncoding(encoding);
      if (normalized === undefined) {
        validateString(encoding, "encoding");
        throw unknownEncoding(encoding);
      }
      if (value.length === 0) {
        value = 0;
      } else if (value.length === 1) {
        if (normalized === "utf8") {
          const code = value.charCodeAt(0);
          if (code < 128) value = code;
        } else if (normalized === "latin1") {
          value = value.charCodeAt(0);
        }
      }
    } else {
      encoding = undefined;
    }
    if (offset === undefined) {
      offset = 0;
      end = buf.length;
    } else {
      validateOffset(offset, "offset");
      if (end === undefined) end = buf.length;
      else validateOffset(end, "end", 0, buf.length);
      if (offset >= end) return buf;
    }
    if (typeof value === "number") {
      if (offset > end || end > taByteLength.call(buf)) throw bufferOutOfBounds();
      taFill.call(buf, value, offset, end);
      return buf;
    }
    let pattern;
    if (typeof value === "string") {
      pattern = fromString(value, encoding);
      if (pattern.length === 0) throw E.invalidArgValue("value", value);
    } else if (ArrayBuffer.isView(value)) {
      pattern = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      if (pattern.length === 0) throw E.invalidArgValue("value", value);
    } else {
      taFill.call(buf, Number(value) & 255, offset, end); // Node: ToUint32, low byte
      return buf;
    }
    if (end > buf.length) throw bufferOutOfBounds();
    const n = end - offset;
    if (pattern.buffer === buf.buffer) pattern = pattern.slice(); // may overlap the target
    const first = Math.min(n, pattern.length);
    taSet.call(buf, first === pattern.length ? pattern : pattern.subarray(0, first), offset);
    for (let done = first; done < n;) { // double the filled part until it covers the range
      const k = Math.min(done, n - done);
      buf.copyWithin(offset + done, offset, offset + k);
      done += k;
    }
    return buf;
  }
  proto.fill = function fill(value, offset, end, encoding) {
    return _fill(this, value, offset, end, encoding);
  };

  proto.write = function write(string, offset, length, encoding) {
    if (offset === undefined) return utf8Write(this, string, 0, this.length);
    if (length === undefined && typeof offset === "string") {
      encoding = offset;
      length = this.length;
      offset = 0;
    } else {
      validateOffset(offset, "offset", 0, this.length);
      const remaining = this.length - offset;
      if (length === undefined) {
        length = remaining;
      } else if (typeof length === "string") {
        encoding = length;
        length = remaining;
      } else {
        validateOffset(length, "length", 0, this.length);
        if (length > remaining) length = remaining;
      }
    }
    if (!encoding || encoding === "utf8") return utf8Write(this, string, offset, length);
    const eops = getEncodingOps(encoding);
    if (eops === undefined) throw unknownEncoding(encoding);
    if (typeof string !== "string") throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "argument must be a string");
    return eops.write(this, string, offset, length);
  };
  function utf8Write(buf, string, offset, length) {
    if (typeof string !== "string") throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "argument must be a string");
    return bufOp(OP_WRITE, buf, string, offset, length, STR_UTF8);
  }

  proto.toJSON = function toJSON() {
    if (this.length > 0) {
      const data = new Array(this.length);
      for (let i = 0; i < this.length; ++i) data[i] = this[i];
      return { type: "Buffer", data };
    }
    return { type: "Buffer", data: [] };
  };

  function adjustOffset(offset, length) {
    offset = Math.trunc(offset);
    if (offset === 0 || Number.isNaN(offset)) return 0;
    if (offset < 0) {
      offset += length;
      return offset > 0 ? offset : 0;
    }
    if (offset < length) return offset;
    return length;
  }
  // Node's slice shares memory, as subarray does.
  proto.subarray = function subarray(start, end) {
    const srcLength = this.length;
    start = adjustOffset(start, srcLength);
    end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
    const newLength = end > start ? end - start : 0;
    return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
  };
  proto.slice = function slice(start, end) { return this.subarray(start, end); };

  function swap(b, n, m) {
    const i = b[n];
    b[n] = b[m];
    b[m] = i;
  }
  function invalidBufferSize(bits) {
    return nodeError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${bits}`);
  }
  proto.swap16 = function swap16() {
    const len = this.length;
    if (len % 2 !== 0) throw invalidBufferSize("16-bits");
    for (let i = 0; i < len; i += 2) swap(this, i, i + 1);
    return this;
  };
  proto.swap32 = function swap32() {
    const len = this.length;
    if (len % 4 !== 0) throw invalidBufferSize("32-bits");
    for (let i = 0; i < len; i += 4) {
      swap(this, i, i + 3);
      swap(this, i + 1, i + 2);
    }
    return this;
  };
  proto.swap64 = function swap64() {
    const len = this.length;
    if (len % 8 !== 0) throw invalidBufferSize("64-bits");
    for (let i = 0; i < len; i += 8) {
      swap(this, i, i + 7);
      swap(this, i + 1, i + 6);
      swap(this, i + 2, i + 5);
      swap(this, i + 3, i + 4);
    }
    return this;
  };

  // The per-encoding methods Node's binding puts on the prototype (some packages call them).
  for (const [name, code] of Object.entries(SLICE)) {
    proto[`${name}Slice`] = function (start, end) {
      if (start === undefined) start = 0;
      if (end === undefined) end = this.length;
      if (start < 0 || end > this.length) throw outOfRange("index", `>= 0 && <= ${this.length}`, start < 0 ? start : end);
      if (end < start) end = start;
      return bufOp(OP_SLICE, this, start, end, code);
    };
    const eops = encodingOps[name];
    proto[`${name}Write`] = function (string, offset = 0, length = this.length - offset) {
      if (typeof string !== "string") throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "argument must be a string");
      if (offset > this.length) throw bufferOutOfBounds("offset");
      if (length > this.length - offset) length = this.length - offset;
      return eops.write(this, string, offset, length);
    };
  }

  // The typed reads and writes (internal/buffer_rw.js) are compiled at the first call of any
  // of them: until then each is a stub that installs them all and forwards the call.
  const rwNames = ["readUInt8", "readInt8", "readUInt16LE", "readUInt16BE", "readInt16LE",
    "readInt16BE", "readUInt32LE", "readUInt32BE", "readInt32LE", "readInt32BE", "readUIntLE",
    "readUIntBE", "readIntLE", "readIntBE", "readFloatLE", "readFloatBE", "readDoubleLE",
    "readDoubleBE", "readBigUInt64LE", "readBigUInt64BE", "readBigInt64LE", "readBigInt64BE",
    "writeUInt8", "writeInt8", "writeUInt16LE", "writeUInt16BE", "writeInt16LE", "writeInt16BE",
    "writeUInt32LE", "writeUInt32BE", "writeInt32LE", "writeInt32BE", "writeUIntLE",
    "writeUIntBE", "writeIntLE", "writeIntBE", "writeFloatLE", "writeFloatBE", "writeDoubleLE",
    "writeDoubleBE", "writeBigUInt64LE", "writeBigUInt64BE", "writeBigInt64LE",
    "writeBigInt64BE"];
  let rwInstalled = false;
  function installRw() {
    if (rwInstalled) return;
    rwInstalled = true;
    P.loadBuiltin("core/ext/node/internal/buffer_rw.js")(proto, E, bufferOutOfBounds);
  }
  for (const name of rwNames) {
    const stub = { [name](...args) {
      installRw();
      return proto[name].apply(this, args);
    } }[name];
    proto[name] = stub;
    if (name.includes("UInt")) proto[name.replace("UInt", "Uint")] = stub;
  }

  // ------------------------------------------------------------------ module functions

  function isUtf8(input) {
    if (!ArrayBuffer.isView(input) && !isAnyArrayBuffer(input)) {
      throw invalidArgType("input", ["ArrayBuffer", "Buffer", "TypedArray"], input);
    }
    try {
      ops.decode(input, true);
      return true;
    } catch {
      return false;
    }
  }
  function isAscii(input) {
    if (!ArrayBuffer.isView(input) && !isAnyArrayBuffer(input)) {
      throw invalidArgType("input", ["ArrayBuffer", "Buffer", "TypedArray"], input);
    }
    const u8 = ArrayBuffer.isView(input)
      ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
    for (let i = 0; i < u8.length; i++) if (u8[i] > 0x7f) return false;
    return true;
  }

  // transcode(source, from, to) between utf8, ucs2, latin1 and ascii (Node's set): through a
  // string; characters the target cannot hold become "?" as in Node.
  function transcode(source, fromEncoding, toEncoding) {
    if (!isUint8Array(source)) throw invalidArgType("source", ["Buffer", "Uint8Array"], source);
    if (source.length === 0) return Buffer.alloc(0);
    const from = normalizeEncoding(fromEncoding) || fromEncoding;
    const to = normalizeEncoding(toEncoding) || toEncoding;
    const ok = ["utf8", "utf16le", "latin1", "ascii"];
    if (!ok.includes(from) || !ok.includes(to)) {
      const err = new Error(`Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]`);
      err.code = "U_ILLEGAL_ARGUMENT_ERROR";
      err.errno = 1;
      throw err;
    }
    let s = Buffer.prototype.toString.call(source, from);
    if (to === "latin1") s = s.replace(/[^\u0000-\u00ff]/gu, "?");
    else if (to === "ascii") s = s.replace(/[^\u0000-\u007f]/gu, "?");
    return Buffer.from(s, to);
  }

  const exports = {
    Buffer,
    SlowBuffer,
    transcode,
    isUtf8,
    isAscii,
    kMaxLength,
    kStringMaxLength,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
    resolveObjectURL: () => undefined,
  };
  // The web globals it re-exports, read when first asked for (Blob and File load their code
  // then).
  for (const name of ["btoa", "atob", "Blob", "File"]) {
    Object.defineProperty(exports, name, {
      enumerable: true, configurable: true,
      get() { return globalThis[name]; },
    });
  }
  Object.defineProperty(exports, "INSPECT_MAX_BYTES", {
    configurable: true, enumerable: true,
    get() { return INSPECT_MAX_BYTES; },
    set(val) {
      validateNumber(val, "INSPECT_MAX_BYTES", 0);
      INSPECT_MAX_BYTES = val;
    },
  });
  // For node:string_decoder and node:util.
  P.nodeBufferInternals = {
    FastBuffer, normalizeEncoding, getEncodingOps, SLICE,
    // The string of view's bytes [start, end) in encoding code (a SLICE number).
    slice: (view, start, end, code) => bufOp(OP_SLICE, view, start, end, code),
  };
  return exports;
});
