// cases.mjs: the HTTP/1.1 robustness corpus (issue 16), each case a name, the server it needs
// (a key of SERVERS, or `fresh` for a server of its own) and a run(t) that writes exact bytes
// and asserts what comes back. Expectations follow RFC 9112 and the parser's contract
// (core/ext/http/h1.h): where the RFC leaves a choice, the case accepts every allowed answer.
// `node:` says why node's http (run.mjs --node) answers otherwise; such a case is expected to
// fail under --node only.
import net from "node:net";
import { once } from "node:events";
import { delay } from "./client.mjs";

// The servers the cases share: run.mjs starts each the first time a case needs it. `mrt serve
// app.js` with these flags (ms, bytes); timeouts short so the corpus runs in seconds.
export const SERVERS = {
  base: [],
  maxbody: ["--max-body-size", "65536"],
  headertimeout: ["--header-timeout", "1000"],
  idle: ["--idle-timeout", "1000"],
  requesttimeout: ["--request-timeout", "1000"],
};
const MAX_BODY = 65536;

const H = "Host: localhost\r\n";
const get = (target, extra = "") => `GET ${target} HTTP/1.1\r\n${H}${extra}\r\n`;
const post = (target, body, extra = "") =>
  `POST ${target} HTTP/1.1\r\n${H}Content-Length: ${Buffer.byteLength(body, "latin1")}\r\n${extra}\r\n${body}`;
const chunkedPost = (target, chunks, extra = "") => `POST ${target} HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n${extra}\r\n` +
  chunks.map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join("") + "0\r\n\r\n";

export const cases = [];
const add = (name, server, run, more = {}) => cases.push({ name, server, run, ...more });

// ---- basics and keep-alive -------------------------------------------------------------

add("basic.hello", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/hello"));
  const r = await c.response();
  t.expectResponse(r, { status: 200, body: "hello", headers: { "content-length": "5", "content-type": /^text\/plain/ } });
  await t.expectOpen(c, 300, "an HTTP/1.1 connection stays open after a response");
});

add("basic.not-found", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/nope"));
  t.expectResponse(await c.response(), { status: 404, body: "not found" });
});

add("keepalive.sequential", "base", async (t) => {
  const c = await t.connect();
  for (let i = 0; i < 5; i++) {
    await c.write(get(`/hello?i=${i}`));
    t.expectResponse(await c.response(), { status: 200, body: "hello" }, `response ${i + 1} of 5`);
  }
  await c.write(post("/echo", "last one"));
  t.expectResponse(await c.response(), { status: 200, body: "last one" }, "a POST after 5 GETs");
  await t.expectOpen(c, 300, "the connection after 6 requests");
});

add("http10.closes", "base", async (t) => {
  const c = await t.connect();
  await c.write("GET /hello HTTP/1.0\r\n\r\n");
  const r = await c.response();
  t.expectResponse(r, { status: 200, body: "hello", version: /^HTTP\/1\.[01]$/ });
  await t.expectClosed(c, 1000, "an HTTP/1.0 request without keep-alive closes after the response");
});

add("http10.keep-alive", "base", async (t) => {
  const c = await t.connect();
  await c.write("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  const r = await c.response();
  t.expectResponse(r, { status: 200, body: "hello", version: /^HTTP\/1\.[01]$/, headers: { connection: /keep-alive/i } });
  await c.write("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "second HTTP/1.0 keep-alive request");
  await c.write("GET /hello HTTP/1.0\r\n\r\n");
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "third request, without keep-alive");
  await t.expectClosed(c, 1000, "after an HTTP/1.0 request without keep-alive");
});

add("http10.chunked-response-not-used", "base", async (t) => {
  // An HTTP/1.0 client does not know chunked: a body of unknown length is delimited by the close.
  const c = await t.connect();
  await c.write("GET /stream HTTP/1.0\r\n\r\n");
  const r = await c.response({ timeout: 3000 });
  t.expectResponse(r, { status: 200, body: "chunk0\nchunk1\nchunk2\n", framing: false });
  t.ok(!r.chunked, "no Transfer-Encoding: chunked to an HTTP/1.0 client", r.get("transfer-encoding"));
});

add("connection.close", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/hello", "Connection: close\r\n"));
  const r = await c.response();
  t.expectResponse(r, { status: 200, body: "hello", headers: { connection: /close/i } });
  await t.expectClosed(c, 1000, "after a request with Connection: close");
});

add("pipelining.three", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/status/201") + get("/status/202") + get("/status/203"));
  for (const s of [201, 202, 203]) t.expectResponse(await c.response(), { status: s, body: `status ${s}` }, `pipelined response for /status/${s}`);
  await t.expectOpen(c, 300, "after three pipelined requests");
});

add("pipelining.mixed", "base", async (t) => {
  // GET, POST with a length, HEAD, chunked POST, and a last GET with Connection: close, in one
  // write: five responses in order, HEAD's without a body, then the close.
  const c = await t.connect();
  await c.write(get("/hello") + post("/echo", "abc") + `HEAD /hello HTTP/1.1\r\n${H}\r\n` +
    chunkedPost("/echo", ["de", "fgh"]) + get("/status/202", "Connection: close\r\n"));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "1: GET /hello");
  t.expectResponse(await c.response(), { status: 200, body: "abc" }, "2: POST /echo");
  t.expectResponse(await c.response({ method: "HEAD" }), { status: 200, body: "", headers: { "content-length": "5" } }, "3: HEAD /hello");
  t.expectResponse(await c.response(), { status: 200, body: "defgh" }, "4: chunked POST /echo");
  t.expectResponse(await c.response(), { status: 202, body: "status 202" }, "5: GET with Connection: close");
  await t.expectClosed(c, 1000, "after the Connection: close request");
});

add("pipelining.then-malformed", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/hello") + "GET /hello HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n" + get("/hello"));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the valid first request");
  await t.expectError(c, [400], "the malformed second request");
}, { node: "node's http parses all that has arrived before answering: the error comes first and the valid request is never answered" });

add("pipelining.byte-by-byte", "base", async (t) => {
  // Two requests trickled a byte at a time: the parser resumes across every boundary.
  const c = await t.connect();
  await c.trickle(post("/echo", "split body") + chunkedPost("/echo", ["ab", "cd"]), 1, 1);
  t.expectResponse(await c.response(), { status: 200, body: "split body" });
  t.expectResponse(await c.response(), { status: 200, body: "abcd" });
});

add("pipelining.deep", "base", async (t) => {
  // 200 requests in one write: the server answers them all, in order, with the rest of the
  // write waiting in its buffer (no reordering, no loss, no stall).
  const c = await t.connect();
  let all = "";
  for (let i = 0; i < 200; i++) all += post("/echo", `request ${i}`);
  await c.write(all);
  for (let i = 0; i < 200; i++) t.expectResponse(await c.response({ timeout: 5000 }), { status: 200, body: `request ${i}` }, `pipelined response ${i + 1} of 200`);
  await t.expectOpen(c, 200, "after 200 pipelined requests");
});

add("request.absolute-form", "base", async (t) => {
  // RFC 9112 3.2.2: a server MUST accept the absolute form.
  const c = await t.connect();
  await c.write(`GET http://localhost/hello HTTP/1.1\r\n${H}\r\n`);
  t.expectResponse(await c.response(), { status: 200, body: "hello" });
});

add("request.headers-seen", "base", async (t) => {
  const c = await t.connect();
  await c.write(`GET /headers?q=1 HTTP/1.1\r\nHost: example.test\r\nX-Dup: a\r\nX-Dup: b\r\nX-Space:   padded value  \r\nX-Tab:\tv\r\n\r\n`);
  const r = await c.response();
  t.expectResponse(r, { status: 200 });
  const j = r.json();
  t.eq(j.method, "GET", "method");
  t.eq(j.path, "/headers?q=1", "path and query");
  t.eq(j.headers.host, "example.test", "host header");
  t.eq(j.headers["x-dup"], "a, b", "repeated header combined");
  t.eq(j.headers["x-space"], "padded value", "OWS around a value removed");
  t.eq(j.headers["x-tab"], "v", "HTAB as OWS");
});

add("request.target-kept-encoded", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/headers?a=%41%20&b=%2F&c=d+e"));
  const r = await c.response();
  t.expectResponse(r, { status: 200 });
  t.eq(r.json().path, "/headers?a=%41%20&b=%2F&c=d+e", "the query as sent (percent-encoding kept)");
});

add("request.obs-text-value", "base", async (t) => {
  // Bytes 0x80-0xFF (obs-text) are allowed in a field value; Headers shows them as Latin-1.
  const c = await t.connect();
  await c.write(get("/headers", "X-Text: caf\xc3\xa9\r\n"));
  const r = await c.response();
  t.expectResponse(r, { status: 200 });
  t.eq(r.json().headers["x-text"], "caf\u00c3\u00a9", "the value's bytes as Latin-1 characters");
});

add("request.duplicate-equal-content-length", "base", async (t) => {
  // RFC 9112 6.3: identical repeated Content-Length values may be accepted as one, or refused.
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello`);
  const r = await c.response();
  if (r.status === 400) {
    await t.expectClosed(c, 1000, "after 400");
  } else {
    t.expectResponse(r, { status: 200, body: "hello" }, "either 400 and close, or the 5-byte body");
  }
});

add("request.no-host-http11", "base", async (t) => {
  // RFC 9112 3.2: a server MUST respond 400 to an HTTP/1.1 request without Host.
  const c = await t.connect();
  await c.write("GET /hello HTTP/1.1\r\n\r\n");
  await t.expectError(c, [400]);
});

add("request.two-hosts", "base", async (t) => {
  // RFC 9112 3.2: ... or with more than one Host field line.
  const c = await t.connect();
  await c.write("GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
  await t.expectError(c, [400]);
}, { node: "node's http accepts two Host fields" });

// ---- bodies ----------------------------------------------------------------------------

add("body.content-length", "base", async (t) => {
  const c = await t.connect();
  await c.write(post("/echo", "hello body"));
  t.expectResponse(await c.response(), { status: 200, body: "hello body", headers: { "x-received-length": "10", "content-length": "10" } });
});

add("body.empty-post", "base", async (t) => {
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: 0\r\n\r\n` + get("/hello"));
  t.expectResponse(await c.response(), { status: 200, body: "", headers: { "content-length": "0" } });
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the request after an empty body");
});

add("body.chunked-extensions-trailers", "base", async (t) => {
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n` +
    `5;ext=1\r\nhello\r\n6;a="quoted;str";b\r\n world\r\nA\r\n0123456789\r\n0;last\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n` + get("/hello"));
  t.expectResponse(await c.response(), { status: 200, body: "hello world0123456789", headers: { "x-received-length": "21" } });
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the request after the trailers");
});

add("body.chunked-case-and-ows", "base", async (t) => {
  // Coding names are case-insensitive; hex digits either case; "chunked" after OWS.
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Transfer-Encoding:  Chunked \r\n\r\nb\r\nhello world\r\nB\r\nHELLO WORLD\r\n0\r\n\r\n`);
  t.expectResponse(await c.response(), { status: 200, body: "hello worldHELLO WORLD" });
});

add("body.large-1mib", "base", async (t) => {
  const body = Buffer.alloc(1 << 20);
  for (let i = 0; i < body.length; i++) body[i] = (i * 7 + (i >> 8)) & 255;
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: ${body.length}\r\n\r\n`);
  await c.write(body);
  const r = await c.response({ timeout: 10000 });
  t.expectResponse(r, { status: 200, headers: { "content-length": String(body.length) } });
  t.ok(r.body.equals(body), "1 MiB echoed byte for byte", `${r.body.length} bytes, first difference at ${firstDiff(r.body, body)}`);
});

add("body.chunked-1mib-odd-chunks", "base", async (t) => {
  // 1 MiB in chunks of 1..4096 bytes (sizes in mixed-case hex), written in 1000-byte pieces
  // that split sizes, data and CRLFs anywhere.
  const body = Buffer.alloc(1 << 20);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + 7) & 255;
  const parts = [Buffer.from(`POST /echo HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n`)];
  let n = 0;
  for (let off = 0, k = 1; off < body.length; k++) {
    const size = Math.min(body.length - off, (k * 977) % 4096 + 1);
    const hex = size.toString(16);
    parts.push(Buffer.from(`${k % 2 ? hex.toUpperCase() : hex}\r\n`), body.subarray(off, off + size), Buffer.from("\r\n"));
    off += size;
    n++;
  }
  parts.push(Buffer.from("0\r\n\r\n"));
  const all = Buffer.concat(parts);
  const c = await t.connect();
  const writing = c.trickle(all, 1000, 0);
  const r = await c.response({ timeout: 15000 });
  await writing;
  t.expectResponse(r, { status: 200, headers: { "x-received-length": String(body.length) } });
  t.ok(r.body.equals(body), `1 MiB in ${n} chunks echoed byte for byte`, `${r.body.length} bytes, first difference at ${firstDiff(r.body, body)}`);
});

add("body.slow-reader", "base", async (t) => {
  // The handler reads 1 MiB slowly; the server must neither lose nor reorder bytes.
  const n = 1 << 20;
  const c = await t.connect();
  await c.write(`POST /slow-body?delay=2 HTTP/1.1\r\n${H}Content-Length: ${n}\r\n\r\n`);
  await c.write(Buffer.alloc(n, 97));
  const r = await c.response({ timeout: 15000 });
  t.expectResponse(r, { status: 200 });
  t.eq(r.json().bytes, n, "bytes the handler read");
});

add("body.unread-then-next", "base", async (t) => {
  // A handler that ignores the body: the body is still consumed, the next request parsed.
  const c = await t.connect();
  await c.write(post("/hello", "ignored body bytes") + get("/status/201"));
  t.expectResponse(await c.response(), { status: 200, body: "hello" });
  t.expectResponse(await c.response(), { status: 201, body: "status 201" }, "the request after an unread body");
});

// ---- responses -------------------------------------------------------------------------

add("response.chunked-stream", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/stream?n=4&delay=150"));
  const r = await c.response({ timeout: 5000 });
  t.expectResponse(r, { status: 200, body: "chunk0\nchunk1\nchunk2\nchunk3\n", headers: { "transfer-encoding": /^chunked$/i, "content-length": null } });
  t.ok(r.tEnd - r.tFirstBody >= 300, "streamed: the first chunk arrives before the last is produced",
    `first body byte ${r.tEnd - r.tFirstBody} ms before the end (want >= 300 of 450)`);
  await c.write(get("/hello"));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the next request on the connection");
});

add("response.large-known-length", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/big?size=3000000"));
  const r = await c.response({ timeout: 10000 });
  t.expectResponse(r, { status: 200, headers: { "content-length": "3000000" } });
  t.ok(r.body.length === 3000000 && r.body.every((b) => b === 120), "3,000,000 bytes of 'x'", `${r.body.length} bytes`);
});

add("response.backpressure", { fresh: true, flags: [] }, async (t) => {
  // A client that stops reading a 64 MiB stream for 1.5 s: the server stops pulling from the
  // stream instead of buffering it (its RSS grows by far less than the 64 MiB produced).
  const rss0 = t.serverRss();
  const sock = net.connect(t.addr);
  await once(sock, "connect");
  let bytes = 0, tail = "";
  const ended = new Promise((resolve, reject) => {
    sock.on("data", (d) => {
      bytes += d.length;
      tail = (tail + d.toString("latin1")).slice(-5);
      if (tail === "0\r\n\r\n") resolve();
    });
    sock.on("error", reject);
    sock.on("close", () => reject(new Error(`closed after ${bytes} bytes`)));
  });
  sock.write(get("/stream?n=1024&size=65536&delay=0"));
  await new Promise((r) => sock.once("data", r));
  sock.pause();
  await delay(1500);
  const rss1 = t.serverRss();
  sock.resume();
  await Promise.race([ended, delay(20000).then(() => { throw new Error(`stream not finished after 20 s (${bytes} bytes)`); })]);
  sock.destroy();
  t.ok(bytes > 1024 * 65536, "the whole 64 MiB stream arrives after reading resumes", `${bytes} bytes`);
  if (rss0 !== null) {
    const grew = rss1 - rss0;
    t.note(`RSS grew ${(grew / 1048576).toFixed(1)} MiB while the client did not read`);
    t.ok(grew < 24 * 1048576, "the server's RSS while the client does not read", `grew ${(grew / 1048576).toFixed(1)} MiB (want < 24)`);
  }
});

add("request.backpressure", { fresh: true, flags: [] }, async (t) => {
  // A client sends 64 MiB as fast as it can to a handler that reads a chunk every 200 ms:
  // the server stops reading the socket instead of buffering the body, so the client cannot
  // write much more than the kernel's socket buffers in 1.5 s.
  const rss0 = t.serverRss();
  const c = await t.connect();
  const n = 64 << 20;
  await c.write(`POST /slow-body?delay=200 HTTP/1.1\r\n${H}Content-Length: ${n}\r\n\r\n`);
  const piece = Buffer.alloc(1 << 20, 97);
  let sent = 0;
  const writing = (async () => {
    while (sent < n && (await c.write(piece))) sent += piece.length;
  })();
  await delay(1500);
  const rss1 = t.serverRss();
  const sentIn1500 = sent;
  c.reset();
  await writing.catch(() => {});
  if (rss0 !== null) {
    const grew = rss1 - rss0;
    t.note(`RSS grew ${(grew / 1048576).toFixed(1)} MiB; the client got ${sentIn1500 >> 20} MiB written in 1.5 s`);
    t.ok(grew < 24 * 1048576, "the server's RSS while its handler reads slowly", `grew ${(grew / 1048576).toFixed(1)} MiB (want < 24)`);
  }
  t.ok(sentIn1500 < 24 << 20, "the client could write at most 24 of the 64 MiB in 1.5 s (the server stopped reading)", `${sentIn1500 >> 20} MiB written`);
  await t.serverServes();
});

add("head.known-length", "base", async (t) => {
  const c = await t.connect();
  await c.write(`HEAD /big?size=1234 HTTP/1.1\r\n${H}\r\n` + get("/hello"));
  const r = await c.response({ method: "HEAD" });
  t.expectResponse(r, { status: 200, body: "", headers: { "content-length": "1234" } }, "HEAD: GET's Content-Length, no body");
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the GET after HEAD (no stray body bytes between)");
});

add("head.stream", "base", async (t) => {
  const c = await t.connect();
  await c.write(`HEAD /stream HTTP/1.1\r\n${H}\r\n`);
  const r = await c.response({ method: "HEAD", timeout: 3000 });
  t.expectResponse(r, { status: 200, body: "", framing: false });
  await c.write(get("/hello"));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the GET after HEAD of a stream (no body bytes were sent)");
});

add("status.204-304", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/status/204") + get("/status/304") + get("/hello"));
  const r204 = await c.response();
  t.expectResponse(r204, { status: 204, body: "", framing: false, headers: { "content-length": null, "transfer-encoding": null } });
  const r304 = await c.response();
  t.expectResponse(r304, { status: 304, body: "", framing: false });
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the request after 204 and 304");
});

add("status.codes", "base", async (t) => {
  const c = await t.connect();
  for (const s of [200, 201, 400, 404, 418, 500, 503, 599]) {
    await c.write(get(`/status/${s}`));
    t.expectResponse(await c.response(), { status: s, body: `status ${s}` });
  }
});

// ---- Expect: 100-continue --------------------------------------------------------------

add("expect.100-continue", "base", async (t) => {
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: 5\r\nExpect: 100-continue\r\n\r\n`);
  const interim = await c.response({ timeout: 2000 });
  t.expectResponse(interim, { status: 100, body: "", framing: false, date: false }, "the interim response");
  t.eq(interim.head.split("\r\n")[0], "HTTP/1.1 100 Continue", "the 100 response's status line");
  await c.write("hello");
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the final response");
});

add("expect.100-continue-too-large", "maxbody", async (t) => {
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: ${MAX_BODY + 1}\r\nExpect: 100-continue\r\n\r\n`);
  await t.expectError(c, [413], "413 at once, with no 100 Continue before it");
});

add("expect.body-sent-anyway", "base", async (t) => {
  // A client may send the body without waiting for 100; the server must still parse it
  // (and may or may not send the 100 first).
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: 3\r\nExpect: 100-continue\r\n\r\nabc` + get("/hello"));
  let r = await c.response();
  if (r.status === 100) r = await c.response();
  t.expectResponse(r, { status: 200, body: "abc" });
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the next request");
});

// ---- limits ----------------------------------------------------------------------------

add("limit.headers-under-16k", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/hello", `X-Big: ${"a".repeat(15 * 1024)}\r\n`));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "a 15 KiB header section is accepted");
});

add("limit.headers-over-16k-one", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/hello", `X-Big: ${"a".repeat(17 * 1024)}\r\n`));
  await t.expectError(c, [431]);
});

add("limit.headers-over-16k-many", "base", async (t) => {
  const c = await t.connect();
  let extra = "";
  for (let i = 0; i < 40; i++) extra += `X-H${i}: ${"b".repeat(500)}\r\n`;
  await c.write(get("/hello", extra));
  await t.expectError(c, [431]);
});

add("limit.header-count", "base", async (t) => {
  // h1.h: more than 128 fields → 431 (even though they are small).
  const c = await t.connect();
  let extra = "";
  for (let i = 0; i < 200; i++) extra += `X-${i}: 1\r\n`;
  await c.write(get("/hello", extra));
  await t.expectError(c, [431]);
}, { node: "node's http accepts 2000 fields (maxHeadersCount drops the rest, no 431)" });

add("limit.headers-over-16k-trickled", "base", async (t) => {
  // The limit holds across reads: 20 KiB of headers in 1 KiB writes.
  const c = await t.connect();
  await c.trickle(get("/hello", `X-Big: ${"c".repeat(20 * 1024)}\r\n`), 1024, 5);
  await t.expectError(c, [431]);
});

add("limit.uri-under-8k", "base", async (t) => {
  const c = await t.connect();
  await c.write(get(`/hello?${"q".repeat(8000)}`));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "an 8000-byte target is accepted");
});

add("limit.uri-over-8k", "base", async (t) => {
  const c = await t.connect();
  await c.write(get(`/hello?${"q".repeat(9000)}`));
  await t.expectError(c, [414]);
});

add("limit.body-at-max", "maxbody", async (t) => {
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: ${MAX_BODY}\r\n\r\n`);
  await c.write(Buffer.alloc(MAX_BODY, 65));
  t.expectResponse(await c.response({ timeout: 5000 }), { status: 200, headers: { "x-received-length": String(MAX_BODY) } }, "a body of exactly --max-body-size");
});

add("limit.body-content-length-over", "maxbody", async (t) => {
  // Refused from the header alone: 413 before the body is sent.
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: ${MAX_BODY + 1}\r\n\r\n`);
  await t.expectError(c, [413]);
});

add("limit.body-chunked-over", "maxbody", async (t) => {
  const c = await t.connect();
  const chunk = "z".repeat(16384);
  let body = "";
  for (let i = 0; i < 5; i++) body += `4000\r\n${chunk}\r\n`;
  await c.write(`POST /echo HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n${body}0\r\n\r\n`);
  await t.expectError(c, [413]);
});

// ---- malformed requests: 400 (or the status given) and close ---------------------------

const malformed = [
  // request line
  ["bad-request-line.no-version", "GET /hello\r\n\r\n", [400],
    { node: "node's http answers it as HTTP/0.9 (200 and close)" }],
  ["bad-request-line.extra-word", "GET /hello HTTP/1.1 extra\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.no-method", "/hello HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.method-char", "G@T /hello HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.space-in-target", "GET /he llo HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.relative-target", "GET hello HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.bare-cr", "GET /hello HTTP/1.1\rHost: x\r\n\r\n", [400]],
  ["bad-request-line.lowercase-http", "GET /hello http/1.1\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.version-letters", "GET /hello HTTP/A.B\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.version-two-digits", "GET /hello HTTP/11\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.empty-lines-only", "\r\n\r\n\r\n\r\nX\r\n\r\n", [400]],
  ["bad-request-line.binary", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", [400],
    { note: "a TLS ClientHello on the plain port" }],
  // versions
  ["version.http2-preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", [400, 505]],
  ["version.http3", "GET /hello HTTP/3.0\r\nHost: x\r\n\r\n", [505],
    { node: "node's http answers 400" }],
  ["version.http2-0", "GET /hello HTTP/2.0\r\nHost: x\r\n\r\n", [505],
    { node: "node's http serves it (200)" }],
  // header fields
  ["header.no-colon", "GET /hello HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n", [400]],
  ["header.space-before-colon", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A : 1\r\n\r\n", [400]],
  ["header.name-bad-char", "GET /hello HTTP/1.1\r\nHost: x\r\nX(A): 1\r\n\r\n", [400]],
  ["header.empty-name", "GET /hello HTTP/1.1\r\nHost: x\r\n: value\r\n\r\n", [400]],
  ["header.obs-fold", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\n\r\n", [400],
    { note: "RFC 9112 5.2 allows replacing obs-fold with SP; h1.h refuses it" }],
  ["header.obs-fold-tab", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tfolded\r\n\r\n", [400]],
  ["header.whitespace-before-first", "GET /hello HTTP/1.1\r\n Host: x\r\n\r\n", [400]],
  ["header.nul-in-value", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n", [400]],
  ["header.ctl-in-value", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n", [400],
    { note: "h1.h refuses control bytes (RFC 9110 5.5 would allow keeping them)" }],
  ["header.del-in-value", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\x7fb\r\n\r\n", [400],
    { note: "h1.h refuses control bytes" }],
  ["header.ctl-in-name", "GET /hello HTTP/1.1\r\nHost: x\r\nX-\x01A: 1\r\n\r\n", [400]],
  ["header.nul-in-target", "GET /hel\x00lo HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["header.ctl-in-target", "GET /hel\x7flo HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["header.lf-in-value-then-junk", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\nb c\r\n\r\n", [400]],
  // framing: request smuggling
  ["smuggling.cl-and-te", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n`, [400]],
  ["smuggling.te-and-cl", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n`, [400]],
  ["smuggling.cl-differing", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhelloX`, [400]],
  ["smuggling.cl-list-differing", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhelloX`, [400]],
  ["smuggling.cl-negative", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`, [400]],
  ["smuggling.cl-plus", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello`, [400]],
  ["smuggling.cl-overflow", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n`, [400, 413]],
  ["smuggling.cl-overflow-wrap", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 18446744073709551621\r\n\r\nhello`, [400, 413],
    { note: "2^64 + 5: wraps to 5 in an unchecked parser" }],
  ["smuggling.cl-hex", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0x5\r\n\r\nhello`, [400]],
  ["smuggling.cl-trailing-letter", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5a\r\n\r\nhello`, [400]],
  ["smuggling.cl-empty", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n`, [400]],
  ["smuggling.te-not-chunked-last", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n`, [400],
    { note: "RFC 9112 6.3: chunked not final → 400 and close" }],
  ["smuggling.te-unknown", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n`, [400]],
  ["smuggling.te-gzip-chunked", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`, [501],
    { note: "h1.h: a coding other than chunked → 501 (RFC 9112 6.1 SHOULD)", node: "node's http passes gzip, chunked through to the handler" }],
  ["smuggling.te-in-http10", `POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, [400], {
    note: "RFC 9112 6.1: TE in an HTTP/1.0 request: the server MUST treat the framing as faulty and close (400 expected)",
    node: "node's http honours chunked in HTTP/1.0" }],
  // chunked bodies
  ["chunk.size-not-hex", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`, [400]],
  ["chunk.size-negative", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n`, [400]],
  ["chunk.size-overflow", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\nhello\r\n0\r\n\r\n`, [400, 413]],
  ["chunk.size-overflow-wrap", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000005\r\nhello\r\n0\r\n\r\n`, [400, 413],
    { note: "2^64 + 5 in hex" }],
  ["chunk.size-empty", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n`, [400]],
  ["chunk.data-longer-than-size", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n`, [400]],
  ["chunk.data-shorter-than-size", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel\r\n0\r\n\r\n`, [400]],
  ["chunk.bad-trailer", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nBad Trailer\r\n\r\n`, [400]],
];
for (const [name, bytes, statuses, more = {}] of malformed) {
  add(`malformed.${name}`, "base", async (t) => {
    const c = await t.connect();
    await c.write(bytes);
    await t.expectError(c, statuses);
  }, { note: more.note, node: more.node, request: bytes });
}

// A message cut short by the client's FIN: no success answer, the connection closed (a 400 is
// allowed), and the server goes on.
const truncated = [
  ["truncated.chunk-data", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel`],
  ["truncated.chunk-size", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1`],
  ["truncated.no-last-chunk", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n`],
  ["truncated.content-length", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello`],
  ["truncated.head", `GET /hello HTTP/1.1\r\nHost: x\r\nX-A: 1`],
];
for (const [name, bytes] of truncated) {
  add(name, "base", async (t) => {
    const c = await t.connect();
    await c.write(bytes);
    c.end();
    const closed = await c.closedWithin(2000);
    t.ok(closed, "the server closes a connection whose request the client cut short", "still open after 2000 ms");
    let r = null;
    try {
      r = await c.response({ timeout: 200 });
    } catch {
      // closed without a response: allowed
    }
    if (r) t.ok(r.status === 400, "no answer, or 400, to a truncated request", r.describe());
    await t.serverServes();
  }, { request: bytes });
}

// ---- timeouts --------------------------------------------------------------------------

add("timeout.slowloris", "headertimeout", async (t) => {
  // Headers trickled a byte every 250 ms never finish: cut off at the header timeout (1000 ms)
  // counted from the start of the request, not reset by each byte.
  const c = await t.connect();
  const t0 = Date.now();
  const trickling = c.trickle(`GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: ${"s".repeat(100)}\r\n\r\n`, 1, 250);
  const closed = await c.closedWithin(4000);
  const ms = Date.now() - t0;
  t.ok(closed, "a slowloris connection is closed by the header timeout", `still open after ${ms} ms`);
  t.ok(ms >= 700 && ms <= 3000, "closed around --header-timeout 1000", `closed after ${ms} ms`);
  await trickling;
  try {
    const r = await c.response({ timeout: 100 });
    t.ok(r.status === 408, "no answer or 408 to a header timeout", r.describe());
  } catch {
    // closed without a response
  }
  await t.serverServes();
});

add("timeout.slowloris-default-10s", "base", async (t) => {
  const c = await t.connect();
  const t0 = Date.now();
  const trickling = c.trickle(`GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: ${"s".repeat(20)}\r\n\r\n`, 1, 1000);
  const closed = await c.closedWithin(14000);
  const ms = Date.now() - t0;
  t.ok(closed && ms >= 9000 && ms <= 13000, "closed by the default 10 s header timeout", closed ? `closed after ${ms} ms` : "still open after 14 s");
  await trickling;
}, { slow: true, timeout: 20000 });

add("timeout.header-complete-in-time", "headertimeout", async (t) => {
  // A request trickled slowly but finished within the header timeout is served.
  const c = await t.connect();
  await c.trickle(get("/hello"), 4, 40);
  t.expectResponse(await c.response(), { status: 200, body: "hello" });
});

add("timeout.header-timer-per-request", "headertimeout", async (t) => {
  // The header timer starts with each request: a keep-alive connection used every 400 ms for
  // 2.4 s is never cut by the 1000 ms header timeout.
  const c = await t.connect();
  for (let i = 0; i < 6; i++) {
    await c.write(get("/hello"));
    t.expectResponse(await c.response(), { status: 200, body: "hello" }, `request ${i + 1} of 6`);
    await delay(400);
  }
});

add("timeout.idle", "idle", async (t) => {
  const c = await t.connect();
  await c.write(get("/hello"));
  t.expectResponse(await c.response(), { status: 200, body: "hello" });
  const t0 = Date.now();
  const closed = await c.closedWithin(3500);
  const ms = Date.now() - t0;
  t.ok(closed, "an idle keep-alive connection is closed after --idle-timeout 1000", `still open after ${ms} ms`);
  t.ok(ms >= 700 && ms <= 2500, "closed around the idle timeout", `closed ${ms} ms after the response`);
  t.eq(c.leftover().length, 0, "bytes sent on the idle connection before closing");
});

add("timeout.idle-reset-by-requests", "idle", async (t) => {
  const c = await t.connect();
  for (let i = 0; i < 4; i++) {
    await c.write(get("/hello"));
    t.expectResponse(await c.response(), { status: 200, body: "hello" }, `request ${i + 1} of 4, 600 ms apart`);
    await delay(600);
  }
});

add("timeout.idle-not-during-stream", "idle", async (t) => {
  // A response streaming for 2 s (longer than the idle timeout) is not cut.
  const c = await t.connect();
  await c.write(get("/stream?n=8&delay=250"));
  const r = await c.response({ timeout: 6000 });
  t.expectResponse(r, { status: 200, body: Array.from({ length: 8 }, (_, i) => `chunk${i}\n`).join("") });
});

add("timeout.idle-not-during-slow-body", "idle", async (t) => {
  // The client sends its body slowly for 2 s: a request in progress is not idle.
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: 8\r\n\r\n`);
  await c.trickle("12345678", 1, 250);
  t.expectResponse(await c.response(), { status: 200, body: "12345678" });
});

add("timeout.request-never-resolves", "requesttimeout", async (t) => {
  // A handler that never resolves: 503 or a close after --request-timeout 1000.
  const c = await t.connect();
  const t0 = Date.now();
  await c.write(get("/never"));
  let r = null;
  try {
    r = await c.response({ timeout: 4000 });
  } catch (e) {
    if (!c.gone) throw e;
  }
  const ms = Date.now() - t0;
  if (r) t.expectResponse(r, { status: 503 }, "the answer to a handler that never resolves");
  t.ok(ms >= 700 && ms <= 3000, "answered or closed around --request-timeout 1000", `after ${ms} ms`);
  await t.serverServes();
});

add("timeout.request-not-for-fast", "requesttimeout", async (t) => {
  const c = await t.connect();
  await c.write(get("/stream?n=3&delay=100"));
  t.expectResponse(await c.response(), { status: 200, body: "chunk0\nchunk1\nchunk2\n" });
  await delay(1200);
  await c.write(get("/hello"));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "a request after the request timeout passed idle");
});

// ---- failures in handlers and clients --------------------------------------------------

add("handler.throws", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/throw"));
  t.expectResponse(await c.response(), { status: 500 });
  await t.waitStderr(/boom: the handler threw/, 1000, "the handler's error reported on stderr");
  await c.write(get("/hello"));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the same connection after a 500");
  await t.serverServes();
});

add("handler.rejects", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/reject") + get("/hello"));
  t.expectResponse(await c.response(), { status: 500 });
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the pipelined request after a rejected handler");
  await t.waitStderr(/boom: the handler rejected/, 1000, "the rejection reported on stderr");
});

add("handler.returns-non-response", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/bad-return"));
  t.expectResponse(await c.response(), { status: 500 });
  await t.serverServes();
});

add("handler.throws-many", "base", async (t) => {
  // 200 throwing requests on 20 connections: the process never dies from a request.
  await Promise.all(Array.from({ length: 20 }, async () => {
    const c = await t.connect();
    for (let i = 0; i < 10; i++) {
      await c.write(get(i % 2 ? "/throw" : "/reject"));
      t.expectResponse(await c.response({ timeout: 5000 }), { status: 500 });
    }
  }));
  await t.serverServes();
});

add("client.reset-mid-body", "base", async (t) => {
  const fds0 = t.serverFds();
  for (let i = 0; i < 20; i++) {
    const c = await t.connect();
    await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: 100000\r\n\r\n`);
    await c.write(Buffer.alloc(10000 + i * 100, 66));
    await delay(5);
    c.reset();
  }
  await t.serverServes();
  if (fds0 !== null) await t.expectFdsAtMost(fds0 + 2, 3000, "descriptors of the reset connections released");
});

add("client.reset-mid-response", "base", async (t) => {
  // Resets while a long streamed response is being written (no SIGPIPE, no crash).
  const fds0 = t.serverFds();
  for (let i = 0; i < 10; i++) {
    const c = await t.connect();
    await c.write(get("/stream?n=50&delay=10&size=4096"));
    await c.waitFor(() => (c.received.length ? true : undefined), 3000, "the first bytes of the stream");
    c.reset();
  }
  for (let i = 0; i < 5; i++) {
    const c = await t.connect();
    await c.write(get("/big?size=8000000"));
    await c.waitFor(() => (c.received.length ? true : undefined), 3000, "the first bytes of the body");
    c.reset();
  }
  await delay(700);
  await t.serverServes();
  if (fds0 !== null) await t.expectFdsAtMost(fds0 + 2, 3000, "descriptors of the reset connections released");
});

add("client.close-mid-body", "base", async (t) => {
  const c = await t.connect();
  await c.write(`POST /slow-body HTTP/1.1\r\n${H}Content-Length: 100000\r\n\r\n${"x".repeat(5000)}`);
  c.end();
  t.ok(await c.closedWithin(2000), "the server closes after the client's FIN mid-body", "still open");
  await t.serverServes();
});

add("client.reset-while-handler-waits", "requesttimeout", async (t) => {
  // The client goes away while its handler never resolves: nothing to write to later.
  for (let i = 0; i < 5; i++) {
    const c = await t.connect();
    await c.write(get("/never"));
    await delay(20);
    c.reset();
  }
  await delay(1500);
  await t.serverServes();
});

// ---- load ------------------------------------------------------------------------------

add("concurrency.10k-keepalive", { fresh: true, flags: [], nofile: 20000 }, async (t) => {
  // 10,000 connections open at once, each sends one request while all are open, all are
  // answered, and all are still open afterwards (keep-alive).
  const N = 10000;
  const conns = [];
  const fds0 = t.serverFds();
  const t0 = Date.now();
  const hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"]; // spread local ports
  for (let i = 0; i < N; i += 250) {
    const batch = [];
    for (let j = i; j < Math.min(N, i + 250); j++)
      batch.push(t.connect({ timeout: 10000, localAddress: t.addr.host === "127.0.0.1" ? hosts[j % 4] : undefined, quiet: true }));
    conns.push(...await Promise.all(batch));
  }
  const tOpen = Date.now() - t0;
  await Promise.all(conns.map((c, i) => c.write(get(`/hello?c=${i}`))));
  let ok = 0;
  const bad = [];
  await Promise.all(conns.map(async (c, i) => {
    try {
      const r = await c.response({ timeout: 20000 });
      if (r.status === 200 && r.text() === "hello") ok++;
      else bad.push(`${i}: ${r.describe(60)}`);
    } catch (e) {
      bad.push(`${i}: ${e.message}`);
    }
  }));
  const tDone = Date.now() - t0;
  t.note(`opened ${N} in ${tOpen} ms, all answered after ${tDone} ms; server descriptors ${fds0} before, ${t.serverFds()} with all open`);
  t.eq(ok, N, `connections answered 200 hello (first failures: ${bad.slice(0, 3).join(" | ")})`);
  const stillOpen = conns.filter((c) => !c.gone).length;
  t.eq(stillOpen, N, "connections still open after their response");
  for (const c of conns) c.destroy();
  if (fds0 !== null) await t.expectFdsAtMost(fds0 + 20, 5000, "the server's descriptors released after the 10,000 clients closed");
  await t.serverServes();
}, { timeout: 60000 });

// ---- shutdown --------------------------------------------------------------------------

add("shutdown.while-streaming", { fresh: true, flags: [] }, async (t) => {
  const c = await t.connect();
  await c.write(get("/stream?n=10&delay=100"));
  await c.waitFor(() => (c.received.length ? true : undefined), 3000, "the first bytes of the stream");
  t.server.kill("SIGTERM");
  await delay(200);
  let refused = false;
  try {
    const c2 = await t.connect({ timeout: 1000 });
    await c2.write(get("/hello"));
    try {
      const r2 = await c2.response({ timeout: 1000 });
      t.ok(false, "a connection made after SIGTERM is not served", r2.describe());
    } catch {
      refused = true; // accepted by the kernel backlog but closed unanswered
    }
  } catch {
    refused = true;
  }
  t.ok(refused, "new connections refused after SIGTERM", "served");
  const r = await c.response({ timeout: 5000 });
  t.expectResponse(r, { status: 200, body: Array.from({ length: 10 }, (_, i) => `chunk${i}\n`).join("") }, "the in-flight stream completes");
  const exit = await t.server.exited(5000);
  t.eq(exit, "code 0", "exit after the in-flight response");
  t.ok(await c.closedWithin(1000), "the streaming connection closed at shutdown", "still open");
});

add("shutdown.idle-keepalive", { fresh: true, flags: [] }, async (t) => {
  // Idle keep-alive connections do not hold the shutdown up.
  const conns = [];
  for (let i = 0; i < 5; i++) {
    const c = await t.connect();
    await c.write(get("/hello"));
    t.expectResponse(await c.response(), { status: 200, body: "hello" });
    conns.push(c);
  }
  const t0 = Date.now();
  t.server.kill("SIGTERM");
  const exit = await t.server.exited(3000);
  t.eq(exit, "code 0", "exit status after SIGTERM with idle connections");
  t.ok(Date.now() - t0 < 2000, "exits promptly", `${Date.now() - t0} ms`);
  for (const c of conns) t.ok(await c.closedWithin(500), "idle connection closed", "still open");
});

add("shutdown.sigint", { fresh: true, flags: [] }, async (t) => {
  const c = await t.connect();
  await c.write(get("/stream?n=5&delay=100"));
  await c.waitFor(() => (c.received.length ? true : undefined), 3000, "the first bytes of the stream");
  t.server.kill("SIGINT");
  t.expectResponse(await c.response({ timeout: 5000 }), { status: 200, body: "chunk0\nchunk1\nchunk2\nchunk3\nchunk4\n" }, "the in-flight stream completes");
  t.eq(await t.server.exited(5000), "code 0", "exit status after SIGINT");
});

add("shutdown.pipelined-in-flight", { fresh: true, flags: [] }, async (t) => {
  // SIGTERM while a request is in flight with another pipelined behind it: the first is
  // answered; the second is either answered or the connection closes after the first.
  const c = await t.connect();
  await c.write(get("/stream?n=5&delay=100") + get("/hello"));
  await c.waitFor(() => (c.received.length ? true : undefined), 3000, "the first bytes of the stream");
  t.server.kill("SIGTERM");
  t.expectResponse(await c.response({ timeout: 5000 }), { status: 200, body: "chunk0\nchunk1\nchunk2\nchunk3\nchunk4\n" });
  try {
    const r2 = await c.response({ timeout: 2000 });
    t.expectResponse(r2, { status: 200, body: "hello" }, "the pipelined request, if answered");
  } catch (e) {
    t.ok(c.gone, "closed after the in-flight response", e.message);
  }
  t.eq(await t.server.exited(5000), "code 0", "exit status");
});

// ---- mrt.serve (serve_api.mjs: Deno.serve's shape) ------------------------------------------

const API = { fresh: true, script: "serve_api.mjs" };

add("api.info-and-addr", API, async (t) => {
  const c = await t.connect();
  await c.write(get("/info"));
  const r = await c.response();
  t.expectResponse(r, { status: 200, headers: { "content-type": /^application\/json/ } });
  const j = r.json();
  t.eq(j.remoteAddr?.transport, "tcp", "info.remoteAddr.transport");
  t.eq(j.remoteAddr?.hostname, "127.0.0.1", "info.remoteAddr.hostname");
  t.eq(j.remoteAddr?.port, c.sock.localPort, "info.remoteAddr.port (the client's own port)");
  t.eq(j.addr?.hostname, "127.0.0.1", "server.addr.hostname");
  t.eq(j.addr?.port, t.addr.port, "server.addr.port (the port onListen printed)");
});

add("api.onError", API, async (t) => {
  const c = await t.connect();
  await c.write(get("/throw"));
  t.expectResponse(await c.response(), { status: 500, body: "onError: api boom", headers: { "x-from": "onError" } }, "onError's Response");
  await t.waitStderr(/onError: api boom/, 1000, "onError called with the error");
  await c.write(get("/hello"));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "the same connection after onError");
});

add("api.signal", API, async (t) => {
  const c = await t.connect();
  await c.write(get("/abort"));
  t.expectResponse(await c.response(), { status: 200, body: "aborting" });
  await t.waitStdout(/finished/, 3000, "server.finished resolved after the signal aborted");
  t.eq(await t.server.exited(3000), "code 0", "the program ends by itself once the server is finished");
  let served = null;
  try {
    const c2 = await t.connect({ timeout: 1000 });
    await c2.write(get("/hello"));
    served = (await c2.response({ timeout: 1000 })).describe();
  } catch {
    // refused or closed: right
  }
  t.ok(served === null, "no connection served after the abort", served);
});

add("api.shutdown-while-streaming", API, async (t) => {
  const c = await t.connect();
  await c.write(get("/stream"));
  await c.waitFor(() => (c.received.length ? true : undefined), 3000, "the first bytes of the stream");
  const c2 = await t.connect();
  await c2.write(get("/shutdown"));
  t.expectResponse(await c2.response(), { status: 200, body: "shutting down" });
  t.expectResponse(await c.response({ timeout: 5000 }), { status: 200, body: "chunk0\nchunk1\nchunk2\nchunk3\nchunk4\n" }, "the in-flight stream completes after shutdown()");
  await t.waitStdout(/shutdown resolved/, 3000, "server.shutdown()'s promise");
  await t.waitStdout(/finished/, 3000, "server.finished");
  t.eq(await t.server.exited(3000), "code 0", "the program ends by itself after shutdown()");
});

function firstDiff(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
