// `mrt serve --fresh-runtime`, driven by node as a client: every request is answered by a new
// runtime (module state does not survive: a module-level counter stays 1), the runtime's
// times come back in a Server-Timing header (and on stderr with --trace-startup), the
// request and response cross intact (method, URL, headers, status, bytes both ways), and an
// app that fails gives a 500 with its error on stderr while the server goes on.
// Usage: node tests/http/fresh.mjs --mrt build/tools/mrt
import { spawn, spawnSync } from "node:child_process";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const mrtAt = process.argv.indexOf("--mrt");
const mrt = mrtAt > 0 ? process.argv[mrtAt + 1] : "build/tools/mrt";

// Starts `mrt serve --fresh-runtime app` on a free port; resolves when it listens.
function serve(app, extra = []) {
  const child = spawn(mrt, ["serve", "--fresh-runtime", "--port", "0", "--host", "127.0.0.1",
    ...extra, path.join(here, app)], { stdio: ["ignore", "pipe", "pipe"] });
  const s = { child, stdout: "", stderr: "", base: null };
  child.stderr.on("data", (d) => { s.stderr += d; });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => {
      s.stdout += d;
      const m = /Listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(s.stdout);
      if (m && !s.base) {
        s.base = `http://127.0.0.1:${m[1]}`;
        resolve(s);
      }
    });
    child.on("exit", (code) => reject(new Error(`mrt serve exited (${code}): ${s.stderr}`)));
  });
}

// SIGTERM: a graceful shutdown, exit 0 (in a sanitizer build: nothing leaked, no error).
function stop(s) {
  return new Promise((resolve) => {
    s.child.removeAllListeners("exit");
    s.child.on("exit", (code, signal) => {
      assert.ok(!/Sanitizer|runtime error:/.test(s.stderr), s.stderr);
      assert.deepEqual({ code, signal }, { code: 0, signal: null }, s.stderr);
      resolve({ code, signal });
    });
    s.child.kill("SIGTERM");
  });
}

const timingRe = /^runtime;dur=\d+(\.\d+)?, load;dur=\d+(\.\d+)?, handler;dur=\d+(\.\d+)?$/;
let checks = 0;
const check = (name, fn) => fn().then(() => { checks++; }, (e) => {
  e.message = `${name}: ${e.message}`;
  throw e;
});

const s = await serve("fresh_app.mjs");
try {
  await check("state does not persist", async () => {
    for (let i = 0; i < 3; i++) {
      const r = await fetch(s.base + "/count");
      assert.equal(r.status, 200);
      assert.deepEqual(await r.json(), { count: 1, seen: 1 });
      assert.match(r.headers.get("server-timing"), timingRe);
    }
  });
  await check("request and response cross", async () => {
    const r = await fetch(s.base + "/echo?q=1", {
      method: "POST", body: "hi body", headers: { "x-test": "yes" },
    });
    assert.equal(r.status, 201);
    assert.equal(r.statusText, "Made");
    assert.equal(r.headers.get("x-answer"), "42");
    assert.equal(r.headers.get("content-type"), "text/plain");
    assert.match(r.headers.get("server-timing"), timingRe);
    assert.equal(await r.text(), "POST ?q=1 yes hi body");
  });
  await check("bytes both ways", async () => {
    for (const n of [0, 256, 300000]) {
      const b = new Uint8Array(n).map((_, i) => (i * 7) & 255);
      const r = await fetch(s.base + "/bytes", { method: "PUT", body: b });
      const got = new Uint8Array(await r.arrayBuffer());
      assert.equal(got.length, n);
      assert.ok(got.every((v, i) => v === 255 - b[i]));
    }
  });
  await check("set-cookie stays two headers; 204 has no body", async () => {
    const r = await fetch(s.base + "/cookies");
    assert.equal(r.status, 204);
    assert.deepEqual(r.headers.getSetCookie(), ["a=1", "b=2"]);
    assert.equal(await r.text(), "");
  });
  await check("streamed body, timers and waitUntil", async () => {
    assert.equal(await (await fetch(s.base + "/stream")).text(), "part0;part1;part2;");
    assert.equal(await (await fetch(s.base + "/later")).text(), "later");
  });
  await check("HEAD", async () => {
    const r = await fetch(s.base + "/count", { method: "HEAD" });
    assert.equal(r.status, 200);
    assert.equal(await r.text(), "");
  });
  await check("app errors are 500s reported on stderr", async () => {
    const cases = [["/throw", "boom from the app"], ["/reject", "rejected by the app"],
      ["/notresponse", "must be a response"], ["/exit", "mrt.exit(3)"]];
    for (const [p, text] of cases) {
      const r = await fetch(s.base + p);
      assert.equal(r.status, 500, p);
      assert.equal(await r.text(), "Internal Server Error");
      assert.match(r.headers.get("server-timing"), timingRe);
      assert.ok(s.stderr.includes(text), `stderr has "${text}": ${s.stderr}`);
    }
    const r = await fetch(s.base + "/count"); // and the server goes on, fresh as ever
    assert.deepEqual(await r.json(), { count: 1, seen: 1 });
  });
} finally {
  const end = await stop(s);
  assert.deepEqual(end, { code: 0, signal: null }, s.stderr);
}

await check("--trace-startup: a line per request", async () => {
  const t = await serve("fresh_app.mjs", ["--trace-startup"]);
  await (await fetch(t.base + "/count")).text();
  await (await fetch(t.base + "/count")).text();
  await stop(t);
  const lines = t.stderr.split("\n").filter((l) => l.startsWith("mrt serve: fresh runtime "));
  assert.equal(lines.length, 2, t.stderr);
  assert.match(lines[0], /^mrt serve: fresh runtime [\d.]+ ms \(isolate [\d.]+, context [\d.]+, bootstrap [\d.]+(; made before the request)?\), module load [\d.]+ ms, handler [\d.]+ ms, free [\d.]+ ms; CPU [\d.]+ ms$/);
  assert.ok(t.stderr.includes("mrt serve: fresh-runtime snapshot made in "), t.stderr);
});

await check("--fresh-runtime=builtin-snapshot: the same, from the built-in snapshot", async () => {
  const t = await serve("fresh_app.mjs", ["--fresh-runtime=builtin-snapshot", "--trace-startup"]);
  try {
    for (let i = 0; i < 2; i++) {
      const r = await fetch(t.base + "/count");
      assert.deepEqual(await r.json(), { count: 1, seen: 1 });
      assert.match(r.headers.get("server-timing"), timingRe);
    }
  } finally {
    await stop(t);
  }
  assert.ok(!t.stderr.includes("snapshot made"), t.stderr);
});

await check("--fresh-runtime=prewarm: made before the request, used for it alone", async () => {
  const t = await serve("fresh_app.mjs", ["--fresh-runtime=prewarm", "--trace-startup"]);
  try {
    for (let i = 0; i < 3; i++) {
      const r = await fetch(t.base + "/count");
      assert.deepEqual(await r.json(), { count: 1, seen: 1 });
      assert.match(r.headers.get("server-timing"), timingRe);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await stop(t);
  }
  const lines = t.stderr.split("\n").filter((l) => l.startsWith("mrt serve: fresh runtime "));
  assert.equal(lines.length, 3, t.stderr);
  assert.ok(!lines[0].includes("made before"), lines[0]);
  assert.ok(lines[1].includes("made before the request") && lines[2].includes("made before"),
    t.stderr);
});

await check("--request-timeout ends a runtime that does not answer (503)", async () => {
  const t = await serve("fresh_app.mjs", ["--request-timeout", "300"]);
  try {
    for (const p of ["/hang", "/spin"]) {
      const r = await fetch(t.base + p);
      assert.equal(r.status, 503, p);
      assert.equal(await r.text(), "Service Unavailable");
    }
    const r = await fetch(t.base + "/stalled");
    assert.equal(r.status, 500);
    await r.text();
    assert.deepEqual(await (await fetch(t.base + "/count")).json(), { count: 1, seen: 1 });
  } finally {
    await stop(t);
  }
  assert.equal(t.stderr.split("did not answer within 300 ms").length - 1, 2, t.stderr);
  assert.ok(t.stderr.includes("will never settle"), t.stderr);
});

await check("a bad --fresh-runtime value is a usage error", async () => {
  const r = spawnSync(mrt, ["serve", "--fresh-runtime=bogus", path.join(here, "fresh_app.mjs")],
    { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /invalid --fresh-runtime 'bogus'/);
});

for (const [app, text] of [["fresh_noexport.mjs", "needs a default export with a fetch"],
  ["fresh_throws.mjs", "RangeError: app failed at load"]]) {
  await check(`bad app ${app}`, async () => {
    const b = await serve(app);
    for (let i = 0; i < 2; i++) {
      const r = await fetch(b.base + "/");
      assert.equal(r.status, 500);
      await r.text();
    }
    const end = await stop(b);
    assert.equal(end.code, 0);
    const reports = b.stderr.split("\n").filter((l) => l.startsWith("Uncaught "));
    assert.equal(reports.length, 2, b.stderr); // one report per request
    assert.ok(reports.every((l) => l.includes(text)), b.stderr);
  });
}
console.log(`fresh-runtime: ${checks} checks passed`);
