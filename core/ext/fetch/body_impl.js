// body_impl.js: the Fetch standard's bodies: extraction (BodyInit -> body and Content-Type),
// the body mixin (text, json, arrayBuffer, bytes, blob, formData, body, bodyUsed) and
// cloning (loaded by types_impl.js at first use).
//
// A body keeps its source (a string, or bytes no one else writes) and makes a ReadableStream
// only when `.body` is read or the body must be teed: `new Response(s).text()` is the string
// back, with no stream, no encode and no decode.
(function (P) {
  "use strict";
  const ops = P.ops;
  const streams = P.streams;
  const formdata = P.loadBuiltin("core/ext/fetch/formdata_body_impl.js");

  const empty = new Uint8Array(0);
  // DOMString -> USVString (lone surrogates become U+FFFD), natively: a regex scan of a
  // body-sized string costs more than the whole rest of new Response(s).text().
  const usv = ops.toWellFormed;

  // A body. `source` is a string or a Uint8Array (immutable once here), or null when the body
  // is a stream only. `stream` is made on demand. `used` marks a body read without a stream.
  class Body {
    constructor(source, stream, length) {
      this.source = source;
      this.stream = stream;
      this.length = length;
      this.used = false;
      // A network body that arrived whole still belongs to its fetch until read: an abort
      // before then errors it (abort()). `aborted` is the reason, `controller` the byte
      // stream's once made, `onSettled` what to run once it is read, cancelled or aborted.
      this.aborted = null;
      this.controller = null;
      this.onSettled = null;
      this.clones = null; // clones made while it followed an abort: they share its fate
    }
  }

  function settle(body) {
    const f = body.onSettled;
    if (f !== null) {
      body.onSettled = null;
      f();
    }
  }

  // Abort fetch for a body that came whole: errors it unless it was read already.
  function abort(body, reason) {
    if (body === null) return;
    settle(body);
    const clones = body.clones;
    body.clones = null;
    if (clones !== null) for (const c of clones) abort(c, reason);
    if (body.stream === null) {
      if (!body.used) body.aborted = reason;
    } else if (body.controller !== null) {
      body.controller.error(reason); // a closed or errored stream is left as it is
    }
  }

  function isReadableStream(v) {
    if (typeof v !== "object" || v === null) return false;
    return v instanceof streams().ReadableStream;
  }

  function isDisturbed(body) {
    return body.used || (body.stream !== null && body.stream._disturbed === true);
  }

  function isLocked(body) {
    return body.stream !== null && body.stream.locked;
  }

  function unusable(body) {
    return isDisturbed(body) || isLocked(body);
  }

  function bytesOfSource(source) {
    return typeof source === "string" ? ops.encode(source) : source;
  }

  // An exactly-sized ArrayBuffer holding bytes that are the caller's.
  function ownBuffer(u8, fresh) {
    if (fresh && u8.byteOffset === 0 && u8.buffer.byteLength === u8.length) return u8.buffer;
    return u8.slice().buffer;
  }

  // A byte stream that gives the bytes as one chunk (a copy: enqueue transfers its buffer).
  function streamOfBytes(bytes, fresh, body) {
    const RS = streams().ReadableStream;
    let pending = bytes;
    return new RS({
      type: "bytes",
      start(c) {
        body.controller = c;
      },
      pull(c) {
        if (pending !== null && pending.length > 0) {
          c.enqueue(fresh ? pending : pending.slice());
        }
        pending = null;
        c.close();
        // A BYOB request left open after close is answered by close itself.
      },
      cancel() {
        pending = null;
        settle(body);
      },
    });
  }

  // The body's stream, made now if it was not yet.
  function streamOf(body) {
    if (body.stream === null) {
      const src = body.source;
      const fresh = typeof src === "string";
      const s = streamOfBytes(fresh ? ops.encode(src) : src, fresh, body);
      body.stream = s;
      if (body.aborted !== null) body.controller.error(body.aborted);
      else if (body.used) {
        // Read already (by a fast path): the stream is as a full read leaves it.
        const r = s.getReader();
        r.read().then(() => {}, () => {});
      }
    }
    return body.stream;
  }

  // extract a body: [Body, Content-Type or null].
  function extract(init, keepalive, what) {
    if (typeof init === "string") {
      const s = usv(init);
      return [new Body(s, null, null), "text/plain;charset=UTF-8"];
    }
    if (typeof init === "object" && init !== null) {
      if (P.isBlob === undefined) P.blob(); // blob_impl.js defines P.isBlob when it loads
      if (P.isBlob(init)) {
        const b = P.blobBytes(init);
        return [new Body(b, null, b.length), init.type === "" ? null : init.type];
      }
      if (ArrayBuffer.isView(init)) {
        const b = new Uint8Array(init.buffer, init.byteOffset, init.byteLength).slice();
        return [new Body(b, null, b.length), null];
      }
      if (init instanceof ArrayBuffer ||
          (typeof SharedArrayBuffer === "function" && init instanceof SharedArrayBuffer)) {
        const b = new Uint8Array(init).slice();
        return [new Body(b, null, b.length), null];
      }
      if (isFormData(init)) {
        const [b, boundary] = formdata.serialize(P.formDataEntries(init));
        return [new Body(b, null, b.length), `multipart/form-data; boundary=${boundary}`];
      }
      if (isURLSearchParams(init)) {
        const s = init.toString();
        return [new Body(s, null, null), "application/x-www-form-urlencoded;charset=UTF-8"];
      }
      if (isReadableStream(init)) {
        if (keepalive) throw new TypeError(`${what}: keepalive cannot be used with a stream body.`);
        if (init.locked || init._disturbed === true) {
          throw new TypeError(`${what}: The ReadableStream is locked or disturbed.`);
        }
        return [new Body(null, init, null), null];
      }
    }
    const s = usv(`${init}`);
    return [new Body(s, null, null), "text/plain;charset=UTF-8"];
  }

  let FormDataC, URLSearchParamsC;
  function isFormData(v) {
    if (FormDataC === undefined) FormDataC = P.blob().FormData;
    return v instanceof FormDataC;
  }
  function isURLSearchParams(v) {
    if (URLSearchParamsC === undefined) URLSearchParamsC = P.loadURL().URLSearchParams;
    return v instanceof URLSearchParamsC;
  }

  function unusableError() {
    return new TypeError("Body is unusable: Body has already been read");
  }

  // Read a whole stream: a promise of its bytes. Chunks must be Uint8Arrays.
  function readAll(stream) {
    const reader = stream.getReader();
    const chunks = [];
    let total = 0;
    return new Promise((resolve, reject) => {
      function step(r) {
        if (r.done) {
          if (chunks.length === 1) return resolve(chunks[0]);
          const out = new Uint8Array(total);
          let off = 0;
          for (const c of chunks) {
            out.set(c, off);
            off += c.length;
          }
          return resolve(out);
        }
        const c = r.value;
        if (!(c instanceof Uint8Array)) {
          const e = new TypeError("Received non-Uint8Array chunk");
          reader.cancel(e).then(() => {}, () => {});
          return reject(e);
        }
        chunks.push(c);
        total += c.length;
        reader.read().then(step, reject);
      }
      reader.read().then(step, reject);
    });
  }

  function decodeUtf8(b) {
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    return ops.decode(b, false);
  }

  // Consume a body (null: empty) as `kind`. Returns a promise.
  //   fresh: whether the bytes handed to `convert` are the caller's (no copy needed).
  function consume(body, kind, mime) {
    if (body === null) {
      try {
        return Promise.resolve(convert(empty, kind, mime, false, ""));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    if (unusable(body)) return Promise.reject(unusableError());
    if (body.stream === null) {
      if (body.aborted !== null) return Promise.reject(body.aborted);
      body.used = true;
      settle(body);
      try {
        const src = body.source;
        if (typeof src === "string") {
          if (kind === "text") return Promise.resolve(src);
          if (kind === "json") return Promise.resolve(JSON.parse(src));
          return Promise.resolve(convert(ops.encode(src), kind, mime, true, src));
        }
        return Promise.resolve(convert(src, kind, mime, false, null));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return readAll(body.stream).then((b) => convert(b, kind, mime, true, null));
  }

  function convert(bytes, kind, mime, fresh, text) {
    switch (kind) {
      case "text":
        return decodeUtf8(bytes);
      case "json":
        return JSON.parse(decodeUtf8(bytes));
      case "arrayBuffer":
        return ownBuffer(bytes, fresh);
      case "bytes":
        return fresh ? bytes : bytes.slice();
      case "blob": {
        const { Blob } = P.blob();
        const m = mime === null ? null : formdata.extractMimeType(mime);
        return new Blob([bytes], { type: m === null ? "" : formdata.serializeMimeType(m) });
      }
      case "formData":
        return formdata.parse(bytes, mime, text);
    }
    throw new TypeError(`unknown body kind ${kind}`);
  }

  // Clone: the source is shared (immutable); a stream is teed, this body keeping one branch.
  function clone(body) {
    if (body === null) return null;
    if (body.stream === null) {
      const c = new Body(body.source, null, body.length);
      c.aborted = body.aborted;
      if (body.onSettled !== null) (body.clones ??= []).push(c);
      return c;
    }
    const [a, b] = body.stream.tee();
    body.stream = a;
    return new Body(null, b, body.length);
  }

  // The body as the network client takes it: known bytes, or a stream.
  function parts(body) {
    if (body === null) return null;
    if (body.stream === null) {
      const b = bytesOfSource(body.source);
      return { source: b, stream: null, length: b.length };
    }
    return { source: null, stream: body.stream, length: body.length };
  }

  // Mark a body used (the client has taken it).
  function markUsed(body) {
    if (body !== null) body.used = true;
  }

  // Install the body mixin on a class's prototype. `bodyOf(self)` gives the Body (or null) and
  // throws a TypeError for a wrong `this`; `mimeOf(self)` the Content-Type (or null).
  function install(proto, tag, bodyOf, mimeOf) {
    const methods = {
      get body() {
        const b = bodyOf(this);
        return b === null ? null : streamOf(b);
      },
      get bodyUsed() {
        const b = bodyOf(this);
        return b !== null && isDisturbed(b);
      },
      arrayBuffer() {
        return run(this, "arrayBuffer");
      },
      blob() {
        return run(this, "blob");
      },
      bytes() {
        return run(this, "bytes");
      },
      formData() {
        return run(this, "formData");
      },
      json() {
        return run(this, "json");
      },
      text() {
        return run(this, "text");
      },
    };
    function run(self, kind) {
      let b, mime = null;
      try {
        b = bodyOf(self);
        if (kind === "blob" || kind === "formData") mime = mimeOf(self);
      } catch (e) {
        return Promise.reject(e);
      }
      return consume(b, kind, mime);
    }
    for (const key of Object.getOwnPropertyNames(methods)) {
      const d = Object.getOwnPropertyDescriptor(methods, key);
      d.enumerable = true;
      Object.defineProperty(proto, key, d);
    }
  }

  return {
    Body, extract, consume, clone, parts, markUsed, install, streamOf, isDisturbed, isLocked, abort,
    unusable, isReadableStream, usv, unusableError,
    // A body from the network's bytes or stream.
    fromNetwork(body) {
      if (body === null || body === undefined) return null;
      if (body instanceof Uint8Array) return new Body(body, null, body.length);
      return new Body(null, body, null);
    },
  };
});
