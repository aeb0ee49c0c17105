// text_impl.js: TextEncoder and TextDecoder, compiled from the binary at first use (text.js).
// The work is native: UTF-8, UTF-16 and single-byte text become strings straight from the
// bytes (core/ext/encoding/encoding.c), legacy multi-byte encodings go through ICU
// (legacy.c). JS keeps the labels, the WebIDL conversions and the streaming state.
(function (P) {
  "use strict";
  const ops = P.ops;

  // Every encoding of the standard and its labels ("name:label label ...").
  const table =
    "utf-8:unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8|" +
    "ibm866:866 cp866 csibm866 ibm866|" +
    "iso-8859-2:csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 " +
    "iso_8859-2:1987 l2 latin2|" +
    "iso-8859-3:csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 " +
    "iso_8859-3:1988 l3 latin3|" +
    "iso-8859-4:csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 " +
    "iso_8859-4:1988 l4 latin4|" +
    "iso-8859-5:csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 " +
    "iso_8859-5 iso_8859-5:1988|" +
    "iso-8859-6:arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 " +
    "iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987|" +
    "iso-8859-7:csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 " +
    "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek|" +
    "iso-8859-8:csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 " +
    "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual|" +
    "iso-8859-8-i:csiso88598i iso-8859-8-i logical|" +
    "iso-8859-10:csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6|" +
    "iso-8859-13:iso-8859-13 iso8859-13 iso885913|" +
    "iso-8859-14:iso-8859-14 iso8859-14 iso885914|" +
    "iso-8859-15:csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9|" +
    "iso-8859-16:iso-8859-16|" +
    "koi8-r:cskoi8r koi koi8 koi8-r koi8_r|" +
    "koi8-u:koi8-ru koi8-u|" +
    "macintosh:csmacintosh mac macintosh x-mac-roman|" +
    "windows-874:dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874|" +
    "windows-1250:cp1250 windows-1250 x-cp1250|" +
    "windows-1251:cp1251 windows-1251 x-cp1251|" +
    "windows-1252:ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 " +
    "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252|" +
    "windows-1253:cp1253 windows-1253 x-cp1253|" +
    "windows-1254:cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 " +
    "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254|" +
    "windows-1255:cp1255 windows-1255 x-cp1255|" +
    "windows-1256:cp1256 windows-1256 x-cp1256|" +
    "windows-1257:cp1257 windows-1257 x-cp1257|" +
    "windows-1258:cp1258 windows-1258 x-cp1258|" +
    "x-mac-cyrillic:x-mac-cyrillic x-mac-ukrainian|" +
    "gbk:chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk|" +
    "gb18030:gb18030|" +
    "big5:big5 big5-hkscs cn-big5 csbig5 x-x-big5|" +
    "euc-jp:cseucpkdfmtjapanese euc-jp x-euc-jp|" +
    "iso-2022-jp:csiso2022jp iso-2022-jp|" +
    "shift_jis:csshiftjis ms_kanji shift-jis shift_jis sjis windows-31j x-sjis|" +
    "euc-kr:cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 " +
    "ksc5601 ksc_5601 windows-949|" +
    "replacement:csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr replacement|" +
    "utf-16be:unicodefffe utf-16be|" +
    "utf-16le:csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le|" +
    "x-user-defined:x-user-defined";

  function codeError(Ctor, code, message) {
    const err = new Ctor(message);
    err.code = code;
    return err;
  }

  function describe(v) {
    if (v === null) return " Received null";
    if (v === undefined) return " Received undefined";
    if (typeof v === "function") return ` Received function ${v.name}`;
    if (typeof v === "object") {
      const name = v.constructor && v.constructor.name;
      return name ? ` Received an instance of ${name}` : " Received an instance of Object";
    }
    let s = typeof v === "string" ? `'${v}'` : String(v);
    if (s.length > 28) s = `${s.slice(0, 25)}...`;
    return ` Received type ${typeof v} (${s})`;
  }

  // WebIDL: a dictionary argument is undefined, null or an object.
  function dictionary(options, name) {
    if (options === undefined || options === null) return undefined;
    if (typeof options !== "object" && typeof options !== "function") {
      throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
        `The "${name}" argument must be of type object.${describe(options)}`);
    }
    return options;
  }

  // WebIDL operations and attributes are enumerable; classes make them not.
  const webidl = P.webidlClass;

  const labels = new Map();
  for (const entry of table.split("|")) {
    const colon = entry.indexOf(":");
    const name = entry.slice(0, colon);
    for (const label of entry.slice(colon + 1).split(" ")) labels.set(label, name);
  }

  // ------------------------------------------------------------------ TextEncoder

  const intoResult = new Float64Array(2);

  class TextEncoder {
    #brand;

    get encoding() {
      if (!(#brand in this)) throw new TypeError("Illegal invocation");
      return "utf-8";
    }

    encode(input = "") {
      if (!(#brand in this)) throw new TypeError("Illegal invocation");
      return ops.encode(`${input}`);
    }

    encodeInto(source, destination) {
      if (!(#brand in this)) throw new TypeError("Illegal invocation");
      if (arguments.length < 2) {
        throw codeError(TypeError, "ERR_MISSING_ARGS",
          `The "${arguments.length === 0 ? "source" : "destination"}" argument must be specified`);
      }
      const src = `${source}`;
      if (!(destination instanceof Uint8Array)) {
        throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
          `The "dest" argument must be an instance of Uint8Array.${describe(destination)}`);
      }
      ops.encodeInto(src, destination, intoResult);
      return { read: intoResult[0], written: intoResult[1] };
    }
  }
  webidl(TextEncoder, "TextEncoder");

  // ------------------------------------------------------------------ TextDecoder

  const empty = new Uint8Array(0);
  const UTF8 = 0, UTF16LE = 1, UTF16BE = 2, SINGLE = 3, MULTI = 4;
  const multiByte = new Set(["gbk", "gb18030", "big5", "euc-jp", "iso-2022-jp", "shift_jis",
    "euc-kr"]);

  // The bytes of a BufferSource (SharedArrayBuffer-backed too). A detached buffer reads
  // as empty, as in browsers and Node.
  function toBytes(input) {
    if (ArrayBuffer.isView(input)) {
      if (input.buffer.byteLength === 0) return empty;
      return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    }
    if (input instanceof ArrayBuffer ||
        (typeof SharedArrayBuffer === "function" && input instanceof SharedArrayBuffer)) {
      return input.byteLength === 0 ? empty : new Uint8Array(input);
    }
    throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
      'The "input" argument must be an instance of ArrayBuffer or ArrayBufferView.' +
      describe(input));
  }

  function concat(a, b) {
    const joined = new Uint8Array(a.length + b.length);
    joined.set(a, 0);
    joined.set(b, a.length);
    return joined;
  }

  // A streaming decoder of a multi-byte legacy encoding holds an ICU converter (a slot);
  // one collected mid-stream gives it back.
  const slots = new FinalizationRegistry((slot) => ops.mbRelease(slot));

  class TextDecoder {
    #encoding;
    #kind;
    #index = -1; // legacy encodings: the native table's index
    #fatal;
    #ignoreBOM;
    #bomSeen = false; // output began (a BOM is only looked for at the start)
    #pending = null; // UTF-8/16: bytes of an incomplete sequence kept between calls
    #slot = 0; // multi-byte legacy: the converter held while streaming
    #token = null;

    constructor(label = "utf-8", options = undefined) {
      const key = `${label}`.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").toLowerCase();
      const name = labels.get(key);
      if (name === undefined || name === "replacement") {
        throw codeError(RangeError, "ERR_ENCODING_NOT_SUPPORTED",
          `The "${label}" encoding is not supported`);
      }
      options = dictionary(options, "options");
      this.#fatal = Boolean(options && options.fatal);
      this.#ignoreBOM = Boolean(options && options.ignoreBOM);
      this.#encoding = name;
      if (name === "utf-8") this.#kind = UTF8;
      else if (name === "utf-16le") this.#kind = UTF16LE;
      else if (name === "utf-16be") this.#kind = UTF16BE;
      else {
        this.#index = ops.legacyIndex(name);
        this.#kind = multiByte.has(name) ? MULTI : SINGLE;
      }
    }

    get encoding() { return this.#encoding; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }

    decode(input = undefined, options = undefined) {
      let bytes = input === undefined ? empty : toBytes(input);
      options = dictionary(options, "options");
      const stream = Boolean(options && options.stream);
      const kind = this.#kind;
      let out;
      try {
        if (kind === SINGLE) {
          out = ops.sbDecode(this.#index, bytes, this.#fatal);
        } else if (kind === MULTI) {
          if (stream && this.#slot === 0) {
            this.#slot = ops.mbOpen(this.#index);
            this.#token = {};
            slots.register(this, this.#slot, this.#token);
          }
          const slot = this.#slot;
          if (!stream) this.#endSlot();
          out = ops.mbDecode(this.#index, bytes, this.#fatal, stream, slot);
        } else {
          if (this.#pending !== null) {
            bytes = concat(this.#pending, bytes);
            this.#pending = null;
          }
          if (stream) {
            const tail = kind === UTF8 ? ops.utf8Tail(bytes) : utf16Tail(bytes, kind === UTF16BE);
            if (tail > 0) {
              this.#pending = bytes.slice(bytes.length - tail);
              bytes = bytes.subarray(0, bytes.length - tail);
            }
          }
          out = kind === UTF8 ? ops.decode(bytes, this.#fatal)
            : ops.decodeUtf16(bytes, kind === UTF16BE, this.#fatal);
          if (!this.#bomSeen && out.length > 0) {
            this.#bomSeen = true;
            if (!this.#ignoreBOM && out.charCodeAt(0) === 0xfeff) out = out.slice(1);
          }
        }
      } catch (e) {
        this.#reset();
        throw e;
      }
      if (!stream) this.#reset();
      return out;
    }

    #endSlot() {
      if (this.#slot !== 0) {
        slots.unregister(this.#token);
        this.#slot = 0;
        this.#token = null;
      }
    }

    #reset() {
      this.#pending = null;
      this.#bomSeen = false;
      if (this.#slot !== 0) {
        ops.mbRelease(this.#slot);
        this.#endSlot();
      }
    }
  }
  webidl(TextDecoder, "TextDecoder");

  // Bytes at the end of a UTF-16 chunk kept for the next: an odd byte, and a lead
  // surrogate whose trail may come next.
  function utf16Tail(bytes, be) {
    const n = bytes.length;
    let tail = n & 1;
    if (n - tail >= 2) {
      const hi = bytes[n - tail - (be ? 2 : 1)];
      if (hi >= 0xd8 && hi <= 0xdb) tail += 2;
    }
    return tail;
  }

  return { TextEncoder, TextDecoder };
});
