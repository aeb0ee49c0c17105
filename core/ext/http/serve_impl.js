// serve_impl.js: mrt.serve (Deno.serve's shape) over the C server (core/ext/http/server.c),
// compiled at the first call. C parses, enforces limits and timeouts, and hands over each
// loop turn's events in one Array; this file makes Requests, calls the handler and writes
// its Response back.
(function (P) {
  "use strict";
  const { Response, internals: I } = P.fetchTypes();
  const http = P.ops.httpBinding();

  const EV_REQUEST = 1, EV_BODY = 2, EV_END = 3, EV_ABORT = 4, EV_DRAIN = 5, EV_DONE = 6,
    EV_SIGNAL = 7;
  const MODE_STREAM = 1;

  const servers = new Map(); // sid -> ServerState
  // Request id -> Exchange, while events may still come for it: by the id's slot (its low 20
  // bits; a Map's set and delete per request showed in profiles as rehashing).
  const SLOT = 1 << 20;
  const live = [];
  const liveGet = (id) => {
    const ex = live[id % SLOT];
    return ex !== undefined && ex !== null && ex.id === id ? ex : undefined;
  };
  const liveSet = (id, ex) => { live[id % SLOT] = ex; };
  const liveDelete = (id) => {
    const s = id % SLOT;
    const ex = live[s];
    if (ex !== undefined && ex !== null && ex.id === id) live[s] = null;
  };
  const wire = [0, "", null, null]; // I.responseWire's output, reused
  let lastName = null, lastValue = null, lastLine = "";
  // mrt serve --trace-startup: main's start (CLOCK_MONOTONIC ns), until the first response.
  let traceMain = 0;
  let tracePreMain = 0;

  function traceFirstResponse() {
    const [listen, request, response] = http.times().split(" ").map(Number);
    const main = traceMain;
    const ms = (t) => (t > 0 ? ((t - main) / 1e6).toFixed(2) + " ms" : "-");
    traceMain = 0;
    console.error(`mrt serve: process start -> main ${(tracePreMain / 1e6).toFixed(2)
    } ms (CPU time before main); from main: listening ${ms(listen)}, first request ${
      ms(request)}, first response ${ms(response)}`);
  }

  function typeError(msg, code) {
    const e = new TypeError(msg);
    if (code) e.code = code;
    return e;
  }

  // One request and its response.
  class Exchange {
    constructor(srv, id) {
      this.srv = srv;
      this.id = id;
      this.controller = null; // the request body stream's, while it is open
      this.abort = null; // the request signal's controller, once made
      this.gone = false; // the client went away
      this.drain = null; // resolves when the socket takes more
      this.paused = false;
    }
    onBody(chunk) {
      const c = this.controller;
      if (c === null) return;
      c.enqueue(chunk);
      if (c.desiredSize <= 0 && !this.paused) {
        this.paused = true;
        http.pause(this.srv.sid, this.id, true);
      }
    }
    onEnd() {
      const c = this.controller;
      this.controller = null;
      if (c !== null) {
        c.close();
        // A BYOB request left open after close is answered by close itself.
      }
    }
    onAbort() {
      this.gone = true;
      liveDelete(this.id);
      const c = this.controller;
      this.controller = null;
      if (c !== null) c.error(typeError("The client closed the connection", "ECONNRESET"));
      if (this.abort !== null) this.abort.abort(typeError("The client closed the connection"));
      const d = this.drain;
      this.drain = null;
      if (d !== null) d();
    }
    onDrain() {
      const d = this.drain;
      this.drain = null;
      if (d !== null) d();
    }
  }

  // The request body, as it arrives after the head: a byte stream with backpressure (reading
  // pauses while its queue is full).
  function bodyStream(ex) {
    const RS = P.streams().ReadableStream;
    return new RS({
      type: "bytes",
      start(c) {
        ex.controller = c;
      },
      pull() {
        if (ex.paused) {
          ex.paused = false;
          http.pause(ex.srv.sid, ex.id, false);
        }
      },
      cancel() {
        ex.controller = null;
      },
    }, { highWaterMark: 65536 });
  }

  // Host header values that make a valid URL authority (anything else is a 400: the URL the
  // handler sees must parse).
  const hostRe = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=%]*|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?$/;

  // (No ' : URL encodes it in a special URL's query.)
  const plainTarget = /^\/[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*$/;
  const dotSegment = /\/(?:\.|%2e)/i;

  // The origin ("http://host[:port]" as URL serializes it: lower case, no default port) of a
  // Host value, or null when the value is no bare URL authority (userinfo, a path or query, a
  // port out of range). The last host seen is kept: most clients send the same one each time.
  function originOf(srv, host) {
    if (host === srv.originHost) return srv.origin;
    if (!hostRe.test(host)) return null;
    let u;
    try {
      u = new URL("http://" + host + "/");
    } catch {
      return null;
    }
    if (u.username !== "" || u.pathname !== "/") return null;
    srv.originHost = host;
    srv.origin = u.origin;
    return u.origin;
  }

  function onRequest(srv, id, method, target, hostIndex, flags, a, at, nh, body) {
    const ex = new Exchange(srv, id);
    let host = hostIndex >= 0 ? a[at + 2 * hostIndex + 1] : undefined; // Host's value
    let url;
    if (target.charCodeAt(0) === 47 /* / */) {
      if (host === undefined || host === "") host = srv.authority; // RFC 9112 3.2: no authority
      const origin = originOf(srv, host);
      if (origin === null) return answer(ex, new Response("Bad Request", { status: 400 }));
      // Most targets are already what URL would serialize them to; the others (dot
      // segments, characters URL percent-encodes) go through it.
      url = plainTarget.test(target) && !dotSegment.test(target) ? origin + target
        : new URL(target, origin + "/").href;
    } else if (target === "*") {
      url = "http://" + (host !== undefined && hostRe.test(host) ? host : srv.authority) + "/*";
    } else {
      // absolute-form (a proxy's form; the parser took only http(s) URLs)
      try {
        url = new URL(target).href;
      } catch {
        return answer(ex, new Response("Bad Request", { status: 400 }));
      }
    }
    const list = new Array(nh);
    for (let i = 0; i < nh; i++) list[i] = [a[at + 2 * i], a[at + 2 * i + 1]];
    let b = null; // body 0: none; undefined: it follows (a stream); else its bytes
    if (body === undefined) b = I.networkBody(bodyStream(ex));
    else if (body !== 0) b = I.networkBody(body);
    liveSet(id, ex);
    const request = I.newServerRequest(method, url, list, b, () => {
      const ac = I.newSignalController();
      ex.abort = ac;
      if (ex.gone) ac.abort(typeError("The client closed the connection"));
      return ac.signal;
    });
    let result;
    try {
      result = srv.handler(request, new ServeInfo(srv, id));
    } catch (e) {
      return failed(ex, e);
    }
    if (I.isResponse(result)) return answer(ex, result);
    if (result !== null && typeof result === "object" && typeof result.then === "function") {
      Promise.resolve(result).then((r) => answer(ex, r), (e) => failed(ex, e));
      return;
    }
    failed(ex, notResponse());
  }

  function notResponse() {
    return typeError("Return value from serve handler must be a response or a promise " +
      "resolving to a response");
  }

  // The handler threw or rejected: onError's Response (by default a 500 and the error on
  // stderr); the server goes on.
  function failed(ex, err) {
    if (ex.gone) {
      liveDelete(ex.id);
      return;
    }
    let r;
    try {
      r = ex.srv.onError(err);
    } catch (e) {
      r = null;
      reportError(e);
    }
    const fallback = () => new Response("Internal Server Error", { status: 500 });
    if (I.isResponse(r)) return answer(ex, r, true);
    if (r !== null && typeof r === "object" && typeof r.then === "function") {
      Promise.resolve(r).then(
        (v) => answer(ex, I.isResponse(v) ? v : fallback(), true),
        (e) => {
          reportError(e);
          answer(ex, fallback(), true);
        });
      return;
    }
    answer(ex, fallback(), true);
  }

  function reportError(e) {
    try {
      console.error(e);
    } catch {
      // nothing more can be said
    }
  }

  function answer(ex, response, afterError = false) {
    if (ex.gone) {
      liveDelete(ex.id);
      return;
    }
    if (!I.isResponse(response)) {
      if (afterError) response = new Response("Internal Server Error", { status: 500 });
      else return failed(ex, notResponse());
    }
    if (response.type === "error") {
      if (afterError) response = new Response("Internal Server Error", { status: 500 });
      else return failed(ex, typeError("Response.error() cannot be sent"));
    }
    I.responseWire(response, wire);
    const status = wire[0], statusText = wire[1], list = wire[2], body = wire[3];
    wire[2] = wire[3] = null;
    if (I.bodyUnusable(body)) {
      const e = typeError("The Response's body was already used (a Response can be sent once)");
      if (afterError) return answer(ex, new Response("Internal Server Error", { status: 500 }), true);
      return failed(ex, e);
    }
    let block = "";
    let length = -1;
    let mode = 0;
    // The usual single header (a string body's Content-Type) is the same pair each time:
    // its line is kept rather than concatenated and flattened again.
    if (list.length === 1 && list[0][0] === lastName && list[0][1] === lastValue) {
      block = lastLine;
    } else for (let i = 0; i < list.length; i++) {
      const name = list[i][0], value = list[i][1];
      const n = name.length;
      // Framing is the server's: Content-Length and Transfer-Encoding come from the body,
      // Connection from the connection's state.
      if (n === 14 || n === 17 || n === 10) {
        const l = name.toLowerCase();
        if (l === "content-length") {
          if (body !== null && body.source === null) length = Number(value);
          continue;
        }
        if (l === "transfer-encoding" || l === "connection" || l === "keep-alive") continue;
      } else if (n === 4 && name.toLowerCase() === "date") {
        mode = 2; // the application's Date is sent instead of the server's
      }
      block += name + ": " + value + "\r\n";
      if (list.length === 1 && mode === 0) { // (a Date line is not cached: mode says it)
        lastName = name;
        lastValue = value;
        lastLine = block;
      }
    }
    const { sid } = ex.srv;
    if (traceMain !== 0) Promise.resolve().then(traceFirstResponse);
    if (body === null) {
      liveDelete(ex.id);
      http.respond(sid, ex.id, status, statusText, block, null, mode, 0);
      return;
    }
    if (body.stream === null) {
      liveDelete(ex.id);
      I.consumeResponseBody(response);
      http.respond(sid, ex.id, status, statusText, block, body.source, mode, 0);
      return;
    }
    if (!(length >= 0 && Number.isSafeInteger(length))) length = -1;
    let reader;
    try {
      reader = body.stream.getReader();
    } catch (e) {
      return failed(ex, e);
    }
    if (!http.respond(sid, ex.id, status, statusText, block, null, mode | MODE_STREAM, length)) {
      liveDelete(ex.id);
      reader.cancel().catch(() => {});
      return;
    }
    pump(ex, reader);
  }

  async function pump(ex, reader) {
    const { sid } = ex.srv;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!(value instanceof Uint8Array)) {
          throw typeError("A response body stream must give Uint8Array chunks");
        }
        const r = http.write(sid, ex.id, value);
        if (r < 0) {
          reader.cancel().catch(() => {});
          return;
        }
        if (r === 0) await new Promise((resolve) => { ex.drain = resolve; });
        if (ex.gone) {
          reader.cancel().catch(() => {});
          return;
        }
      }
      http.end(sid, ex.id, true);
    } catch (e) {
      http.end(sid, ex.id, false);
      if (!ex.gone) ex.srv.reportStreamError(e);
    } finally {
      liveDelete(ex.id);
    }
  }

  class ServeInfo {
    #srv;
    #id;
    #addr;
    constructor(srv, id) {
      this.#srv = srv;
      this.#id = id;
    }
    get remoteAddr() {
      if (this.#addr === undefined) {
        const s = http.peer(this.#srv.sid, this.#id);
        this.#addr = s === undefined ? null : parseAddr(s);
      }
      return this.#addr;
    }
  }

  function parseAddr(s) {
    const i = s.lastIndexOf(" ");
    return { transport: "tcp", hostname: s.slice(0, i), port: Number(s.slice(i + 1)) };
  }

  function onEvents() {
    const a = http.take();
    const n = a.length;
    let i = 0;
    while (i < n) {
      const kind = a[i], sid = a[i + 1], id = a[i + 2];
      if (kind === EV_REQUEST) {
        const nh = a[i + 7];
        const at = i + 8;
        const bodyAt = at + 2 * nh;
        i = bodyAt + 1;
        const srv = servers.get(sid);
        if (srv !== undefined) {
          onRequest(srv, id, a[at - 5], a[at - 4], a[at - 3], a[at - 2], a, at, nh, a[bodyAt]);
        }
        continue;
      }
      if (kind === EV_BODY) {
        i += 4;
        const ex = liveGet(id);
        if (ex !== undefined) ex.onBody(a[i - 1]);
        continue;
      }
      i += 3;
      if (kind === EV_SIGNAL) {
        onSignal();
        continue;
      }
      if (kind === EV_DONE) {
        const srv = servers.get(sid);
        if (srv !== undefined) srv.done();
        continue;
      }
      const ex = liveGet(id);
      if (ex === undefined) continue;
      if (kind === EV_END) ex.onEnd();
      else if (kind === EV_ABORT) ex.onAbort();
      else if (kind === EV_DRAIN) ex.onDrain();
    }
  }
  http.setHook(onEvents);

  // SIGINT/SIGTERM: every server shuts down gracefully, then the process ends with 0 (after
  // one more turn, so code awaiting `finished` runs first).
  function onSignal() {
    const all = [...servers.values()];
    Promise.all(all.map((s) => s.shutdown())).then(() => {
      setTimeout(() => P.mrt.exit(0), 0);
    });
  }

  class ServerState {
    constructor(sid, hostname, port, handler, onError) {
      this.sid = sid;
      this.hostname = hostname;
      this.port = port;
      this.authority = (hostname.includes(":") ? `[${hostname}]` : hostname) + ":" + port;
      this.handler = handler;
      this.onError = onError;
      this.closing = false;
      this.originHost = null;
      this.origin = "";
      let resolve;
      this.finished = new Promise((r) => { resolve = r; });
      this.resolveFinished = resolve;
    }
    shutdown() {
      if (!this.closing) {
        this.closing = true;
        http.close(this.sid);
      }
      return this.finished;
    }
    done() {
      servers.delete(this.sid);
      this.resolveFinished();
    }
    reportStreamError(e) {
      reportError(e);
    }
  }

  class HttpServer {
    #state;
    #addr;
    constructor(state) {
      this.#state = state;
      this.#addr = Object.freeze({ transport: "tcp", hostname: state.hostname, port: state.port });
    }
    get addr() {
      return this.#addr;
    }
    get finished() {
      return this.#state.finished;
    }
    shutdown() {
      return this.#state.shutdown();
    }
    ref() {
      if (!this.#state.closing) http.ref(this.#state.sid, true);
    }
    unref() {
      if (!this.#state.closing) http.ref(this.#state.sid, false);
    }
    [Symbol.asyncDispose]() {
      return this.shutdown();
    }
  }

  function defaultOnError(err) {
    reportError(err);
    return new Response("Internal Server Error", { status: 500 });
  }

  function checkMs(v, name, dflt) {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!(n >= 0) || !Number.isFinite(n)) {
      throw new RangeError(`The "${name}" option must be a non-negative number of milliseconds`);
    }
    return n;
  }

  // serve(handler) | serve(options) with options.handler or options.fetch |
  // serve(options, handler)
  function serve(argc, a, b) {
    let options, handler;
    if (typeof a === "function") {
      handler = a;
      options = b !== undefined && b !== null && typeof b === "object" ? b : {};
    } else {
      options = a !== undefined && a !== null ? a : {};
      if (typeof options !== "object") {
        throw typeError("mrt.serve: the first argument must be a handler function or an " +
          "options object", "ERR_INVALID_ARG_TYPE");
      }
      handler = b !== undefined ? b : options.handler !== undefined ? options.handler
        : options.fetch;
    }
    if (typeof handler !== "function") {
      throw typeError("mrt.serve: a handler function is required (serve(handler), " +
        "serve(options, handler) or options.handler)", "ERR_INVALID_ARG_TYPE");
    }
    const port = options.port === undefined ? 8000 : Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      const err = new RangeError(`Invalid port: ${options.port}`);
      err.code = "ERR_SOCKET_BAD_PORT";
      throw err;
    }
    const hostname = options.hostname === undefined ? "0.0.0.0" : `${options.hostname}`;
    const onError = options.onError === undefined ? defaultOnError : options.onError;
    if (typeof onError !== "function") throw typeError("The \"onError\" option must be a function");
    const onListen = options.onListen;
    if (onListen !== undefined && typeof onListen !== "function") {
      throw typeError("The \"onListen\" option must be a function");
    }
    const maxBody = options.maxRequestBodySize === undefined ? 128 * 1024 * 1024
      : Number(options.maxRequestBodySize);
    if (!(maxBody >= 0)) throw new RangeError("The \"maxRequestBodySize\" option must be >= 0");
    const headersTimeout = checkMs(options.headersTimeout, "headersTimeout", 10000);
    const keepAliveTimeout = checkMs(options.keepAliveTimeout, "keepAliveTimeout", 5000);
    const requestTimeout = checkMs(options.requestTimeout, "requestTimeout", 300000);
    if (options.traceStartup !== undefined) { // [main, CPU time before main], in ns
      traceMain = Number(options.traceStartup[0]);
      tracePreMain = Number(options.traceStartup[1]);
    }
    const signal = options.signal;
    if (signal !== undefined && signal !== null && signal.aborted) {
      // Deno: an already aborted signal gives a server that is finished at once.
    }
    const r = http.listen(hostname, port, !!options.reusePort, maxBody, headersTimeout,
      keepAliveTimeout, requestTimeout);
    const parts = r.split(" ");
    const sid = Number(parts[0]);
    const boundPort = Number(parts[2]);
    const state = new ServerState(sid, hostname, boundPort, handler, onError);
    servers.set(sid, state);
    const server = new HttpServer(state);
    if (signal !== undefined && signal !== null) {
      if (signal.aborted) state.shutdown();
      else signal.addEventListener("abort", () => state.shutdown(), { once: true });
    }
    const addr = server.addr;
    if (onListen !== undefined) {
      onListen(addr);
    } else {
      const shown = hostname.includes(":") ? `[${hostname}]` : hostname;
      console.log(`Listening on http://${shown}:${boundPort}/`);
    }
    return server;
  }

  return { serve, times: () => http.times() };
});
