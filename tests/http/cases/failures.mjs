// cases/failures.mjs: handlers that throw or misbehave, clients that reset or vanish, 10,000
// connections, --workers, graceful shutdown, and mrt.serve's own options (serve_api.mjs).
import { H, get, post, add, delay } from "./common.mjs";

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

add("handler.response-error", "base", async (t) => {
  // Response.error() is a network error: the server answers 500 (or closes) and goes on.
  const c = await t.connect();
  await c.write(get("/error-response"));
  let r = null;
  try {
    r = await c.response();
  } catch (e) {
    t.ok(c.gone, "a 500 or a close for Response.error()", e.message);
  }
  if (r) t.expectResponse(r, { status: 500 }, "the answer to Response.error()");
  await t.serverServes();
});

add("handler.reused-response", "base", async (t) => {
  // One Response object returned twice: its body can go out once; the second answer is a 500
  // (or a close), never a hang or a crash.
  const c = await t.connect();
  await c.write(get("/reused"));
  t.expectResponse(await c.response(), { status: 200, body: "reused body" });
  const c2 = await t.connect();
  await c2.write(get("/reused"));
  let r = null;
  try {
    r = await c2.response();
  } catch (e) {
    t.ok(c2.gone, "a 500 or a close for a Response whose body was already sent", e.message);
  }
  if (r) t.ok(r.status === 500, "500 for a Response whose body was already sent (Fetch: a body is read once; node_app on undici: 500)", r.describe());
  await t.serverServes();
});

add("request.methods", "base", async (t) => {
  const c = await t.connect();
  for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
    const body = m === "GET" ? "" : `body of ${m}`;
    await c.write(`${m} /headers HTTP/1.1\r\n${H}Content-Length: ${body.length}\r\n\r\n${body}`);
    const r = await c.response();
    t.expectResponse(r, { status: 200 }, m);
    t.eq(r.json().method, m, `request.method for ${m}`);
  }
  await c.write(`HEAD /headers HTTP/1.1\r\n${H}\r\n`);
  t.expectResponse(await c.response({ method: "HEAD" }), { status: 200, body: "" }, "HEAD");
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

add("client.disconnect-aborts-signal", "base", async (t) => {
  // A client that resets before its response: request.signal aborts, so the handler can stop. (A FIN
  // alone may be a half-close by a client still waiting for its response: either is fine.)
  // With the request complete (GET; POST with its whole body) and with the body still coming.
  const requests = {
    get: get("/wait-abort?id=get"),
    post: post("/wait-abort?id=post", "hello"),
    partial: `POST /wait-abort?id=partial HTTP/1.1\r\n${H}Content-Length: 10\r\n\r\nhello`,
  };
  for (const [id, bytes] of Object.entries(requests)) {
    const c = await t.connect();
    await c.write(bytes);
    await delay(100);
    c.reset();
    await t.waitStderr(new RegExp(`aborted ${id}\\b`), 2000, "request.signal aborted when the client resets");
  }
  await t.serverServes();
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
      const r = await c.response({ timeout: 40000 });
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

add("workers.two", { fresh: true, flags: ["--workers", "2"], fixedPort: true }, async (t) => {
  // --workers 2: two processes share the port (SO_REUSEPORT); new connections reach both, and
  // SIGTERM to the parent ends both gracefully (exit 0).
  const pids = new Map();
  for (let i = 0; i < 200; i++) {
    const c = await t.connect();
    await c.write(get("/pid", "Connection: close\r\n"));
    const r = await c.response();
    t.expectResponse(r, { status: 200 });
    pids.set(r.text(), (pids.get(r.text()) ?? 0) + 1);
    c.destroy();
  }
  t.note(`answers per process: ${[...pids.values()].join(", ")}`);
  t.ok(pids.size === 2, "200 connections answered by 2 processes", `${pids.size}: ${JSON.stringify([...pids])}`);
  const c = await t.connect();
  await c.write(get("/stream?n=5&delay=100"));
  await c.waitFor(() => (c.received.length ? true : undefined), 3000, "the first bytes of the stream");
  t.server.kill("SIGTERM");
  t.expectResponse(await c.response({ timeout: 5000 }), { status: 200, body: "chunk0\nchunk1\nchunk2\nchunk3\nchunk4\n" }, "a stream in flight in a worker completes");
  t.eq(await t.server.exited(5000), "code 0", "the parent's exit after SIGTERM");
  for (const pid of pids.keys()) {
    let alive = false;
    try {
      process.kill(Number(pid), 0);
      alive = true;
    } catch {
      // gone
    }
    t.ok(!alive, `worker ${pid} gone after the parent exited`, "still running");
  }
}, { node: "node_app has no --workers" });

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

add("shutdown.hanging-handler", { fresh: true, flags: ["--request-timeout", "1000"] }, async (t) => {
  // SIGTERM while a handler never resolves: the request timeout ends that request (503 or a
  // close), then the process exits 0; shutdown does not wait forever.
  const c = await t.connect();
  await c.write(get("/never"));
  await delay(100);
  const t0 = Date.now();
  t.server.kill("SIGTERM");
  const exit = await t.server.exited(5000);
  t.eq(exit, "code 0", "exit after SIGTERM with a handler that never resolves");
  t.note(`exited ${Date.now() - t0} ms after SIGTERM`);
  t.ok(c.gone, "the hanging request's connection closed", "still open");
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
