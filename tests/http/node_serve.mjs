// node_serve.mjs: serve(options, handler) with Deno.serve's shape (what mrt.serve offers) on
// node's http, for checking the robustness corpus against node: node_app.mjs (the CLI of
// `mrt serve`) and node_mrt_shim.mjs (globalThis.mrt.serve for serve_api.js) use it. What
// node's http does not do (414, 413, a timeout on the handler, graceful shutdown that also
// closes connections finishing later) is added here. Options beyond Deno's: maxBodySize,
// headerTimeout, idleTimeout, requestTimeout (bytes, ms).
import http from "node:http";
import { Readable, Transform } from "node:stream";

const MAX_TARGET = 8192;

function refuse(res, status) {
  res.writeHead(status, { connection: "close", "content-length": 0 });
  res.end();
  res.on("finish", () => res.socket?.destroySoon());
}

export function serve(options, handler) {
  if (typeof options === "function") [options, handler] = [{}, options];
  const opt = { port: 8000, hostname: "127.0.0.1", maxBodySize: 0, headerTimeout: 10000, idleTimeout: 5000, requestTimeout: 0, ...options };
  const onError = opt.onError ?? ((err) => {
    console.error("handler error:", err);
    return new Response("Internal Server Error", { status: 500 });
  });
  let shuttingDown = false;

  // The request body as a web stream that fails (and answers 413) past maxBodySize.
  function bodyStream(req, res) {
    if (!opt.maxBodySize) return Readable.toWeb(req);
    let seen = 0;
    const limit = new Transform({
      transform(chunk, enc, cb) {
        seen += chunk.length;
        if (seen > opt.maxBodySize) {
          if (!res.headersSent) refuse(res, 413);
          cb(new Error("body over the maximum size"));
        } else cb(null, chunk);
      },
    });
    req.pipe(limit);
    return Readable.toWeb(limit);
  }

  // Reads the response body while its chunks are already there; a body that ends so is sent
  // with Content-Length, one that has to wait (a stream) is sent chunked as it comes.
  async function send(res, response) {
    const headers = [];
    for (const [k, v] of response.headers) headers.push(k, v);
    if (shuttingDown) headers.push("connection", "close");
    if (!response.body) {
      if (response.status !== 204 && response.status !== 304) headers.push("content-length", "0");
      res.writeHead(response.status, headers);
      res.end();
      return;
    }
    const reader = response.body.getReader();
    const parts = [];
    let pending = null;
    for (;;) {
      const p = reader.read();
      const r = await Promise.race([p, new Promise((ok) => setImmediate(() => ok(null)))]);
      if (r === null) {
        pending = p;
        break;
      }
      if (r.done) break;
      parts.push(r.value);
    }
    if (!pending) {
      const body = Buffer.concat(parts);
      headers.push("content-length", String(body.length));
      res.writeHead(response.status, headers);
      res.end(body);
      return;
    }
    res.writeHead(response.status, headers);
    for (const part of parts) res.write(part);
    for (let r = await pending; !r.done; r = await reader.read()) {
      if (res.destroyed) {
        reader.cancel().catch(() => {});
        return;
      }
      if (!res.write(r.value)) await new Promise((ok) => res.once("drain", ok).once("close", ok));
    }
    res.end();
  }

  async function handle(req, res) {
    if (req.url.length > MAX_TARGET) return refuse(res, 414);
    const cl = req.headers["content-length"];
    if (opt.maxBodySize && cl !== undefined && Number(cl) > opt.maxBodySize) return refuse(res, 413);
    if (opt.requestTimeout) {
      const timer = setTimeout(() => {
        if (!res.headersSent) refuse(res, 503);
        else res.destroy();
      }, opt.requestTimeout);
      res.on("close", () => clearTimeout(timer));
    }
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const url = req.url.startsWith("/") ? `http://${req.headers.host ?? opt.hostname}${req.url}` : req.url;
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const info = { remoteAddr: { transport: "tcp", hostname: req.socket.remoteAddress, port: req.socket.remotePort } };
    let response;
    const gone = new AbortController(); // request.signal: the client went away before the end
    res.on("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    try {
      const request = new Request(url, { method: req.method, headers, body: hasBody ? bodyStream(req, res) : undefined, duplex: "half", signal: gone.signal });
      response = await handler(request, info);
      if (!(response instanceof Response)) throw new TypeError(`the handler returned ${typeof response}, not a Response`);
    } catch (err) {
      if (res.headersSent || res.destroyed) return;
      try {
        response = await onError(err);
      } catch (err2) {
        console.error("onError threw:", err2);
        response = new Response("Internal Server Error", { status: 500 });
      }
    }
    if (res.headersSent || res.destroyed) return;
    try {
      await send(res, response);
    } catch (err) {
      console.error("response error:", err);
      res.destroy();
    }
  }

  const server = http.createServer({
    maxHeaderSize: 16384,
    headersTimeout: opt.headerTimeout,
    keepAliveTimeout: opt.idleTimeout,
    requestTimeout: 0, // node's covers receiving the request; the handler's timeout is ours
    connectionsCheckingInterval: 100,
    requireHostHeader: true,
  }, handle);
  server.on("checkContinue", (req, res) => {
    const cl = Number(req.headers["content-length"]);
    if (opt.maxBodySize && cl > opt.maxBodySize) return refuse(res, 413);
    res.writeContinue();
    handle(req, res);
  });
  server.on("clientError", (err, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nDate: ${new Date().toUTCString()}\r\n` +
      "Connection: close\r\nContent-Length: 0\r\n\r\n");
  });

  let addr = null;
  const finished = new Promise((resolve) => server.on("close", resolve));
  let sweeper = null;
  function shutdown() {
    if (!shuttingDown) {
      shuttingDown = true;
      server.close();
      // node closes idle connections once; those that finish their response later close here
      server.closeIdleConnections();
      sweeper = setInterval(() => server.closeIdleConnections(), 50);
      finished.then(() => clearInterval(sweeper));
    }
    return finished;
  }
  opt.signal?.addEventListener("abort", shutdown);

  server.listen(opt.port, opt.hostname, () => {
    const a = server.address();
    addr = { transport: "tcp", hostname: a.address, port: a.port };
    if (opt.onListen) opt.onListen(addr);
    else console.log(`Listening on http://${a.address.includes(":") ? `[${a.address}]` : a.address}:${a.port}/`);
  });
  return {
    get addr() {
      return addr;
    },
    finished,
    shutdown,
    ref() {
      server.ref();
    },
    unref() {
      server.unref();
    },
  };
}
