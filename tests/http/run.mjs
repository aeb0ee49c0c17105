// run.mjs: the HTTP/1.1 robustness corpus (issue 16) against `mrt serve tests/http/app.js`,
// or against node's http serving the same app (node_app.mjs) to check the corpus itself.
//   node tests/http/run.mjs --mrt build/tools/mrt [--filter RE] [--slow] [--list] [-v]
//                           [--serve-args "--fresh-runtime"]   (flags for every `mrt serve`)
//   node tests/http/run.mjs --node [--filter RE]
// Each case writes exact bytes on raw sockets (client.mjs) and asserts the status line,
// headers, body and whether the connection closes (cases.mjs). A case whose server does not
// start because a flag it needs (--max-body-size, --header-timeout, ...) is unknown is
// PENDING, not failed. Exit status 1 when a case failed.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Conn, ProtocolError, TimeoutError, show } from "./client.mjs";
import { SERVERS, cases } from "./cases.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let mrt = null, useNode = false, filter = null, slow = false, list = false, verbose = false;
let serveExtra = []; // --serve-args "...": more flags for every `serve` (e.g. --fresh-runtime)
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--mrt") mrt = path.resolve(args[++i]);
  else if (a === "--node") useNode = true;
  else if (a === "--filter") filter = new RegExp(args[++i]);
  else if (a === "--slow") slow = true;
  else if (a === "--list") list = true;
  else if (a === "-v" || a === "--verbose") verbose = true;
  else if (a === "--serve-args") serveExtra = args[++i].split(/\s+/).filter(Boolean);
  else {
    console.error(`run.mjs: unknown argument ${a}\nusage: run.mjs --mrt PATH | --node [--filter RE] [--slow] [--list] [-v] [--serve-args FLAGS]`);
    process.exit(2);
  }
}
if (!mrt && !useNode && !list) {
  console.error("usage: run.mjs --mrt PATH | --node [--filter RE] [--slow] [--list] [-v]");
  process.exit(2);
}
const selected = cases.filter((c) => !filter || filter.test(c.name));
if (list) {
  for (const c of selected) console.log(c.name + (c.slow ? " (slow)" : ""));
  process.exit(0);
}
const app = path.join(here, "app.js");

class Failure extends Error {}
class Pending extends Error {}

// ---- the server process ------------------------------------------------------------------

let plainStarted = false; // `serve app.js` without extra flags has started once
const hasPrlimit = spawnSync("prlimit", ["--version"]).status === 0;

class Server {
  constructor(flags, opts = {}) {
    const { nofile } = opts;
    this.opts = opts;
    this.flags = flags;
    let cmd;
    if (opts.script) {
      // a program calling mrt.serve itself (node: with globalThis.mrt from node_mrt_shim.mjs)
      const script = path.join(here, opts.script);
      cmd = useNode ? [process.execPath, "--import", path.join(here, "node_mrt_shim.mjs"), script] : [mrt, script];
    } else {
      // flags before the file: `mrt serve [flags] FILE` (flags after it are accepted too)
      const serveArgs = ["--port", String(opts.port ?? 0), ...serveExtra, ...flags, app];
      cmd = useNode ? [process.execPath, path.join(here, "node_app.mjs"), ...serveArgs] : [mrt, "serve", ...serveArgs];
    }
    if (nofile && hasPrlimit) cmd = ["prlimit", `--nofile=${nofile}`, "--", ...cmd];
    this.cmd = cmd;
    this.stdout = "";
    this.stderr = "";
    this.exit = null; // "code N" or "signal S" once exited
    this.exitWaiters = new Set();
  }

  start() {
    return new Promise((resolve, reject) => {
      const p = (this.proc = spawn(this.cmd[0], this.cmd.slice(1), { stdio: ["ignore", "pipe", "pipe"] }));
      const timer = setTimeout(() => fail(`no "Listening on http://HOST:PORT/" line within 10 s`), 10000);
      const fail = (why) => {
        clearTimeout(timer);
        p.kill("SIGKILL");
        const out = `${this.stdout}${this.stderr}`.trim();
        const flagNames = this.flags.filter((f) => f.startsWith("--"));
        // a flag the server does not know yet: it names the flag or says so, or the same
        // server without flags did start
        const missing = flagNames.length && (plainStarted || flagNames.some((f) => out.includes(f)) ||
          /unknown|unrecognized|invalid option|usage/i.test(out));
        const msg = `server did not start (${this.cmd.join(" ")}): ${why}${out ? `\n    output: ${out.slice(0, 600).replace(/\n/g, "\n    ")}` : ""}`;
        reject(missing ? new Pending(`flag ${flagNames.join(" ")} not supported? ${msg}`) : new Failure(msg));
      };
      p.on("error", (e) => fail(e.message));
      p.stdout.on("data", (d) => {
        if (this.stdout.length < 1 << 20) this.stdout += d;
        const m = /Listening on http:\/\/(\[[^\]]+\]|[^:/\s]+):(\d+)\//.exec(this.stdout);
        if (m && !this.addr) {
          clearTimeout(timer);
          let host = m[1].replace(/^\[|\]$/g, "");
          if (host === "0.0.0.0" || host === "localhost") host = "127.0.0.1";
          if (host === "::") host = "::1";
          this.addr = { host, port: Number(m[2]) };
          if (!this.flags.length && !this.opts.script) plainStarted = true;
          resolve(this);
        }
      });
      p.stderr.on("data", (d) => {
        if (this.stderr.length < 1 << 20) this.stderr += d;
        for (const w of this.exitWaiters) w();
      });
      p.on("exit", (code, signal) => {
        this.exit = signal ? `signal ${signal}` : `code ${code}`;
        for (const w of this.exitWaiters) w();
        if (!this.addr) fail(`exited (${this.exit})`);
      });
    });
  }

  kill(sig) {
    if (!this.exit) this.proc.kill(sig);
  }

  // "code N" / "signal S" when it exits within ms, else "still running after ms".
  exited(ms) {
    return new Promise((resolve) => {
      const check = () => {
        if (this.exit) {
          clearTimeout(timer);
          this.exitWaiters.delete(check);
          resolve(this.exit);
        }
      };
      const timer = setTimeout(() => {
        this.exitWaiters.delete(check);
        resolve(`still running after ${ms} ms`);
      }, ms);
      this.exitWaiters.add(check);
      check();
    });
  }

  async stop() {
    if (this.exit || !this.proc) return;
    this.proc.kill("SIGKILL");
    await this.exited(5000);
  }
}

// ---- the context a case runs with ----------------------------------------------------------

const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

class Context {
  constructor(server) {
    this.server = server;
    this.addr = server.addr;
    this.conns = [];
    this.notes = [];
  }

  async connect(opts = {}) {
    const c = await Conn.open(this.addr, opts);
    if (!opts.quiet) this.conns.push(c);
    else (this.quietConns ??= []).push(c);
    return c;
  }

  note(msg) {
    this.notes.push(msg);
  }

  fail(what, expected, got) {
    throw new Failure(`${what}\n    expected: ${expected}\n    got:      ${got}`);
  }

  eq(got, want, what) {
    if (got !== want) this.fail(what, JSON.stringify(want), JSON.stringify(got));
  }

  ok(cond, what, got) {
    if (!cond) this.fail(what, "true", got ?? "false");
  }

  // Checks a response: status, body, headers (a string for exact, a RegExp, or null for
  // absent), the version (HTTP/1.1 unless given), a valid Date (RFC 9110 6.6.1: required in
  // 2xx-4xx from a server with a clock), and framing (exactly one of Content-Length and
  // Transfer-Encoding: chunked, unless 1xx/204/304 or framing: false).
  expectResponse(r, spec, what = "response") {
    const got = r.describe();
    const where = `${what}`;
    if (spec.status !== undefined && r.status !== spec.status) this.fail(`${where}: status`, spec.status, got);
    const version = spec.version ?? /^HTTP\/1\.1$/;
    if (!version.test(r.version)) this.fail(`${where}: version`, String(version), got);
    if (spec.date ?? (r.status >= 200 && r.status < 500)) {
      const d = r.get("date");
      if (d === null || !IMF_FIXDATE.test(d)) this.fail(`${where}: a Date header in IMF-fixdate form`, "Date: Sun, 06 Nov 1994 08:49:37 GMT", got);
    }
    const noBody = r.status < 200 || r.status === 204 || r.status === 304;
    if ((spec.framing ?? true) && !noBody) {
      const hasCl = r.get("content-length") !== null, hasTe = r.get("transfer-encoding") !== null;
      if (hasCl === hasTe) this.fail(`${where}: framing (exactly one of Content-Length, Transfer-Encoding)`, "one", got);
    }
    for (const [name, want] of Object.entries(spec.headers ?? {})) {
      const v = r.get(name);
      if (want === null) {
        if (v !== null) this.fail(`${where}: no ${name} header`, "absent", got);
      } else if (v === null || (want instanceof RegExp ? !want.test(v) : v !== want)) {
        this.fail(`${where}: header ${name}`, String(want), got);
      }
    }
    if (spec.body !== undefined && r.text() !== spec.body) this.fail(`${where}: body`, show(spec.body), got);
  }

  // An error answer: one response with a status among `statuses`, then the close and nothing
  // more (a smuggled request behind it must not be answered).
  async expectError(c, statuses, what = "error response") {
    let r;
    try {
      r = await c.response({ timeout: 3000 });
    } catch (e) {
      this.fail(`${what}: a ${statuses.join(" or ")} response`, statuses.join(" or "), e.message);
    }
    if (!statuses.includes(r.status)) this.fail(`${what}: status`, statuses.join(" or "), r.describe());
    this.expectResponse(r, { framing: false }, what);
    if (!(await c.closedWithin(1000))) this.fail(`${what}: the connection closed after the error`, "closed within 1000 ms", "still open");
    // close-delimited bodies were read to the end; any other bytes are a second response
    if (c.leftover().length) this.fail(`${what}: nothing after the error response`, "no more bytes", show(c.leftover()));
  }

  async expectClosed(c, ms, what) {
    if (!(await c.closedWithin(ms))) this.fail(what, `closed within ${ms} ms`, "still open");
    if (c.leftover().length) this.fail(`${what}: no bytes after the last response`, "none", show(c.leftover()));
  }

  async expectOpen(c, ms, what) {
    if (await c.closedWithin(ms)) this.fail(what, `open after ${ms} ms`, c.error ? `reset (${c.error.code})` : "closed by the server");
  }

  async waitStderr(re, ms, what) {
    await this.waitOutput("stderr", re, ms, what);
  }

  async waitStdout(re, ms, what) {
    await this.waitOutput("stdout", re, ms, what);
  }

  async waitOutput(stream, re, ms, what) {
    const t0 = Date.now();
    while (!re.test(this.server[stream])) {
      if (Date.now() - t0 > ms) this.fail(`${what} (${stream})`, String(re), show(this.server[stream].slice(-400)));
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // The server still answers a new connection (after something that might have hurt it).
  async serverServes() {
    if (this.server.exit) this.fail("the server is still running", "running", `exited (${this.server.exit})`);
    let c;
    try {
      c = await this.connect({ timeout: 3000 });
      await c.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
      const r = await c.response({ timeout: 3000 });
      this.expectResponse(r, { status: 200, body: "hello" }, "the server still serves a new connection");
    } catch (e) {
      if (e instanceof Failure) throw e;
      this.fail("the server still serves a new connection", "200 hello", e.message);
    } finally {
      c?.destroy();
    }
  }

  // Open descriptors of the server process (Linux /proc), null where unknown.
  serverFds() {
    try {
      return fs.readdirSync(`/proc/${this.server.proc.pid}/fd`).length;
    } catch {
      return null;
    }
  }

  // Resident memory of the server process in bytes (Linux /proc), null where unknown.
  serverRss() {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.server.proc.pid}/status`, "utf8"));
      return m ? Number(m[1]) * 1024 : null;
    } catch {
      return null;
    }
  }

  // Waits until the server holds at most `max` descriptors (closed connections released).
  async expectFdsAtMost(max, ms, what) {
    const t0 = Date.now();
    let n = this.serverFds();
    while (n !== null && n > max && Date.now() - t0 < ms) {
      await new Promise((r) => setTimeout(r, 50));
      n = this.serverFds();
    }
    if (n !== null && n > max) this.fail(what, `at most ${max} open descriptors within ${ms} ms`, `${n}`);
  }

  closeAll() {
    for (const c of this.conns) c.destroy();
    for (const c of this.quietConns ?? []) c.destroy();
  }
}

// ---- running ---------------------------------------------------------------------------------

const shared = new Map(); // server key → Server or an Error (start failed)

// A port free now (for servers that need a fixed one, as --workers does).
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function serverFor(kase) {
  if (typeof kase.server === "object") {
    const opts = { ...kase.server };
    if (opts.fixedPort) opts.port = await freePort();
    const s = new Server(opts.flags ?? [], opts);
    await s.start();
    return s;
  }
  let s = shared.get(kase.server);
  if (s instanceof Error) throw s;
  if (s && !s.exit) return s;
  s = new Server(SERVERS[kase.server]);
  try {
    await s.start();
  } catch (e) {
    shared.set(kase.server, e);
    throw e;
  }
  shared.set(kase.server, s);
  return s;
}

function clientFdLimit() {
  const r = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" });
  const n = r.stdout.trim();
  return n === "unlimited" ? Infinity : Number(n) || 0;
}

// Ends a server with SIGTERM (unless it has exited already): null when it exits 0 within 5 s
// (a mrt.serve script may also die of the signal) with no sanitizer report on stderr (from
// byte errAt on), else what went wrong.
async function endServer(s, errAt) {
  if (!s.exit) s.kill("SIGTERM");
  const exit = await s.exited(5000);
  await s.stop();
  const err = s.stderr.slice(errAt);
  const report = /Sanitizer|runtime error:/.test(err) ? err : "";
  // a script calling mrt.serve need not handle SIGTERM itself (the CLI does)
  const exitOk = exit === "code 0" || (s.opts?.script && exit === "signal SIGTERM");
  if (exitOk && !report) return null;
  return `${exit}${report ? `\n    stderr: ${show(report, 3000)}` : ""}`;
}
const errAtStart = (s, at) => (s.opts?.fresh ? 0 : at);

const counts = { ok: 0, fail: 0, pending: 0, xfail: 0, skip: 0 };
const failures = [];
const shownPending = new Set();
const t00 = Date.now();
for (const kase of selected) {
  if (kase.slow && !slow) {
    counts.skip++;
    if (verbose) console.log(`skip ${kase.name} (slow: --slow runs it)`);
    continue;
  }
  if (kase.server?.nofile && clientFdLimit() < kase.server.nofile / 2 + 100) {
    counts.skip++;
    console.log(`skip ${kase.name} (this process may open only ${clientFdLimit()} files; ulimit -n 20000 first)`);
    continue;
  }
  const t0 = Date.now();
  let server = null, ctx = null, outcome, message = "", stderrAtStart = 0;
  try {
    server = await serverFor(kase);
    stderrAtStart = server.stderr.length;
    ctx = new Context(server);
    const limit = kase.timeout ?? 15000;
    let timer;
    await Promise.race([
      kase.run(ctx),
      new Promise((_, rej) => (timer = setTimeout(() => rej(new Failure(`case timed out after ${limit} ms`)), limit))),
    ]).finally(() => clearTimeout(timer));
    if (typeof kase.server !== "object" && server.exit) throw new Failure(`the server exited (${server.exit}) during the case`);
    outcome = "ok";
  } catch (e) {
    if (e instanceof Pending) outcome = "pending";
    else outcome = "fail";
    message = e instanceof Failure || e instanceof Pending || e instanceof TimeoutError || e instanceof ProtocolError
      ? e.message : e.stack ?? String(e);
  } finally {
    ctx?.closeAll();
    if (server && typeof kase.server === "object") {
      // a server of the case's own ends as the shared ones do (see endServer)
      const bad = await endServer(server, errAtStart(server, stderrAtStart));
      if (bad && outcome === "ok") {
        outcome = "fail";
        message = `the server, after the case, on SIGTERM\n    expected: code 0, no sanitizer report\n    got:      ${bad}`;
      }
    }
  }
  if (outcome === "fail" && server?.exit && typeof kase.server !== "object") {
    message += `\n    the server exited (${server.exit}); stderr tail: ${show(server.stderr.slice(-600))}`;
  }
  const ms = Date.now() - t0;
  if (outcome === "fail" && useNode && kase.node) outcome = "xfail";
  counts[outcome]++;
  const label = { ok: "ok  ", fail: "FAIL", pending: "PEND", xfail: "xfail" }[outcome];
  let line = `${label} ${kase.name} (${ms} ms)`;
  if (outcome === "xfail") line += ` — node differs: ${kase.node}`;
  if (outcome === "ok" && useNode && kase.node) line += ` — passes under node though marked "${kase.node}"`;
  if (ctx?.notes.length) line += ` — ${ctx.notes.join("; ")}`;
  console.log(line);
  if (outcome === "pending" && shownPending.has(message)) continue; // said once per server
  if (outcome === "pending") shownPending.add(message);
  if (outcome === "fail" || outcome === "pending" || (outcome === "xfail" && verbose)) {
    let detail = `    ${message.replace(/\n/g, "\n    ").replace(/\n    {5}/g, "\n    ")}`;
    if (outcome !== "pending" && ctx) {
      if (kase.request) detail += `\n    request: ${show(kase.request)}`;
      for (const c of ctx.conns.slice(0, 4)) detail += `\n  connection:\n${c.transcript()}`;
      if (ctx.conns.length > 4) detail += `\n  (${ctx.conns.length - 4} more connections)`;
      const err = server?.stderr.slice(stderrAtStart).trim();
      if (err) detail += `\n  server stderr during the case: ${show(err, 800)}`;
    }
    console.log(detail);
    if (outcome === "fail") failures.push(kase.name);
  }
}
// The shared servers end as a user's would: SIGTERM, exit 0 within 5 s, and nothing from a
// sanitizer on stderr (an ASan build reports leaks and memory errors at exit).
for (const [key, s] of shared) {
  if (!(s instanceof Server) || s.exit) continue;
  const bad = await endServer(s, 0);
  if (bad) {
    counts.fail++;
    failures.push(`exit.${key}`);
    console.log(`FAIL exit.${key} (the ${key} server after its cases, on SIGTERM)\n    expected: code 0, no sanitizer report\n    got:      ${bad}`);
  } else if (verbose) console.log(`ok   exit.${key}`);
}

console.log(`\n${selected.length} cases in ${((Date.now() - t00) / 1000).toFixed(1)} s against ${useNode ? "node_app.mjs (node's http)" : mrt}: ` +
  `${counts.ok} passed, ${counts.fail} failed, ${counts.pending} pending, ${counts.xfail} expected failures (node), ${counts.skip} skipped`);
if (failures.length) console.log(`failed: ${failures.join(" ")}`);
process.exit(counts.fail ? 1 : 0);
