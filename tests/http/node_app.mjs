// node_app.mjs: a reference server for the robustness corpus on node's http, with the command
// line of `mrt serve`, so run.mjs --node checks the corpus before (and apart from) mrt:
//   node node_app.mjs app.js [--port N] [--host H] [--max-body-size N] [--header-timeout MS]
//        [--idle-timeout MS] [--request-timeout MS]
// It serves the module's default export { fetch(request, env, ctx) } with node's own
// Request/Response. What node's http does not do (414, 413, a timeout on the handler, graceful
// shutdown on SIGTERM) is added here; where node's parser is more lenient than RFC 9112 the
// corpus marks the case (see `node:` in cases.mjs) instead of expecting node's answer.
import http from "node:http";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const opt = { port: 8000, host: "127.0.0.1", maxBody: 0, headerTimeout: 10000, idleTimeout: 5000, requestTimeout: 0 };
let appPath = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const num = () => {
    const v = Number(args[++i]);
    if (!Number.isInteger(v) || v < 0) {
      console.error(`node_app: ${a} wants a non-negative integer`);
      process.exit(2);
    }
    return v;
  };
  if (a === "--port") opt.port = num();
  else if (a === "--host") opt.host = args[++i];
  else if (a === "--max-body-size") opt.maxBody = num();
  else if (a === "--header-timeout") opt.headerTimeout = num();
  else if (a === "--idle-timeout") opt.idleTimeout = num();
  else if (a === "--request-timeout") opt.requestTimeout = num();
  else if (!a.startsWith("-") && !appPath) appPath = a;
  else {
    console.error(`node_app: unknown option ${a}`);
    process.exit(2);
  }
}
if (!appPath) {
  console.error("usage: node_app.mjs app.js [--port N] ...");
  process.exit(2);
}
const app = (await import(pathToFileURL(path.resolve(appPath)).href)).default;

const MAX_TARGET = 8192;
let shuttingDown = false;

function refuse(res, status) {
  res.writeHead(status, { connection: "close", "content-length": 0 });
  res.end();
  res.on("finish", () => res.socket?.destroySoon());
}

// The request body as a web stream that fails (and answers 413) past --max-body-size.
function bodyStream(req, res) {
  if (!opt.maxBody) return Readable.toWeb(req);
  let seen = 0;
  const limit = new Transform({
    transform(chunk, enc, cb) {
      seen += chunk.length;
      if (seen > opt.maxBody) {
        if (!res.headersSent) refuse(res, 413);
        cb(new Error("body over --max-body-size"));
      } else cb(null, chunk);
    },
  });
  req.pipe(limit);
  return Readable.toWeb(limit);
}

// Reads the response body while its chunks are already there; a body that ends so is sent
// with Content-Length, one that has to wait (a stream) is sent chunked as it comes.
async function send(req, res, response) {
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
  if (opt.maxBody && cl !== undefined && Number(cl) > opt.maxBody) return refuse(res, 413);
  if (shuttingDown) res.on("finish", () => req.socket.end());
  let timer = null;
  if (opt.requestTimeout) {
    timer = setTimeout(() => {
      if (!res.headersSent) refuse(res, 503);
      else res.destroy();
    }, opt.requestTimeout);
    res.on("close", () => clearTimeout(timer));
  }
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const url = req.url.startsWith("/") ? `http://${req.headers.host ?? opt.host}${req.url}` : req.url;
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  let response;
  try {
    const request = new Request(url, { method: req.method, headers, body: hasBody ? bodyStream(req, res) : undefined, duplex: "half" });
    response = await app.fetch(request, {}, { waitUntil() {}, passThroughOnException() {} });
    if (!(response instanceof Response)) throw new TypeError(`the handler returned ${typeof response}, not a Response`);
  } catch (err) {
    if (res.headersSent || res.destroyed) return;
    console.error("handler error:", err);
    response = new Response("Internal Server Error", { status: 500 });
  }
  if (res.headersSent || res.destroyed) return;
  try {
    await send(req, res, response);
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
  if (opt.maxBody && cl > opt.maxBody) return refuse(res, 413);
  res.writeContinue();
  handle(req, res);
});
server.on("clientError", (err, socket) => {
  if (!socket.writable) return socket.destroy();
  const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nDate: ${new Date().toUTCString()}\r\n` +
    "Connection: close\r\nContent-Length: 0\r\n\r\n");
});

function shutdown() {
  if (shuttingDown) return;
  shuttingDown = true;
  server.close(() => process.exit(0));
  // node closes idle connections once; those that finish their response later close here
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 50);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

server.listen(opt.port, opt.host, () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address.includes(":") ? `[${address}]` : address}:${port}/`);
});
