// client_impl.js: fetch. http(s) goes through libcurl's multi interface on the runtime's loop
// (core/ext/fetch/client.c: fetchOpen, fetchHead, fetchRead, fetchTake, fetchWrite,
// fetchClose); redirects follow the Fetch standard here (libcurl's own following is off);
// data: and file: URLs are answered without libcurl. Ops never reject: a result string
// starting with "E" is a libcurl failure ("E<curl code>\t<code>\t<message>"), "A" means the
// transfer was closed (abort).
(function (P) {
  "use strict";
  const { fetchOpen, fetchHead, fetchRead, fetchTake, fetchWrite, fetchClose } = P.ops;

  const OPEN_STREAM_BODY = 1, OPEN_HEAD = 2;
  const REDIRECT_STATUS = [301, 302, 303, 307, 308];
  const NULL_BODY_STATUS = [101, 103, 204, 205, 304];
  const REQUEST_BODY_HEADERS = ["content-encoding", "content-language", "content-location",
    "content-type"];

  let types;
  function T() {
    return types ??= P.fetchTypes();
  }

  function failed(cause) {
    if (cause.code === "NotCapable") { // the sandbox refused the address (client.c)
      const e = new Error(cause.message);
      e.name = "NotCapable";
      return e;
    }
    return new TypeError("fetch failed", { cause });
  }

  function causeError(message, code) {
    const err = new Error(message);
    if (code !== undefined) err.code = code;
    return err;
  }

  // "E<curl code>\t<code>\t<message>" -> an Error with code and curlCode.
  function curlCause(s) {
    const t1 = s.indexOf("\t"), t2 = s.indexOf("\t", t1 + 1);
    const err = causeError(s.slice(t2 + 1), s.slice(t1 + 1, t2));
    err.curlCode = Number(s.slice(1, t1));
    return err;
  }

  function withoutFragment(url) {
    const i = url.indexOf("#");
    return i < 0 ? url : url.slice(0, i);
  }

  function headerValue(list, name) {
    for (let i = 0; i < list.length; i++) if (list[i][0].toLowerCase() === name) return list[i][1];
    return null;
  }

  // ------------------------------------------------------------- data: URLs

  const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const QUOTED_OK = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;
  const trimHttp = (s) => s.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "");

  // The MIME Sniffing standard's parser and serializer; null on failure.
  function parseMime(input) {
    const s = trimHttp(input);
    let i = s.indexOf("/");
    if (i <= 0) return null;
    const type = s.slice(0, i);
    let j = s.indexOf(";", i + 1);
    if (j < 0) j = s.length;
    const subtype = s.slice(i + 1, j).replace(/[\t\n\f\r ]+$/, "");
    if (!HTTP_TOKEN.test(type) || !subtype || !HTTP_TOKEN.test(subtype)) return null;
    const params = new Map();
    let p = j;
    while (p < s.length) {
      p++; // ";"
      while (p < s.length && "\t\n\f\r ".includes(s[p])) p++;
      let k = p;
      while (k < s.length && s[k] !== ";" && s[k] !== "=") k++;
      const name = s.slice(p, k).toLowerCase();
      p = k;
      if (p < s.length && s[p] === ";") continue;
      if (p >= s.length) break;
      p++; // "="
      let value;
      if (s[p] === '"') {
        value = "";
        p++;
        for (;;) {
          while (p < s.length && s[p] !== '"' && s[p] !== "\\") value += s[p++];
          if (p < s.length && s[p] === "\\") {
            p++;
            if (p >= s.length) { value += "\\"; break; }
            value += s[p++];
            continue;
          }
          p++;
          break;
        }
        while (p < s.length && s[p] !== ";") p++;
      } else {
        let k2 = p;
        while (k2 < s.length && s[k2] !== ";") k2++;
        value = s.slice(p, k2).replace(/[\t\n\f\r ]+$/, "");
        p = k2;
        if (value === "") continue;
      }
      if (name && HTTP_TOKEN.test(name) && QUOTED_OK.test(value) && !params.has(name)) {
        params.set(name, value);
      }
    }
    return { type: type.toLowerCase(), subtype: subtype.toLowerCase(), params };
  }

  function serializeMime(m) {
    let out = `${m.type}/${m.subtype}`;
    for (const [name, value] of m.params) {
      const v = value === "" || !HTTP_TOKEN.test(value)
        ? `"${value.replace(/(["\\])/g, "\\$1")}"` : value;
      out += `;${name}=${v}`;
    }
    return out;
  }

  function percentDecode(s) {
    const out = new Uint8Array(s.length * 3);
    let n = 0;
    const hex = (c) => (c >= 48 && c <= 57 ? c - 48 : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1);
    const bytes = new TextEncoder().encode(s);
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 37 && i + 2 < bytes.length) {
        const h = hex(bytes[i + 1]), l = hex(bytes[i + 2]);
        if (h >= 0 && l >= 0) {
          out[n++] = h * 16 + l;
          i += 2;
          continue;
        }
      }
      out[n++] = b;
    }
    return out.subarray(0, n);
  }

  function dataURL(url) {
    const href = withoutFragment(url);
    let input = href.slice(5);
    const comma = input.indexOf(",");
    if (comma < 0) return null;
    let mime = input.slice(0, comma).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "");
    let body = percentDecode(input.slice(comma + 1));
    const m = /;[\u0020]*base64$/i.exec(mime);
    if (m) {
      let s = "";
      for (let i = 0; i < body.length; i++) s += String.fromCharCode(body[i]);
      s = s.replace(/[\t\n\f\r ]/g, "");
      if (s.length % 4 === 0) s = s.replace(/==?$/, "");
      if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) return null;
      let bin;
      try {
        bin = atob(s);
      } catch {
        return null;
      }
      body = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) body[i] = bin.charCodeAt(i);
      mime = mime.slice(0, m.index);
    }
    if (mime.startsWith(";")) mime = "text/plain" + mime;
    const rec = parseMime(mime);
    const type = rec ? serializeMime(rec) : "text/plain;charset=US-ASCII";
    return { type, body };
  }

  // ------------------------------------------------------------- file: URLs

  async function fileBody(url, method) {
    if (method !== "GET" && method !== "HEAD") {
      throw failed(causeError(`${method} is not supported for file: URLs`));
    }
    const u = new URL(url);
    let path;
    try {
      path = decodeURIComponent(u.pathname);
    } catch (err) {
      throw failed(err);
    }
    try {
      return await P.mrt.readFile(path);
    } catch (err) {
      throw failed(err);
    }
  }

  // ------------------------------------------------------------- http(s)

  // The response body, pulled from the transfer (backpressure: nothing is asked for until the
  // stream is read; libcurl pauses once the transfer's buffer is full).
  function bodyStream(x) {
    const { ReadableStream } = P.streams();
    return new ReadableStream({
      type: "bytes",
      start(c) {
        x.controller = c;
      },
      async pull(c) {
        const r = await fetchRead(x.id);
        if (r instanceof Uint8Array) {
          c.enqueue(r);
          return;
        }
        if (x.closed) return; // aborted: the stream was errored already
        finish(x);
        if (r === undefined) {
          c.close();
          c.byobRequest?.respond(0);
        } else {
          c.error(r[0] === "E" ? failed(curlCause(r)) : failed(causeError("transfer closed")));
        }
      },
      cancel() {
        finish(x);
      },
    }, { highWaterMark: 0 });
  }

  // The transfer is over for JS: freed in C, the abort listener gone.
  function finish(x) {
    if (x.closed) return;
    x.closed = true;
    fetchClose(x.id);
    if (x.signal) x.signal.removeEventListener("abort", x.onAbort);
  }

  // Sends a streamed request body to the transfer, chunk by chunk.
  async function pump(x, stream) {
    let reader;
    try {
      reader = stream.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (x.closed) return;
        if (done) {
          await fetchWrite(x.id, undefined);
          return;
        }
        if (!(value instanceof Uint8Array)) {
          throw new TypeError("The request body stream must give Uint8Array chunks");
        }
        const r = await fetchWrite(x.id, value);
        if (typeof r === "string") return; // closed or failed: the head reports it
      }
    } catch (err) {
      if (x.closed) return;
      x.bodyError = err;
      finish(x);
      x.rejectHead?.(failed(err));
    }
    try {
      reader?.cancel();
    } catch {}
  }

  // One request/response exchange; resolves with the parsed head.
  async function exchange(url, method, headers, body, signal) {
    let lines = "";
    for (let i = 0; i < headers.length; i++) lines += `${headers[i][0]}: ${headers[i][1]}\n`;
    const stream = body !== null && body.source == null ? body.stream : null;
    let flags = method === "HEAD" ? OPEN_HEAD : 0;
    if (stream) flags |= OPEN_STREAM_BODY;
    let source;
    if (body !== null && !stream) {
      source = body.source;
      if (typeof source === "string") source = new TextEncoder().encode(source);
      else if (source instanceof ArrayBuffer) source = new Uint8Array(source);
    }
    const x = { id: fetchOpen(withoutFragment(url), method, lines, source, flags), closed: false,
      signal, onAbort: null, controller: null, bodyError: null, rejectHead: null };
    if (signal) {
      x.onAbort = () => {
        const reason = signal.reason;
        const c = x.controller;
        finish(x);
        x.rejectHead?.(reason);
        if (c) {
          try {
            c.error(reason);
          } catch {}
        }
      };
      signal.addEventListener("abort", x.onAbort);
    }
    if (stream) pump(x, stream);
    const h = await new Promise((resolve, reject) => {
      x.rejectHead = reject;
      fetchHead(x.id).then(resolve);
    });
    x.rejectHead = null;
    if (h[0] === "E" || h[0] === "A") {
      finish(x);
      if (h[0] === "E") throw failed(curlCause(h));
      throw x.bodyError ? failed(x.bodyError) : signal?.aborted ? signal.reason
        : failed(causeError("transfer closed"));
    }
    const parts = h.split("\n");
    const list = [];
    for (let i = 3; i < parts.length; i++) {
      const line = parts[i];
      const c = line.indexOf(":");
      list.push([line.slice(0, c), line.slice(c + 1)]);
    }
    return { x, state: h.charCodeAt(0) - 48, status: Number(parts[1]), statusText: parts[2],
      headers: list };
  }

  // The response's body: null, the whole bytes (arrived with the head), or a stream.
  function responseBody(head, method) {
    const { x, state, status } = head;
    if (method === "HEAD" || NULL_BODY_STATUS.includes(status)) {
      finish(x);
      return null;
    }
    if (state === 1) {
      const bytes = fetchTake(x.id);
      finish(x);
      return bytes ?? new Uint8Array(0);
    }
    if (state === 2) { // failed after the head (reset mid-body...): a stream that errors
      const { ReadableStream } = P.streams();
      return new ReadableStream({
        pull(c) {
          fetchRead(x.id).then((r) => {
            finish(x);
            c.error(typeof r === "string" && r[0] === "E" ? failed(curlCause(r))
              : failed(causeError("transfer failed")));
          });
        },
      }, { highWaterMark: 0 });
    }
    return bodyStream(x);
  }

  // A body that came whole with its head (fetchTake) is detached from its transfer, but the
  // Fetch standard still errors it if the signal aborts before it is read. The listener holds
  // the response weakly and goes when the body is read, cancelled or aborted, or when the
  // response is collected (a long-lived signal gathers no listeners).
  const abortCleanup = new FinalizationRegistry(({ signal, onAbort }) => {
    signal.removeEventListener("abort", onAbort);
  });
  function followAbort(types, response, signal) {
    const ref = new WeakRef(response);
    const onAbort = () => {
      const r = ref.deref();
      if (r !== undefined) types.internals.abortResponse(r, signal.reason);
    };
    const held = { signal, onAbort };
    const settled = () => {
      signal.removeEventListener("abort", onAbort);
      abortCleanup.unregister(held);
    };
    types.internals.followAbort(response, settled);
    signal.addEventListener("abort", onAbort);
    abortCleanup.register(response, held, held);
  }

  function sameOrigin(a, b) {
    return new URL(a).origin === new URL(b).origin;
  }

  async function fetch(input, init = undefined) {
    const types = T();
    const request = new types.Request(input, init);
    const req = types.internals.requestParts(request);
    const signal = req.signal ?? null;
    if (signal?.aborted) throw signal.reason;
    let url = req.url;
    let method = req.method;
    let headers = req.headers;
    let body = req.body ?? null;
    if (body !== null && types.internals.consumeRequestBody) types.internals.consumeRequestBody(request);
    const urlList = [url];
    for (let redirects = 0; ; redirects++) {
      const scheme = url.slice(0, url.indexOf(":")).toLowerCase();
      if (scheme === "data") {
        const d = dataURL(url);
        if (d === null) throw failed(causeError("invalid data: URL"));
        return types.internals.newResponse({ status: 200, statusText: "OK",
          headers: [["content-type", d.type]], body: method === "HEAD" ? null : d.body,
          url: withoutFragment(url), urlList, redirected: urlList.length > 1, type: "basic" });
      }
      if (scheme === "file") {
        const bytes = await fileBody(url, method);
        if (signal?.aborted) throw signal.reason;
        return types.internals.newResponse({ status: 200, statusText: "OK", headers: [],
          body: method === "HEAD" ? null : bytes, url: withoutFragment(url), urlList,
          redirected: urlList.length > 1, type: "basic" });
      }
      if (scheme !== "http" && scheme !== "https") {
        throw failed(causeError(`URL scheme "${scheme}" is not supported`));
      }
      const head = await exchange(url, method, headers, body, signal);
      const status = head.status;
      const location = REDIRECT_STATUS.includes(status) ? headerValue(head.headers, "location") : null;
      if (location !== null) {
        if (req.redirect === "error") {
          finish(head.x);
          throw failed(causeError("unexpected redirect", "ERR_REDIRECT"));
        }
        let next;
        try {
          next = new URL(location, url);
        } catch {
          finish(head.x);
          throw failed(causeError(`invalid redirect location: ${location}`, "ERR_INVALID_URL"));
        }
        if (req.redirect === "manual") {
          finish(head.x);
          return types.internals.newResponse({ status: 0, statusText: "", headers: [], body: null,
            url: withoutFragment(url), urlList, redirected: false, type: "opaqueredirect" });
        }
        finish(head.x); // the redirect's own body is not read
        if (next.protocol !== "http:" && next.protocol !== "https:") {
          throw failed(causeError(`redirect to a ${next.protocol} URL`, "ERR_REDIRECT"));
        }
        if (redirects >= 20) throw failed(causeError("redirect count exceeded", "ERR_TOO_MANY_REDIRECTS"));
        if (status !== 303 && body !== null && body.source == null) {
          throw failed(causeError("cannot follow a redirect with a streamed body", "ERR_REDIRECT"));
        }
        if (((status === 301 || status === 302) && method === "POST") ||
            (status === 303 && method !== "GET" && method !== "HEAD")) {
          method = "GET";
          body = null;
          headers = headers.filter(([n]) => !REQUEST_BODY_HEADERS.includes(n.toLowerCase()));
        }
        if (!sameOrigin(url, next.href)) {
          headers = headers.filter(([n]) => n.toLowerCase() !== "authorization");
        }
        if (next.hash === "" && url.includes("#")) next.hash = url.slice(url.indexOf("#"));
        url = next.href;
        urlList.push(url);
        continue;
      }
      const received = responseBody(head, method);
      const response = types.internals.newResponse({ status, statusText: head.statusText,
        headers: head.headers, body: received, url: withoutFragment(url),
        urlList, redirected: urlList.length > 1, type: "basic" });
      if (signal !== null && received instanceof Uint8Array) followAbort(types, response, signal);
      return response;
    }
  }

  return { __proto__: null, fetch };
});
