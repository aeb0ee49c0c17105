// buffer_rw.js: Buffer's typed reads and writes (readUInt32LE, writeDoubleBE, readBigInt64LE,
// readUIntBE(offset, byteLength), ...) with Node's checks and error messages. Plain JS over
// the bytes, as Node's own (V8 inlines them). Installs them on Buffer.prototype:
// P.loadBuiltin("core/ext/node/internal/buffer_rw.js")(proto, errors, bufferOutOfBounds).
(function (P) {
  "use strict";
  return function install(proto, E, bufferOutOfBounds) {
    const { invalidArgType, outOfRange, validateNumber } = E;

    function boundsError(value, length, type) {
      if (Math.floor(value) !== value) {
        validateNumber(value, type || "offset");
        throw outOfRange(type || "offset", "an integer", value);
      }
      if (length < 0) throw bufferOutOfBounds();
      throw outOfRange(type || "offset", `>= ${type ? 1 : 0} and <= ${length}`, value);
    }
    function checkBounds(buf, offset, byteLength) {
      validateNumber(offset, "offset");
      if (buf[offset] === undefined || buf[offset + byteLength] === undefined) {
        boundsError(offset, buf.length - (byteLength + 1));
      }
    }
    function checkInt(value, min, max, buf, offset, byteLength) {
      if (value > max || value < min) {
        const n = typeof min === "bigint" ? "n" : "";
        let range;
        if (byteLength > 3) {
          const bits = (byteLength + 1) * 8;
          if (min === 0 || min === 0n) range = `>= 0${n} and < 2${n} ** ${bits}${n}`;
          else range = `>= -(2${n} ** ${bits - 1}${n}) and < 2${n} ** ${bits - 1}${n}`;
        } else {
          range = `>= ${min}${n} and <= ${max}${n}`;
        }
        throw outOfRange("value", range, value);
      }
      checkBounds(buf, offset, byteLength);
    }
    function checkByteLength(byteLength) {
      if (byteLength === undefined) throw invalidArgType("byteLength", "number", byteLength);
      boundsError(byteLength, 6, "byteLength");
    }

    // ---------------------------------------------------------------- reads

    function readUInt8(offset = 0) {
      validateNumber(offset, "offset");
      const val = this[offset];
      if (val === undefined) boundsError(offset, this.length - 1);
      return val;
    }
    function readInt8(offset = 0) {
      validateNumber(offset, "offset");
      const val = this[offset];
      if (val === undefined) boundsError(offset, this.length - 1);
      return val | (val & 2 ** 7) * 0x1fffffe;
    }
    function readUInt16LE(offset = 0) {
      validateNumber(offset, "offset");
      const first = this[offset];
      const last = this[offset + 1];
      if (first === undefined || last === undefined) boundsError(offset, this.length - 2);
      return first + last * 2 ** 8;
    }
    function readUInt16BE(offset = 0) {
      validateNumber(offset, "offset");
      const first = this[offset];
      const last = this[offset + 1];
      if (first === undefined || last === undefined) boundsError(offset, this.length - 2);
      return first * 2 ** 8 + last;
    }
    function readInt16LE(offset = 0) {
      validateNumber(offset, "offset");
      const first = this[offset];
      const last = this[offset + 1];
      if (first === undefined || last === undefined) boundsError(offset, this.length - 2);
      const val = first + last * 2 ** 8;
      return val | (val & 2 ** 15) * 0x1fffe;
    }
    function readInt16BE(offset = 0) {
      validateNumber(offset, "offset");
      const first = this[offset];
      const last = this[offset + 1];
      if (first === undefined || last === undefined) boundsError(offset, this.length - 2);
      const val = first * 2 ** 8 + last;
      return val | (val & 2 ** 15) * 0x1fffe;
    }
    function readUInt32LE(offset = 0) {
      validateNumber(offset, "offset");
      const first = this[offset];
      const last = this[offset + 3];
      if (first === undefined || last === undefined) boundsError(offset, this.length - 4);
      return first + this[offset + 1] * 2 ** 8 + this[offset + 2] * 2 ** 16 + last * 2 ** 24;
    }
    function readUInt32BE(offset = 0) {
      validateNumber(offset, "offset");
      const first = this[offset];
      const last = this[offset + 3];
      if (first === undefined || last === undefined) boundsError(offset, this.length - 4);
      return first * 2 ** 24 + this[offset + 1] * 2 ** 16 + this[offset + 2] * 2 ** 8 + last;
    }
    function readInt32LE(offset = 0) {
      validateNumber(offset, "offset");
      const first = this[offset];
      const last = this[offset + 3];
      if (first === undefined || last === undefined) boundsError(offset, this.length - 4);
      return first + this[offset + 1] * 2 ** 8 + this[offset + 2] * 2 ** 16 + (last << 24);
    }
    function readInt32BE(offset = 0) {
      validateNumber(offset, "offset");
      const first = this[offset];
      const last = this[offset + 3];
      if (first === undefined || last === undefined) boundsError(offset, this.length - 4);
      return (first << 24) + this[offset + 1] * 2 ** 16 + this[offset + 2] * 2 ** 8 + last;
    }

    // byteLength 1..6, unsigned: the bytes in order of significance.
    function readUIntAny(buf, offset, byteLength, le) {
      validateNumber(offset, "offset");
      if (buf[offset] === undefined || buf[offset + byteLength - 1] === undefined) {
        boundsError(offset, buf.length - byteLength);
      }
      let val = 0;
      if (le) {
        for (let i = byteLength - 1; i >= 0; i--) val = val * 256 + buf[offset + i];
      } else {
        for (let i = 0; i < byteLength; i++) val = val * 256 + buf[offset + i];
      }
      return val;
    }
    function checkedLength(byteLength) {
      if (byteLength >= 1 && byteLength <= 6 && Math.floor(byteLength) === byteLength) return byteLength;
      return checkByteLength(byteLength);
    }
    function readUIntLE(offset, byteLength) {
      if (offset === undefined) throw invalidArgType("offset", "number", offset);
      return readUIntAny(this, offset, checkedLength(byteLength), true);
    }
    function readUIntBE(offset, byteLength) {
      if (offset === undefined) throw invalidArgType("offset", "number", offset);
      return readUIntAny(this, offset, checkedLength(byteLength), false);
    }
    function signed(val, byteLength) {
      const top = 2 ** (8 * byteLength - 1);
      return val >= top ? val - 2 * top : val;
    }
    function readIntLE(offset, byteLength) {
      if (offset === undefined) throw invalidArgType("offset", "number", offset);
      const n = checkedLength(byteLength);
      return signed(readUIntAny(this, offset, n, true), n);
    }
    function readIntBE(offset, byteLength) {
      if (offset === undefined) throw invalidArgType("offset", "number", offset);
      const n = checkedLength(byteLength);
      return signed(readUIntAny(this, offset, n, false), n);
    }

    const float32 = new Float32Array(1);
    const f32Bytes = new Uint8Array(float32.buffer);
    const float64 = new Float64Array(1);
    const f64Bytes = new Uint8Array(float64.buffer);
    const bigEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

    // Reads bytes [offset, offset+n) into the scratch bytes, reversed when the order differs.
    function loadScratch(buf, offset, n, le, bytes) {
      validateNumber(offset, "offset");
      if (buf[offset] === undefined || buf[offset + n - 1] === undefined) boundsError(offset, buf.length - n);
      if (le !== bigEndian) for (let i = 0; i < n; i++) bytes[i] = buf[offset + i];
      else for (let i = 0; i < n; i++) bytes[n - 1 - i] = buf[offset + i];
    }
    function readFloatLE(offset = 0) { loadScratch(this, offset, 4, true, f32Bytes); return float32[0]; }
    function readFloatBE(offset = 0) { loadScratch(this, offset, 4, false, f32Bytes); return float32[0]; }
    function readDoubleLE(offset = 0) { loadScratch(this, offset, 8, true, f64Bytes); return float64[0]; }
    function readDoubleBE(offset = 0) { loadScratch(this, offset, 8, false, f64Bytes); return float64[0]; }

    function read64(buf, offset, le) {
      validateNumber(offset, "offset");
      const first = buf[offset];
      const last = buf[offset + 7];
      if (first === undefined || last === undefined) boundsError(offset, buf.length - 8);
    }
    function readBigUInt64LE(offset = 0) {
      read64(this, offset, true);
      const lo = this[offset] + this[offset + 1] * 2 ** 8 + this[offset + 2] * 2 ** 16 + this[offset + 3] * 2 ** 24;
      const hi = this[offset + 4] + this[offset + 5] * 2 ** 8 + this[offset + 6] * 2 ** 16 + this[offset + 7] * 2 ** 24;
      return BigInt(lo) + (BigInt(hi) << 32n);
    }
    function readBigUInt64BE(offset = 0) {
      read64(this, offset, false);
      const hi = this[offset] * 2 ** 24 + this[offset + 1] * 2 ** 16 + this[offset + 2] * 2 ** 8 + this[offset + 3];
      const lo = this[offset + 4] * 2 ** 24 + this[offset + 5] * 2 ** 16 + this[offset + 6] * 2 ** 8 + this[offset + 7];
      return (BigInt(hi) << 32n) + BigInt(lo);
    }
    function readBigInt64LE(offset = 0) {
      read64(this, offset, true);
      const val = this[offset + 4] + this[offset + 5] * 2 ** 8 + this[offset + 6] * 2 ** 16 + (this[offset + 7] << 24);
      return (BigInt(val) << 32n) +
        BigInt(this[offset] + this[offset + 1] * 2 ** 8 + this[offset + 2] * 2 ** 16 + this[offset + 3] * 2 ** 24);
    }
    function readBigInt64BE(offset = 0) {
      read64(this, offset, false);
      const val = (this[offset] << 24) + this[offset + 1] * 2 ** 16 + this[offset + 2] * 2 ** 8 + this[offset + 3];
      return (BigInt(val) << 32n) +
        BigInt(this[offset + 4] * 2 ** 24 + this[offset + 5] * 2 ** 16 + this[offset + 6] * 2 ** 8 + this[offset + 7]);
    }

    // ---------------------------------------------------------------- writes

    function writeU_Int8(buf, value, offset, min, max) {
      value = +value;
      validateNumber(offset, "offset");
      if (value > max || value < min) throw outOfRange("value", `>= ${min} and <= ${max}`, value);
      if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
      buf[offset] = value;
      return offset + 1;
    }
    // byteLength 2..6: value is an integer in range (checked), written byte by byte.
    function writeAny(buf, value, offset, min, max, byteLength, le) {
      value = +value;
      checkInt(value, min, max, buf, offset, byteLength - 1);
      if (byteLength <= 4) {
        for (let i = 0; i < byteLength; i++) {
          buf[le ? offset + i : offset + byteLength - 1 - i] = value;
          value >>>= 8;
        }
      } else {
        let lo = value >>> 0;
        let hi = Math.floor(value * 2 ** -32);
        for (let i = 0; i < byteLength; i++) {
          buf[le ? offset + i : offset + byteLength - 1 - i] = i < 4 ? lo : hi;
          if (i < 4) lo >>>= 8;
          else hi >>>= 8;
        }
      }
      return offset + byteLength;
    }
    function writeUInt32LE(value, offset = 0) {
      value = +value;
      checkInt(value, 0, 0xffffffff, this, offset, 3);
      this[offset++] = value;
      value >>>= 8;
      this[offset++] = value;
      value >>>= 8;
      this[offset++] = value;
      value >>>= 8;
      this[offset++] = value;
      return offset;
    }
    function writeUInt32BE(value, offset = 0) {
      value = +value;
      checkInt(value, 0, 0xffffffff, this, offset, 3);
      this[offset + 3] = value;
      value >>>= 8;
      this[offset + 2] = value;
      value >>>= 8;
      this[offset + 1] = value;
      value >>>= 8;
      this[offset] = value;
      return offset + 4;
    }
    const limits = [0, 0, 2 ** 16, 2 ** 24, 2 ** 32, 2 ** 40, 2 ** 48];
    function writeUIntLE(value, offset, byteLength) {
      if (byteLength === 1) return writeU_Int8(this, value, offset, 0, 0xff);
      const n = checkedLength(byteLength);
      return writeAny(this, value, offset, 0, limits[n] - 1, n, true);
    }
    function writeUIntBE(value, offset, byteLength) {
      if (byteLength === 1) return writeU_Int8(this, value, offset, 0, 0xff);
      const n = checkedLength(byteLength);
      return writeAny(this, value, offset, 0, limits[n] - 1, n, false);
    }
    function writeIntLE(value, offset, byteLength) {
      if (byteLength === 1) return writeU_Int8(this, value, offset, -0x80, 0x7f);
      const n = checkedLength(byteLength);
      return writeAny(this, value, offset, -limits[n] / 2, limits[n] / 2 - 1, n, true);
    }
    function writeIntBE(value, offset, byteLength) {
      if (byteLength === 1) return writeU_Int8(this, value, offset, -0x80, 0x7f);
      const n = checkedLength(byteLength);
      return writeAny(this, value, offset, -limits[n] / 2, limits[n] / 2 - 1, n, false);
    }

    function storeScratch(buf, offset, n, le, bytes) {
      checkBounds(buf, offset, n - 1);
      if (le !== bigEndian) for (let i = 0; i < n; i++) buf[offset + i] = bytes[i];
      else for (let i = 0; i < n; i++) buf[offset + i] = bytes[n - 1 - i];
      return offset + n;
    }
    function writeFloatLE(val, offset = 0) { float32[0] = +val; return storeScratch(this, offset, 4, true, f32Bytes); }
    function writeFloatBE(val, offset = 0) { float32[0] = +val; return storeScratch(this, offset, 4, false, f32Bytes); }
    function writeDoubleLE(val, offset = 0) { float64[0] = +val; return storeScratch(this, offset, 8, true, f64Bytes); }
    function writeDoubleBE(val, offset = 0) { float64[0] = +val; return storeScratch(this, offset, 8, false, f64Bytes); }

    function writeBig64(buf, value, offset, min, max, le) {
      checkInt(value, min, max, buf, offset, 7);
      let lo = Number(value & 0xffffffffn);
      let hi = Number((value >> 32n) & 0xffffffffn);
      for (let i = 0; i < 4; i++) {
        buf[le ? offset + i : offset + 7 - i] = lo;
        lo >>= 8;
        buf[le ? offset + 4 + i : offset + 3 - i] = hi;
        hi >>= 8;
      }
      return offset + 8;
    }
    const U64 = 2n ** 64n - 1n, I64 = 2n ** 63n;
    function writeBigUInt64LE(value, offset = 0) { return writeBig64(this, value, offset, 0n, U64, true); }
    function writeBigUInt64BE(value, offset = 0) { return writeBig64(this, value, offset, 0n, U64, false); }
    function writeBigInt64LE(value, offset = 0) { return writeBig64(this, value, offset, -I64, I64 - 1n, true); }
    function writeBigInt64BE(value, offset = 0) { return writeBig64(this, value, offset, -I64, I64 - 1n, false); }

    const methods = {
      readUInt8, readInt8, readUInt16LE, readUInt16BE, readInt16LE, readInt16BE,
      readUInt32LE, readUInt32BE, readInt32LE, readInt32BE,
      readUIntLE, readUIntBE, readIntLE, readIntBE,
      readFloatLE, readFloatBE, readDoubleLE, readDoubleBE,
      readBigUInt64LE, readBigUInt64BE, readBigInt64LE, readBigInt64BE,
      writeUInt8(value, offset = 0) { return writeU_Int8(this, value, offset, 0, 0xff); },
      writeInt8(value, offset = 0) { return writeU_Int8(this, value, offset, -0x80, 0x7f); },
      writeUInt16LE(value, offset = 0) { return writeAny(this, value, offset, 0, 0xffff, 2, true); },
      writeUInt16BE(value, offset = 0) { return writeAny(this, value, offset, 0, 0xffff, 2, false); },
      writeInt16LE(value, offset = 0) { return writeAny(this, value, offset, -0x8000, 0x7fff, 2, true); },
      writeInt16BE(value, offset = 0) { return writeAny(this, value, offset, -0x8000, 0x7fff, 2, false); },
      writeUInt32LE, writeUInt32BE,
      writeInt32LE(value, offset = 0) { return writeAny(this, value, offset, -0x80000000, 0x7fffffff, 4, true); },
      writeInt32BE(value, offset = 0) { return writeAny(this, value, offset, -0x80000000, 0x7fffffff, 4, false); },
      writeUIntLE, writeUIntBE, writeIntLE, writeIntBE,
      writeFloatLE, writeFloatBE, writeDoubleLE, writeDoubleBE,
      writeBigUInt64LE, writeBigUInt64BE, writeBigInt64LE, writeBigInt64BE,
    };
    for (const name of Object.keys(methods)) {
      proto[name] = methods[name];
      // Node's aliases: readUint8, writeBigUint64LE, ...
      if (name.includes("UInt")) proto[name.replace("UInt", "Uint")] = methods[name];
    }
  };
});
