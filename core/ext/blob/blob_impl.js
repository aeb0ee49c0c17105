// blob_impl.js: Blob and File (File API) and FormData (XHR), compiled at first use of any of
// them (blob.js registers the globals).
//
// Bytes: a Blob holds one Uint8Array view over an ArrayBuffer that no one else can write. The
// constructor copies its parts once into a fresh buffer (the parts are mutable, the Blob is
// not); slice() makes a view over the same buffer (no copy, whatever its size), and so does a
// Blob made of one Blob, and the File FormData makes from a Blob. text() hands the view to the
// encoding extension's native UTF-8 decoder (one V8 string straight from the bytes);
// arrayBuffer() and bytes() copy, since their results are the caller's to write.
(function (P) {
  "use strict";
  const ops = P.ops;

  const internal = Symbol("internal");
  const empty = new Uint8Array(0);
  let isBlob, bytesOf, typeOf, fileParts;

  // WebIDL's "Illegal constructor" and friends, as TypeErrors with a clear message.
  function typeError(msg) {
    return new TypeError(msg);
  }

  // DOMString -> USVString: lone surrogates become U+FFFD.
  const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  const anySurrogate = /[\uD800-\uDFFF]/;
  function usv(v) {
    const s = `${v}`;
    return anySurrogate.test(s) ? s.replace(loneSurrogate, "\uFFFD") : s;
  }

  // A type: ASCII-lowercased, or "" when a character is outside U+0020..U+007E.
  function normalizeType(t) {
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) return "";
    }
    return t.toLowerCase();
  }

  function isBufferSource(v) {
    return ArrayBuffer.isView(v) || v instanceof ArrayBuffer;
  }

  // sequence<BlobPart>: iterated with its own @@iterator; each element converted in order
  // (Blob, BufferSource, else USVString through ToString).
  function convertParts(parts, what) {
    if (parts === undefined) return [];
    if (parts === null || (typeof parts !== "object" && typeof parts !== "function")) {
      throw typeError(`${what}: The provided value cannot be converted to a sequence.`);
    }
    const method = parts[Symbol.iterator];
    if (typeof method !== "function") {
      throw typeError(`${what}: The object must have a callable @@iterator property.`);
    }
    const iter = method.call(parts);
    if (iter === null || (typeof iter !== "object" && typeof iter !== "function")) {
      throw typeError(`${what}: The iterator is not an object.`);
    }
    const next = iter.next;
    const out = [];
    for (;;) {
      const r = next.call(iter);
      if (r === null || (typeof r !== "object" && typeof r !== "function")) {
        throw typeError(`${what}: The iterator result is not an object.`);
      }
      if (r.done) break;
      const v = r.value;
      if (v !== null && typeof v === "object" && (isBlob(v) || isBufferSource(v))) out.push(v);
      else out.push(usv(v));
    }
    return out;
  }

  function checkOptions(opts, what) {
    if (opts !== undefined && opts !== null && typeof opts !== "object" &&
        typeof opts !== "function") {
      throw typeError(`${what}: The provided value is not of type 'BlobPropertyBag'.`);
    }
  }

  function endingsOf(opts, what) {
    const e = opts == null ? undefined : opts.endings;
    if (e === undefined) return false;
    const s = `${e}`;
    if (s === "native") return true;
    if (s === "transparent") return false;
    throw typeError(`${what}: The provided value '${s}' is not a valid enum value of type ` +
      "EndingType.");
  }

  function typeOption(opts) {
    const t = opts == null ? undefined : opts.type;
    return t === undefined ? "" : `${t}`;
  }

  // The bytes of the converted parts, in one buffer of their own.
  function processParts(parts, native) {
    if (parts.length === 0) return empty;
    if (parts.length === 1 && isBlob(parts[0])) return bytesOf(parts[0]);
    const chunks = new Array(parts.length);
    let total = 0;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      let b;
      if (typeof p === "string") {
        b = ops.encode(native ? p.replace(/\r\n?/g, "\n") : p);
      } else if (isBlob(p)) {
        b = bytesOf(p);
      } else if (ArrayBuffer.isView(p)) {
        // A detached buffer reads as empty.
        b = p.buffer.byteLength === 0 ? empty
          : new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
      } else {
        b = new Uint8Array(p);
      }
      chunks[i] = b;
      total += b.length;
    }
    // One string part: its encoding is a fresh buffer already.
    if (parts.length === 1 && typeof parts[0] === "string") return chunks[0];
    const out = new Uint8Array(total);
    let off = 0;
    for (let i = 0; i < chunks.length; i++) {
      out.set(chunks[i], off);
      off += chunks[i].length;
    }
    return out;
  }

  // [Clamp] long long
  function clampLongLong(v) {
    let n = +v;
    if (n !== n) return 0;
    n = Math.min(Math.max(n, -9007199254740991), 9007199254740991);
    const f = Math.floor(n);
    const d = n - f;
    if (d > 0.5 || (d === 0.5 && f % 2 !== 0)) return f + 1;
    return f;
  }

  function relative(v, size) {
    return v < 0 ? Math.max(size + v, 0) : Math.min(v, size);
  }

  // Promise-returning operations reject on a bad `this` rather than throw (WebIDL).
  function promiseOp(self, fn) {
    try {
      return Promise.resolve(fn(bytesOf(self)));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  // stream(): a byte stream of the blob's bytes, read in chunks of at most streamChunk bytes.
  // A BYOB read is filled straight from the blob's bytes; a default read gets a fresh copy (an
  // enqueued chunk's buffer is transferred to the reader, and the blob's must stay intact).
  const streamChunk = 65536;
  function byteStream(bytes) {
    const { ReadableStream } = P.streams();
    let pos = 0;
    return new ReadableStream({
      type: "bytes",
      pull(controller) {
        const request = controller.byobRequest;
        if (pos < bytes.length) {
          if (request !== null) {
            const view = request.view;
            const n = Math.min(view.byteLength, bytes.length - pos);
            new Uint8Array(view.buffer, view.byteOffset, n).set(bytes.subarray(pos, pos + n));
            pos += n;
            request.respond(n);
          } else {
            const end = Math.min(pos + streamChunk, bytes.length);
            controller.enqueue(bytes.slice(pos, end));
            pos = end;
          }
        }
        if (pos >= bytes.length) {
          controller.close();
          const left = controller.byobRequest;
          if (left !== null) left.respond(0);
        }
      },
    }, { highWaterMark: 0 });
  }

  // On the platform base (core/ext/messaging/clone.js): structuredClone and postMessage
  // copy Blobs and Files through the serializable entry below.
  class Blob extends P.platformBase() {
    #bytes;
    #type;

    constructor(blobParts = undefined, options = undefined) {
      super();
      if (blobParts === internal) {
        this.#bytes = arguments[1];
        this.#type = arguments[2];
        return;
      }
      const parts = convertParts(blobParts, "Failed to construct 'Blob'");
      checkOptions(options, "Failed to construct 'Blob'");
      const native = endingsOf(options, "Failed to construct 'Blob'");
      const type = typeOption(options);
      this.#bytes = processParts(parts, native);
      this.#type = normalizeType(type);
    }

    get size() {
      return this.#bytes.length;
    }

    get type() {
      return this.#type;
    }

    slice(start = undefined, end = undefined, contentType = undefined) {
      const bytes = this.#bytes;
      const size = bytes.length;
      const from = start === undefined ? 0 : relative(clampLongLong(start), size);
      const to = end === undefined ? size : relative(clampLongLong(end), size);
      const type = contentType === undefined ? "" : normalizeType(`${contentType}`);
      const view = to > from ? bytes.subarray(from, to) : empty;
      return new Blob(internal, view, type);
    }

    text() {
      return promiseOp(this, (b) => {
        // UTF-8 decode: a leading BOM is dropped, invalid sequences become U+FFFD.
        if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
        return ops.decode(b, false);
      });
    }

    arrayBuffer() {
      return promiseOp(this, (b) => b.slice().buffer);
    }

    bytes() {
      return promiseOp(this, (b) => b.slice());
    }

    stream() {
      return byteStream(bytesOf(this));
    }

    static {
      isBlob = (v) => typeof v === "object" && v !== null && #bytes in v;
      bytesOf = (b) => b.#bytes;
      typeOf = (b) => b.#type;
    }
  }

  class File extends Blob {
    #name;
    #lastModified;

    constructor(fileBits, fileName, options = undefined) {
      if (fileBits === internal) {
        super(internal, arguments[3], arguments[4]);
        this.#name = fileName;
        this.#lastModified = options;
        return;
      }
      if (arguments.length < 2) {
        throw typeError(`Failed to construct 'File': 2 arguments required, but only ${
          arguments.length} present.`);
      }
      const what = "Failed to construct 'File'";
      const parts = convertParts(fileBits, what);
      const name = usv(fileName);
      checkOptions(options, what);
      // FilePropertyBag members in order: endings, lastModified, type.
      const native = endingsOf(options, what);
      const lm = options == null ? undefined : options.lastModified;
      const lastModified = lm === undefined ? Date.now() : toLongLong(lm);
      const type = typeOption(options);
      super(internal, processParts(parts, native), normalizeType(type));
      this.#name = name;
      this.#lastModified = lastModified;
    }

    get name() {
      return this.#name;
    }

    get lastModified() {
      return this.#lastModified;
    }

    get webkitRelativePath() {
      this.#name; // brand check
      return "";
    }

    static {
      fileParts = (f) => (#name in f ? [f.#name, f.#lastModified] : null);
    }
  }

  // HTML's serialization steps: the bytes (immutable: the serializer copies the view), the
  // type, and a File's name and lastModified. A subclass comes back as Blob or File.
  P.serializable({
    name: "Blob",
    is: isBlob,
    serialize(b) {
      const f = fileParts(b);
      return f === null ? [bytesOf(b), typeOf(b)] : [bytesOf(b), typeOf(b), f[0], f[1]];
    },
    deserialize(d) {
      return d.length === 2 ? new Blob(internal, d[0], d[1]) : new File(internal, d[2], d[3], d[0], d[1]);
    },
  });

  // long long: ToNumber, non-finite -> 0, truncated, wrapped to 64 bits (past 2^53 the
  // double already lost the low bits; BigInt.asIntN keeps the sign right).
  function toLongLong(v) {
    const n = +v;
    if (!Number.isFinite(n)) return 0;
    const t = Math.trunc(n);
    if (Number.isSafeInteger(t)) return t === 0 ? 0 : t;
    return Number(BigInt.asIntN(64, BigInt(t)));
  }

  function makeFile(bytes, name, type, lastModified) {
    return new File(internal, name, lastModified, bytes, type);
  }

  // ---------------------------------------------------------------- FormData

  function entryValue(value, filename, nargs) {
    if (!isBlob(value)) return usv(value);
    const isFile = value instanceof File;
    if (nargs > 2) {
      return makeFile(bytesOf(value), usv(filename), value.type,
        isFile ? value.lastModified : Date.now());
    }
    if (isFile) return value;
    return makeFile(bytesOf(value), "blob", value.type, Date.now());
  }

  function argCount(what, n, need, got) {
    if (got < need) {
      throw typeError(`Failed to execute '${what}' on 'FormData': ${need} argument${
        need > 1 ? "s" : ""} required, but only ${got} present.`);
    }
  }

  function blobArg(what, value, got) {
    if (got > 2 && !(value !== null && typeof value === "object" && isBlob(value))) {
      throw typeError(`Failed to execute '${what}' on 'FormData': parameter 2 is not of type ` +
        "'Blob'.");
    }
  }

  let entriesOf;

  class FormData {
    #list = []; // [name, value] pairs

    constructor(form = undefined, submitter = undefined) {
      if (form !== undefined) {
        throw typeError("Failed to construct 'FormData': parameter 1 is not of type " +
          "'HTMLFormElement'.");
      }
    }

    append(name, value, filename = undefined) {
      const list = this.#list;
      const n = arguments.length;
      argCount("append", 0, 2, n);
      blobArg("append", value, n);
      list.push([usv(name), entryValue(value, filename, n)]);
    }

    delete(name) {
      const list = this.#list;
      argCount("delete", 0, 1, arguments.length);
      const key = usv(name);
      let j = 0;
      for (let i = 0; i < list.length; i++) if (list[i][0] !== key) list[j++] = list[i];
      list.length = j;
    }

    get(name) {
      const list = this.#list;
      argCount("get", 0, 1, arguments.length);
      const key = usv(name);
      for (let i = 0; i < list.length; i++) if (list[i][0] === key) return list[i][1];
      return null;
    }

    getAll(name) {
      const list = this.#list;
      argCount("getAll", 0, 1, arguments.length);
      const key = usv(name);
      const out = [];
      for (let i = 0; i < list.length; i++) if (list[i][0] === key) out.push(list[i][1]);
      return out;
    }

    has(name) {
      const list = this.#list;
      argCount("has", 0, 1, arguments.length);
      const key = usv(name);
      for (let i = 0; i < list.length; i++) if (list[i][0] === key) return true;
      return false;
    }

    set(name, value, filename = undefined) {
      const list = this.#list;
      const n = arguments.length;
      argCount("set", 0, 2, n);
      blobArg("set", value, n);
      const key = usv(name);
      const entry = [key, entryValue(value, filename, n)];
      // The first entry of that name is replaced, the others removed.
      let j = 0;
      let done = false;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] !== key) list[j++] = list[i];
        else if (!done) {
          list[j++] = entry;
          done = true;
        }
      }
      list.length = j;
      if (!done) list.push(entry);
    }

    entries() {
      return new FormDataIterator(this.#list, 2);
    }

    keys() {
      return new FormDataIterator(this.#list, 0);
    }

    values() {
      return new FormDataIterator(this.#list, 1);
    }

    forEach(callback, thisArg = undefined) {
      const list = this.#list;
      if (typeof callback !== "function") {
        throw typeError("Failed to execute 'forEach' on 'FormData': The callback provided " +
          "as parameter 1 is not a function.");
      }
      for (let i = 0; i < list.length; i++) {
        callback.call(thisArg, list[i][1], list[i][0], this);
      }
    }

    static {
      entriesOf = (fd) => fd.#list;
    }
  }
  P.formDataEntries = entriesOf; // for fetch's body encoding
  // For fetch bodies: a Blob's bytes (a view the caller must not write) and whether a value
  // is a Blob, without a copy.
  P.blobBytes = bytesOf;
  P.isBlob = isBlob;

  // The pair iterator: live over the list (an entry appended while iterating is seen).
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  class FormDataIterator {
    #list;
    #kind;
    #index = 0;
    constructor(list, kind) {
      this.#list = list;
      this.#kind = kind;
    }
    next() {
      const list = this.#list;
      const i = this.#index;
      if (i >= list.length) return { value: undefined, done: true };
      this.#index = i + 1;
      const e = list[i];
      const kind = this.#kind;
      return { value: kind === 2 ? [e[0], e[1]] : e[kind], done: false };
    }
  }
  const iterProto = FormDataIterator.prototype;
  Object.setPrototypeOf(iterProto, IteratorPrototype);
  Object.defineProperty(iterProto, "next", { enumerable: true });
  Object.defineProperty(iterProto, Symbol.toStringTag, {
    value: "FormData Iterator", configurable: true,
  });
  delete iterProto.constructor;

  // WebIDL shapes: members enumerable, @@toStringTag, FormData's @@iterator is entries.
  for (const C of [Blob, File, FormData]) P.webidlClass(C, C.name);
  Object.defineProperty(FormData.prototype, Symbol.iterator, {
    value: FormData.prototype.entries, writable: true, enumerable: false, configurable: true,
  });

  return { Blob, File, FormData };
});
