// The Streams Standard's globals at work: default and byte streams, BYOB reads, tee,
// pipeTo/pipeThrough with preventClose and an AbortSignal, ReadableStream.from, async
// iteration with early exit, backpressure, queuing strategies, errors.
const log = (...a) => console.log(...a);

// Default stream with pull and backpressure: pull is called only while the queue has room.
let pulls = 0;
const counted = new ReadableStream({
  pull(c) { pulls++; c.enqueue(pulls); if (pulls === 5) c.close(); },
}, new CountQueuingStrategy({ highWaterMark: 2 }));
await null; await null;
log("pulled before read", pulls);
const got = [];
for await (const v of counted) got.push(v);
log("values", got.join(","));

// Byte stream with BYOB reader; respond() and enqueue().
const bytes = new ReadableStream({
  type: "bytes",
  pull(c) {
    const req = c.byobRequest;
    if (req) { req.view[0] = 1; req.view[1] = 2; req.respond(2); }
    else { c.enqueue(new Uint8Array([9, 9, 9])); }
    c.close();
    if (c.byobRequest) c.byobRequest.respond(0);
  },
});
const byob = bytes.getReader({ mode: "byob" });
const r1 = await byob.read(new Uint8Array(8));
log("byob", Array.from(r1.value), r1.value.buffer.byteLength, (await byob.read(new Uint8Array(1))).done);

// tee: both branches see every chunk.
const [a, b] = ReadableStream.from(["x", "y", "z"]).tee();
const ta = [], tb = [];
await Promise.all([(async () => { for await (const v of a) ta.push(v); })(),
  (async () => { for await (const v of b) tb.push(v); })()]);
log("tee", ta.join(""), tb.join(""));

// pipeTo with preventClose leaves the destination open; writes arrive in order.
const written = [];
const sink = new WritableStream({ write(c) { written.push(c); }, close() { written.push("closed"); } });
await ReadableStream.from([1, 2]).pipeTo(sink, { preventClose: true });
log("preventClose", written.join(","), sink.locked);
const w = sink.getWriter();
await w.write(3);
await w.close();
log("after close", written.join(","));

// pipeTo aborted by a signal: rejects with the signal's reason; source cancelled, dest aborted.
const events = [];
const ac = new AbortController();
const endless = new ReadableStream({
  pull(c) { c.enqueue(0); return new Promise((r) => setTimeout(r, 1)); },
  cancel(reason) { events.push(`cancel:${reason.name}`); },
});
const dest = new WritableStream({ abort(reason) { events.push(`abort:${reason.name}`); } });
const piping = endless.pipeTo(dest, { signal: ac.signal });
setTimeout(() => ac.abort(), 5);
try { await piping; } catch (e) { events.push(`rejected:${e.name}`); }
log("signal", events.sort().join(" "));
const pre = await ReadableStream.from([1]).pipeTo(new WritableStream(), { signal: AbortSignal.abort(new Error("why")) })
  .catch((e) => e.message);
log("aborted before", pre);

// pipeThrough a TransformStream that doubles numbers, with flush.
const doubled = ReadableStream.from([1, 2, 3]).pipeThrough(new TransformStream({
  transform(c, ctl) { ctl.enqueue(c * 2); },
  flush(ctl) { ctl.enqueue("end"); },
}));
const out = [];
for await (const v of doubled) out.push(v);
log("transform", out.join(","));

// ReadableStream.from: async generators, iterables, bad input.
async function* gen() { yield "g1"; yield "g2"; }
const fromGen = [];
for await (const v of ReadableStream.from(gen())) fromGen.push(v);
log("from", fromGen.join(","));
try { ReadableStream.from(5); } catch (e) { log("from(5)", e.name); }

// Async iteration: break cancels the stream and releases the lock; preventCancel keeps it.
let cancelled = false;
const it = new ReadableStream({
  start(c) { c.enqueue(1); c.enqueue(2); },
  cancel() { cancelled = true; },
});
for await (const v of it) { if (v === 1) break; }
log("break", cancelled, it.locked);
const keep = ReadableStream.from([1, 2, 3]);
for await (const v of keep.values({ preventCancel: true })) { if (v === 1) break; }
log("preventCancel", (await keep.getReader().read()).value);

// Errors: an erroring source rejects reads; a writer after abort rejects; the queue size.
const bad = new ReadableStream({ start(c) { c.error(new RangeError("bad source")); } });
log("errored read", await bad.getReader().read().catch((e) => `${e.name}: ${e.message}`));
const ws = new WritableStream({}, new ByteLengthQueuingStrategy({ highWaterMark: 10 }));
const writer = ws.getWriter();
log("desiredSize", writer.desiredSize);
writer.write(new Uint8Array(4)).catch((e) => log("pending write", e.message));
log("desiredSize after write", writer.desiredSize);
await writer.abort(new Error("stop"));
log("write after abort", await writer.write(1).catch((e) => e.message));
try { new ReadableStream({ type: "nope" }); } catch (e) { log("bad type", e.name); }
try { ReadableStream.prototype.getReader.call({}); } catch (e) { log("brand", e.name); }
log(Object.prototype.toString.call(new TransformStream()), String(new ReadableStream().getReader()));
// The async iterator extends %AsyncIteratorPrototype% (WebIDL).
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
const iterProto = Object.getPrototypeOf(new ReadableStream().values());
log("async iterator proto", Object.getPrototypeOf(iterProto) === AsyncIteratorPrototype,
  Object.getOwnPropertyNames(iterProto).sort().join());
