// node:string_decoder: StringDecoder with Node's rules (src/string_decoder.cc): a character
// split across writes is held back (UTF-8 by its lead byte's pattern, UTF-16LE an odd byte or
// a lead surrogate, base64 a group's remainder) and decoded once complete or at end(); bytes
// are decoded natively by Buffer's slice op, invalid UTF-8 as U+FFFD the way V8 does.
(function (P) {
  "use strict";
  const { Buffer } = P.nodeRequire("buffer");
  const { normalizeEncoding, SLICE, slice } = P.nodeBufferInternals;
  const E = P.loadBuiltin("core/ext/node/internal/errors.js");

  // The state is a 7-byte Buffer, as Node's (and shown as Node shows it): the held bytes, then
  // the bytes still missing, the bytes held, and the encoding's number in Node's table.
  const kState = Symbol("kNativeDecoder");
  const MISSING = 4, BUFFERED = 5, ENCODING = 6;
  const encodingNumbers = { ascii: 0, utf8: 1, base64: 2, utf16le: 3, latin1: 4, hex: 5, base64url: 7 };
  const encodingByNumber = [];
  for (const [name, n] of Object.entries(encodingNumbers)) encodingByNumber[n] = name;
  const codes = {
    utf8: SLICE.utf8, utf16le: SLICE.ucs2, latin1: SLICE.latin1, ascii: SLICE.ascii,
    hex: SLICE.hex, base64: SLICE.base64, base64url: SLICE.base64url,
  };

  function normalize(enc) {
    const nenc = normalizeEncoding(enc);
    if (nenc === undefined) throw E.nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${enc}`);
    return nenc;
  }

  const encodingOf = (st) => encodingByNumber[st[ENCODING]];

  function decodeBuffered(st, code) {
    const n = st[BUFFERED];
    st[BUFFERED] = 0;
    st[MISSING] = 0;
    return slice(st, 0, n, code);
  }

  // Node's DecodeData: finish a held character, decode the middle, hold the new tail.
  function decode(st, view, enc) {
    const code = codes[enc];
    let start = 0;
    let end = view.byteLength;
    const bytes = view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    let prepend = "";
    if (st[MISSING] > 0 && end > 0) {
      if (enc === "utf8") {
        // A byte that should continue the held character but does not starts a new one;
        // the held bytes are decoded as they are.
        for (let i = 0; i < end && i < st[MISSING]; i++) {
          if ((bytes[i] & 0xC0) !== 0x80) {
            st[MISSING] = 0;
            for (let k = 0; k < i; k++) st[st[BUFFERED]++] = bytes[k];
            start = i;
            break;
          }
        }
      }
      const found = Math.min(end - start, st[MISSING]);
      for (let k = 0; k < found; k++) st[st[BUFFERED]++] = bytes[start + k];
      start += found;
      st[MISSING] -= found;
      if (st[MISSING] === 0) prepend = decodeBuffered(st, code);
      if (start === end) return prepend;
    }
    if (start === end) return prepend;
    // The tail to hold back.
    let hold = 0;
    if (enc === "utf8") {
      if (bytes[end - 1] & 0x80) {
        let buffered = 0;
        for (let i = end - 1; ; --i) {
          buffered++;
          const b = bytes[i];
          if ((b & 0xC0) === 0x80) {
            if (buffered >= 4 || i === start) {
              buffered = 0;
              break;
            }
          } else {
            let need;
            if ((b & 0xE0) === 0xC0) need = 2;
            else if ((b & 0xF0) === 0xE0) need = 3;
            else if ((b & 0xF8) === 0xF0) need = 4;
            else {
              buffered = 0;
              break;
            }
            if (buffered >= need) {
              buffered = 0;
            } else {
              st[MISSING] = need - buffered;
            }
            break;
          }
        }
        hold = buffered;
      }
    } else if (enc === "utf16le") {
      if ((end - start) % 2 === 1) {
        hold = 1;
        st[MISSING] = 1;
      } else if ((bytes[end - 1] & 0xFC) === 0xD8) {
        hold = 2;
        st[MISSING] = 2;
      }
    } else if (enc === "base64" || enc === "base64url") {
      hold = (end - start) % 3;
      if (hold > 0) st[MISSING] = 3 - hold;
    }
    for (let k = 0; k < hold; k++) st[st[BUFFERED]++] = bytes[end - hold + k];
    end -= hold;
    if (end <= start) return prepend;
    const body = slice(view, start, end, code);
    return prepend ? prepend + body : body;
  }

  function flush(st, enc) {
    if (enc === "utf16le" && st[BUFFERED] % 2 === 1) {
      // A single trailing byte is dropped, as Node's decoder does.
      st[BUFFERED]--;
      st[MISSING] = 0;
    }
    if (st[BUFFERED] === 0) {
      st[MISSING] = 0;
      return "";
    }
    return decodeBuffered(st, codes[enc]);
  }

  class StringDecoder {
    constructor(encoding) {
      this.encoding = normalize(encoding);
      this[kState] = Buffer.alloc(7);
      this[kState][ENCODING] = encodingNumbers[this.encoding];
    }

    write(buf) {
      if (typeof buf === "string") return buf;
      if (!ArrayBuffer.isView(buf)) throw E.invalidArgType("buf", ["Buffer", "TypedArray", "DataView"], buf);
      if (!this[kState]) throw E.nodeError(TypeError, "ERR_INVALID_THIS", "Value of \"this\" must be of type StringDecoder");
      return decode(this[kState], buf, encodingOf(this[kState]));
    }

    end(buf) {
      let ret = "";
      if (buf !== undefined) ret = this.write(buf);
      const st = this[kState];
      if (st[BUFFERED] > 0) ret += flush(st, encodingOf(st));
      else st[MISSING] = 0;
      return ret;
    }

    // Node's legacy entry: decode buf from offset, forgetting what was held.
    text(buf, offset) {
      this[kState][MISSING] = 0;
      this[kState][BUFFERED] = 0;
      return this.write(buf.slice(offset));
    }

    get lastTotal() { return this[kState][BUFFERED] + this.lastNeed; }
    get lastChar() { return this[kState].subarray(0, 4); }
    get lastNeed() { return this[kState][MISSING]; }
  }

  return { StringDecoder };
});
