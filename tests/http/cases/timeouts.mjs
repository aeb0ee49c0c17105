// cases/timeouts.mjs: slowloris heads, stalled and trickled bodies, idle keep-alive connections,
// handlers that never answer.
import { H, get, add, delay, show } from "./common.mjs";

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

add("timeout.fresh-connection-silent", "alltimeouts", async (t) => {
  // A connection that never sends a byte is closed by the header or idle timeout.
  const c = await t.connect();
  const t0 = Date.now();
  t.ok(await c.closedWithin(3500), "a silent new connection is closed", "still open after 3500 ms");
  t.ok(Date.now() - t0 >= 700, "not before the timeout", `${Date.now() - t0} ms`);
});

add("timeout.body-stalled", "alltimeouts", async (t) => {
  // Headers complete, half the body, then nothing: not left open forever.
  const c = await t.connect();
  const t0 = Date.now();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: 10\r\n\r\nhello`);
  const closedOrAnswered = await c.waitFor(() => (c.gone || c.buf.length ? true : undefined), 4000, "a close or an answer")
    .catch(() => false);
  const ms = Date.now() - t0;
  t.ok(closedOrAnswered, "a stalled body ends in a close or an error answer", `nothing after ${ms} ms`);
  if (c.buf.length) {
    const r = await c.response({ timeout: 1000 }).catch(() => null);
    t.ok(r && [400, 408, 413, 503].includes(r.status), "an error status for a stalled body", r ? r.describe() : show(c.buf));
  }
  await t.serverServes();
});

add("timeout.body-trickled", "alltimeouts", async (t) => {
  // R-U-Dead-Yet: the body comes a byte every 300 ms, so no idle timeout fires; the request
  // timeout must still end it (a 100,000-byte body would take 8 hours).
  const c = await t.connect();
  const t0 = Date.now();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: 100000\r\n\r\n`);
  const trickling = c.trickle("x".repeat(20), 1, 300);
  const ended = await c.waitFor(() => (c.gone || c.buf.length ? true : undefined), 5500, "a close or an answer")
    .catch(() => false);
  const ms = Date.now() - t0;
  c.destroy();
  await trickling;
  t.ok(ended, "a trickled body is cut off by the request timeout", `still going after ${ms} ms`);
  await t.serverServes();
});

add("timeout.slowloris-many-dont-block", "base", async (t) => {
  // 500 connections holding half a request head do not slow a normal request down.
  const slow = [];
  for (let i = 0; i < 500; i++) {
    const c = await t.connect({ quiet: true });
    await c.write(`GET /hello HTTP/1.1\r\nHost: x\r\nX-Part: ${i}`);
    slow.push(c);
  }
  const t0 = Date.now();
  const c = await t.connect();
  await c.write(get("/hello"));
  t.expectResponse(await c.response({ timeout: 2000 }), { status: 200, body: "hello" });
  const ms = Date.now() - t0;
  t.ok(ms < 500, "answered promptly beside 500 half-open requests", `${ms} ms`);
  for (const s of slow) s.destroy();
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
