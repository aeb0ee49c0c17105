// builtin_cache_train.js: run at build time by mrt_builtin_cache_gen before it makes the lazy
// built-in files' code caches: the functions this calls are compiled by then and go into the
// caches, so a program's first use of these APIs runs them without compiling. Use the lazy
// APIs the way programs first do (a server's first response, a URL, text, a Node module),
// with no network and no file but this one. Whatever it does not reach still has its file's
// top level cached, and compiles the rest at first call as without a cache.
(async () => {
  // fetch's types: a server's first Response, a client's first Request and Headers.
  const headers = new Headers({ "content-type": "text/plain" });
  headers.set("x-a", "1");
  headers.append("x-b", "2");
  headers.get("x-a");
  headers.has("x-b");
  for (const _ of headers) {}
  const res = new Response("x", { status: 200, headers });
  res.headers.get("content-type");
  await res.text();
  await new Response('{"a":1}').json();
  await new Response(new Uint8Array([1, 2])).arrayBuffer();
  Response.json({ a: 1 });
  const req = new Request("http://localhost/a?b=1", { method: "POST", body: "x" });
  req.url;
  req.method;
  req.headers.get("content-type");
  await req.text();
  new Request("http://localhost/", { headers }).signal;

  // URL
  const url = new URL("https://user:pw@example.com:8080/a/b?c=1&d=2#e");
  url.pathname;
  url.searchParams.get("c");
  url.href;
  url.toString();
  new URL("../x", url).href;
  new URLSearchParams("a=1&b=2").toString();

  // text, cloning, events, blobs, streams
  new TextDecoder().decode(new TextEncoder().encode("hi"));
  structuredClone({ a: [1, 2], b: new Map([[1, 2]]) });
  const target = new EventTarget();
  target.addEventListener("x", () => {});
  target.dispatchEvent(new Event("x"));
  new AbortController().abort();
  await new Blob(["a", "b"]).text();
  const stream = new ReadableStream({
    start(c) {
      c.enqueue("a");
      c.close();
    },
  });
  for await (const _ of stream) {}

  // Node's modules most programs load first (as CommonJS: this file runs as mrt runs a .js
  // file, so the CommonJS loader is trained too), and one as an ES module would import it.
  const fs = require("node:fs");
  fs.existsSync(__filename);
  fs.statSync(__filename).isFile();
  fs.readFileSync(__filename, "utf8");
  await fs.promises.readFile(__filename);
  const path = require("node:path");
  path.join("a", "b");
  path.resolve("a");
  path.dirname(__filename);
  const { EventEmitter } = require("node:events");
  const emitter = new EventEmitter();
  emitter.on("x", () => {});
  emitter.emit("x");
  const util = require("node:util");
  util.format("%s %d", "a", 1);
  util.inspect({ a: 1 });
  const { Buffer } = require("node:buffer");
  Buffer.from("hi").toString("hex");
  require("node:os");
  require("node:url");
  await import("node:fs");

  // A server's first requests on loopback (serve_impl.js's per-request path), where the
  // runtime has mrt.serve: raw HTTP over mrt.connect, so no HTTP client library is needed.
  if (typeof mrt.serve === "function") {
    const ac = new AbortController();
    const server = mrt.serve(
      { port: 0, hostname: "127.0.0.1", signal: ac.signal, onListen() {} },
      async (request) => Response.json({ path: new URL(request.url).pathname, body: await request.text() }),
    );
    const conn = await mrt.connect({ hostname: "127.0.0.1", port: server.addr.port });
    await conn.write(new TextEncoder().encode(
      "GET /a HTTP/1.1\r\nhost: x\r\n\r\n" +
      "POST /b HTTP/1.1\r\nhost: x\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx"));
    const buf = new Uint8Array(4096);
    while ((await conn.read(buf)) !== null) {}
    conn.close();
    ac.abort();
    await server.finished;
  }
})();
