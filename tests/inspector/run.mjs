// The inspector end to end: mrt --inspect-brk / --inspect-wait / --inspect driven by a CDP
// client (cdp.mjs) as Chrome DevTools drives node: discovery, breakpoints by URL, stepping,
// evaluation on a call frame, console messages, the profiler, modules, exit.
//   node tests/inspector/run.mjs --mrt build/tools/mrt
import { spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { httpGet, Session } from "./cdp.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const mrt = process.argv[process.argv.indexOf("--mrt") + 1];
assert.ok(process.argv.includes("--mrt") && mrt, "usage: run.mjs --mrt path/to/mrt");

// Starts mrt with args; resolves with { proc, wsUrl, port, stdout(), stderr(), exit } once it
// printed the debugger's URL.
const spawned = new Set();
function start(args) {
  const proc = spawn(mrt, args, { stdio: ["ignore", "pipe", "pipe"] });
  spawned.add(proc);
  let out = "", err = "";
  proc.stdout.on("data", (d) => (out += d));
  const exit = new Promise((r) => proc.on("exit", (code, signal) => r({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL on stderr: ${err}`)), 10000);
    proc.stderr.on("data", (d) => {
      err += d;
      const m = /Debugger listening on (ws:\/\/127\.0\.0\.1:(\d+)\/[0-9a-f-]{36})\n/.exec(err);
      if (m && timer) {
        clearTimeout(timer);
        resolve({ proc, wsUrl: m[1], port: Number(m[2]), stdout: () => out, stderr: () => err, exit });
      }
    });
    proc.on("exit", () => reject(new Error(`mrt ended before listening: ${err}`)));
  });
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test("--inspect-brk: discovery, break on start, breakpoint by URL, evaluate, step, console", async () => {
  const file = path.join(here, "target.js");
  const url = pathToFileURL(file).href;
  const m = await start(["--inspect-brk=127.0.0.1:0", file]);

  const list = await httpGet(m.port, "/json/list");
  assert.equal(list.status, 200);
  assert.match(list.head, /Content-Type: application\/json/);
  const targets = JSON.parse(list.body);
  assert.equal(targets.length, 1);
  assert.equal(targets[0].webSocketDebuggerUrl, m.wsUrl);
  assert.equal(targets[0].type, "node");
  assert.ok(targets[0].devtoolsFrontendUrl.includes(`ws=127.0.0.1:${m.port}/${targets[0].id}`));
  assert.deepEqual(JSON.parse((await httpGet(m.port, "/json")).body), targets);
  const version = JSON.parse((await httpGet(m.port, "/json/version")).body);
  assert.equal(version["Protocol-Version"], "1.1");
  assert.match(version.Browser, /^mrt\//);
  assert.equal((await httpGet(m.port, "/nope")).status, 404);

  const s = await Session.connect(m.wsUrl);
  await s.send("Runtime.enable");
  const ctx = await s.event("Runtime.executionContextCreated");
  assert.equal(ctx.context.auxData.isDefault, true);
  await s.send("Debugger.enable");
  // Line 3 (1-based) is `const sum = a + b;`: CDP lines are 0-based. The script is not
  // compiled yet: the breakpoint binds when it is.
  const bp = await s.send("Debugger.setBreakpointByUrl", { url, lineNumber: 2 });
  assert.deepEqual(bp.locations, []);
  await s.send("Runtime.runIfWaitingForDebugger");
  const script = await s.event("Debugger.scriptParsed", (p) => p.url === url);
  const { scriptSource } = await s.send("Debugger.getScriptSource", { scriptId: script.scriptId });
  assert.ok(scriptSource.includes("const sum = a + b;"));
  const bound = await s.event("Debugger.breakpointResolved", (p) => p.breakpointId === bp.breakpointId);
  assert.equal(bound.location.lineNumber, 2);

  const start0 = await s.event("Debugger.paused");
  assert.equal(start0.reason, "Break on start");
  // At the first statement of target.js (V8 10.2 leaves CallFrame.url empty: by scriptId).
  assert.deepEqual(start0.callFrames[0].location, { scriptId: script.scriptId, lineNumber: 5, columnNumber: 12 });
  assert.equal(m.stdout(), "", "nothing ran before the break");
  await s.send("Debugger.resume");

  const hit = await s.event("Debugger.paused");
  assert.deepEqual(hit.hitBreakpoints, [bp.breakpointId]);
  const frame = hit.callFrames[0];
  assert.equal(frame.functionName, "add");
  assert.equal(frame.location.lineNumber, 2);
  const ev = await s.send("Debugger.evaluateOnCallFrame", { callFrameId: frame.callFrameId, expression: "a + b + 100" });
  assert.deepEqual(ev.result, { type: "number", value: 100, description: "100" });
  const local = frame.scopeChain.find((sc) => sc.type === "local");
  const props = await s.send("Runtime.getProperties", { objectId: local.object.objectId, ownProperties: true });
  assert.deepEqual(props.result.filter((p) => p.name === "b").map((p) => p.value.value), [0]);

  await s.send("Debugger.stepOver");
  const stepped = await s.event("Debugger.paused");
  assert.equal(stepped.reason, "other");
  assert.equal(stepped.callFrames[0].location.lineNumber, 3); // return sum;
  const sum = await s.send("Debugger.evaluateOnCallFrame", { callFrameId: stepped.callFrames[0].callFrameId, expression: "sum" });
  assert.equal(sum.result.value, 0);

  await s.send("Debugger.removeBreakpoint", { breakpointId: bp.breakpointId });
  await s.send("Debugger.resume");
  const log = await s.event("Runtime.consoleAPICalled");
  assert.equal(log.type, "log");
  assert.deepEqual(log.args.slice(0, 2).map((a) => a.value), ["total", 3]);
  assert.equal(log.args[2].type, "object");
  assert.equal(log.stackTrace.callFrames[0].url, url);
  assert.equal(log.stackTrace.callFrames[0].lineNumber, 7);

  // The program ended: its context is destroyed, mrt waits for the debugger to go.
  await s.event("Runtime.executionContextDestroyed");
  const r = await s.send("Runtime.evaluate", { expression: "total * 2" }).catch((e) => e);
  assert.ok(r instanceof Error || r.result, "an answer after the end");
  await s.close();
  assert.deepEqual(await m.exit, { code: 0, signal: null });
  assert.equal(m.stdout(), "total 3 { k: [ 1, 2 ] }\n");
  assert.match(m.stderr(), /Waiting for the debugger to disconnect\.\.\.\n/);
});

test("--inspect-wait: Runtime.evaluate, the Profiler, a debugger statement", async () => {
  const file = path.join(here, "spin.js");
  const m = await start([`--inspect-wait=0`, file]);
  const s = await Session.connect(m.wsUrl);
  await s.send("Runtime.enable");
  await s.send("Debugger.enable");
  const ev = await s.send("Runtime.evaluate", { expression: "typeof spin + ' ' + [1, 2].map((x) => x * 3)" });
  assert.equal(ev.result.value, "undefined 3,6");
  const promised = await s.send("Runtime.evaluate", { expression: "Promise.resolve(7).then((x) => x * 6)", awaitPromise: true });
  assert.equal(promised.result.value, 42);
  await s.send("Profiler.enable");
  await s.send("Profiler.setSamplingInterval", { interval: 100 });
  await s.send("Profiler.start");
  await s.send("Runtime.runIfWaitingForDebugger");
  const paused = await s.event("Debugger.paused");
  assert.equal(paused.reason, "other");
  assert.equal(paused.callFrames[0].location.lineNumber, 9);
  const answer = await s.send("Debugger.evaluateOnCallFrame", { callFrameId: paused.callFrames[0].callFrameId, expression: "answer" });
  assert.equal(answer.result.value, 42);
  const { profile } = await s.send("Profiler.stop");
  assert.ok(profile.nodes.some((n) => n.callFrame.functionName === "spin" && n.callFrame.url.endsWith("/spin.js")));
  assert.ok(profile.samples.length > 0 && profile.endTime > profile.startTime);
  await s.send("Debugger.resume");
  const log = await s.event("Runtime.consoleAPICalled");
  assert.deepEqual(log.args.map((a) => a.value), ["spun", 42]);
  await s.event("Runtime.executionContextDestroyed");
  await s.close();
  assert.deepEqual(await m.exit, { code: 0, signal: null });
  assert.equal(m.stdout(), "spun 42\n");
});

test("a conditional breakpoint, a heap snapshot while paused, precise coverage", async () => {
  const file = path.join(here, "target.js");
  const url = pathToFileURL(file).href;
  const m = await start(["--inspect-brk=0", file]);
  assert.match(m.stderr(), /^Debugger listening on /);
  const s = await Session.connect(m.wsUrl);
  await s.send("Debugger.enable");
  await s.send("Profiler.enable");
  await s.send("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
  const bp = await s.send("Debugger.setBreakpointByUrl", { url, lineNumber: 2, condition: "b === 2" });
  await s.send("Runtime.runIfWaitingForDebugger");
  assert.equal((await s.event("Debugger.paused")).reason, "Break on start");
  await s.send("Debugger.resume");
  const hit = await s.event("Debugger.paused");
  assert.deepEqual(hit.hitBreakpoints, [bp.breakpointId]);
  const ab = await s.send("Debugger.evaluateOnCallFrame", { callFrameId: hit.callFrames[0].callFrameId, expression: "[a, b].join()" });
  assert.equal(ab.result.value, "1,2"); // the third call: add(1, 2)
  const chunks = [];
  const onChunk = async () => { for (;;) chunks.push((await s.event("HeapProfiler.addHeapSnapshotChunk")).chunk); };
  onChunk().catch(() => {});
  await s.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  await new Promise((r) => setTimeout(r, 100));
  const snapshot = JSON.parse(chunks.join(""));
  assert.ok(snapshot.snapshot.meta.node_fields.includes("name"));
  assert.ok(snapshot.strings.includes("add"));
  await s.send("Debugger.resume");
  const { result } = await s.send("Profiler.takePreciseCoverage");
  const add = result.find((r) => r.url === url).functions.find((f) => f.functionName === "add");
  assert.equal(add.ranges[0].count, 3);
  await s.close();
  assert.deepEqual(await m.exit, { code: 0, signal: null });
  assert.match(m.stderr(), /\nDebugger attached\.\n/);
});

test("--inspect-brk on an ES module: its URL, its source, a break in its body", async () => {
  const file = path.join(here, "target.mjs");
  const url = pathToFileURL(file).href;
  const m = await start(["--inspect-brk=0", file]);
  const s = await Session.connect(m.wsUrl);
  await s.send("Debugger.enable");
  await s.send("Runtime.runIfWaitingForDebugger");
  const paused = await s.event("Debugger.paused");
  assert.equal(paused.reason, "Break on start");
  const script = await s.event("Debugger.scriptParsed", (p) => p.url === url);
  assert.equal(script.isModule, true);
  // Its first statement (line 2, 0-based 1).
  assert.deepEqual(paused.callFrames[0].location, { scriptId: script.scriptId, lineNumber: 1, columnNumber: 17 });
  const { scriptSource } = await s.send("Debugger.getScriptSource", { scriptId: script.scriptId });
  assert.ok(scriptSource.includes("export const shout"));
  await s.send("Debugger.resume");
  await s.event("Runtime.executionContextDestroyed").catch(() => {}); // Runtime not enabled
  await s.close();
  assert.deepEqual(await m.exit, { code: 0, signal: null });
  assert.equal(m.stdout(), "MODULE\n");
});

test("--inspect: messages while JS runs (Debugger.pause in a busy loop)", async () => {
  const m = await start(["--inspect=127.0.0.1:0", path.join(here, "busy.js")]);
  const s = await Session.connect(m.wsUrl);
  await s.send("Runtime.enable");
  await s.send("Debugger.enable");
  // As in node, a message that comes before the script's first statement is taken there
  // (spins is not declared yet): pause again until the loop has spun.
  const stop = "(() => { try { return spins > 0 && (globalThis.stop = true); } catch { return 'early'; } })()";
  for (let round = 0; ; round++) {
    assert.ok(round < 100, "the busy loop never spun under the debugger");
    await s.send("Debugger.pause");
    const paused = await s.event("Debugger.paused");
    const frame = paused.callFrames[0];
    const r = await s.send("Debugger.evaluateOnCallFrame", { callFrameId: frame.callFrameId, expression: stop });
    await s.send("Debugger.resume");
    if (r.result.value === true) break;
    assert.ok(r.result.value === "early" || r.result.value === false, JSON.stringify(r));
    await delay(20);
  }
  const log = await s.event("Runtime.consoleAPICalled");
  assert.deepEqual(log.args.map((a) => a.value), ["stopped", true]);
  await s.event("Runtime.executionContextDestroyed");
  await s.close();
  assert.deepEqual(await m.exit, { code: 0, signal: null });
  assert.equal(m.stdout(), "stopped true\n");
});

test("--inspect: messages while the event loop waits (a timer cleared by Runtime.evaluate)", async () => {
  const m = await start(["--inspect=127.0.0.1:0", path.join(here, "idle.js")]);
  const s = await Session.connect(m.wsUrl);
  // A message that comes before the script's first statement is taken there, as in node:
  // wait until the timer exists, then give the loop time to block before the one that counts.
  for (let round = 0; ; round++) {
    assert.ok(round < 250, "idle.js never made its timer");
    const made = await s.send("Runtime.evaluate", { expression: "globalThis.timer !== undefined" });
    if (made.result.value === true) break;
    await delay(20);
  }
  await delay(200);
  const t0 = Date.now();
  const r = await s.send("Runtime.evaluate", { expression: "clearTimeout(globalThis.timer), 'cleared'" });
  assert.equal(r.result.value, "cleared");
  await s.close();
  assert.deepEqual(await m.exit, { code: 0, signal: null });
  assert.equal(m.stdout(), "", "the timer fired");
  assert.ok(Date.now() - t0 < 30000);
});

test("pause on uncaught exceptions; the error that ends the program reaches the debugger", async () => {
  const file = path.join(here, "throws.js");
  const m = await start(["--inspect-wait=0", file]);
  const s = await Session.connect(m.wsUrl);
  await s.send("Runtime.enable");
  await s.send("Debugger.enable");
  // "Pause on uncaught exceptions": not at the throw a try/catch takes, at the timer's.
  await s.send("Debugger.setPauseOnExceptions", { state: "uncaught" });
  await s.send("Runtime.runIfWaitingForDebugger");
  const paused = await s.event("Debugger.paused");
  assert.equal(paused.reason, "exception");
  assert.equal(paused.data.uncaught, true);
  assert.equal(paused.data.description.split("\n")[0], "Error: boom");
  assert.equal(paused.callFrames[0].functionName, "inner");
  assert.equal(m.stdout(), "caught\n");
  await s.send("Debugger.resume");
  const { exceptionDetails: d } = await s.event("Runtime.exceptionThrown");
  assert.equal(d.text.split("\n")[0], "Uncaught Error: boom");
  assert.match(d.text, /\n    at inner \(.*throws\.js:3:26\)/);
  assert.equal(d.url, pathToFileURL(file).href);
  assert.deepEqual([d.lineNumber, d.columnNumber], [2, 19]); // 0-based: 3:20, the throw
  await s.event("Runtime.executionContextDestroyed");
  await s.close();
  assert.deepEqual(await m.exit, { code: 1, signal: null });
  assert.match(m.stderr(), /Uncaught Error: boom/);
});

test("--inspect without a debugger runs and exits as usual", async () => {
  const m = await start(["--inspect=127.0.0.1:0", path.join(here, "target.js")]);
  assert.deepEqual(await m.exit, { code: 0, signal: null });
  assert.equal(m.stdout(), "total 3 { k: [ 1, 2 ] }\n");
  assert.doesNotMatch(m.stderr(), /Waiting for the debugger/);
});

test("a debugger that disconnects while the program is paused lets it go on", async () => {
  const m = await start(["--inspect-brk=0", path.join(here, "target.js")]);
  const s = await Session.connect(m.wsUrl);
  await s.send("Debugger.enable");
  await s.send("Runtime.runIfWaitingForDebugger");
  await s.event("Debugger.paused");
  await s.close();
  assert.deepEqual(await m.exit, { code: 0, signal: null });
  assert.equal(m.stdout(), "total 3 { k: [ 1, 2 ] }\n");
});

test("bad flags and a busy port are clear errors", async () => {
  const run = (args) => new Promise((resolve) => {
    const p = spawn(mrt, args, { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    p.stderr.on("data", (d) => (err += d));
    p.on("exit", (code) => resolve({ code, err }));
  });
  for (const bad of ["--inspect=99999", "--inspect-nope", "--inspect=host:"]) {
    const r = await run([bad, path.join(here, "target.js")]);
    assert.equal(r.code, 2, bad);
    assert.match(r.err, /^mrt: invalid '--inspect/, bad);
  }
  const first = await start(["--inspect-wait=127.0.0.1:0", path.join(here, "target.js")]);
  const busy = await run([`--inspect=127.0.0.1:${first.port}`, path.join(here, "target.js")]);
  assert.equal(busy.code, 1);
  assert.match(busy.err, /Starting inspector on 127\.0\.0\.1:\d+ failed: address already in use/);
  first.proc.kill();
  await first.exit;
});

let failed = 0;
for (const t of tests) {
  try {
    await t.fn();
    console.log(`ok - ${t.name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${t.name}\n  ${String(e.stack).replace(/\n/g, "\n  ")}`);
  }
}
for (const p of spawned) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
console.log(failed ? `${failed} of ${tests.length} failed` : `all ${tests.length} passed`);
process.exit(failed ? 1 : 0);
