// node:stream: Readable (flowing, paused, async iteration, from), Writable (backpressure,
// drain, final), Transform, PassThrough, pipeline and finished, and their errors.
import stream, { Readable, Writable, Transform, PassThrough, pipeline, finished } from "node:stream";
import { pipeline as pipelineP, finished as finishedP } from "node:stream/promises";

console.log(typeof stream, stream.Readable === Readable, typeof stream.promises.pipeline);

function collector(label) {
  const out = [];
  const w = new Writable({
    write(chunk, enc, cb) {
      out.push(chunk.toString());
      cb();
    },
  });
  w.on("finish", () => console.log(label, "finish", out.join("|")));
  return w;
}

async function main() {
  // flowing mode, events in order
  await new Promise((resolve) => {
    const r = new Readable({ read() {} });
    const seen = [];
    r.on("data", (c) => seen.push(c.toString()));
    r.on("end", () => {
      console.log("data", seen);
      resolve();
    });
    r.push("a");
    r.push("b");
    r.push(null);
  });

  // Readable.from and async iteration
  const items = [];
  for await (const x of Readable.from([1, 2, 3])) items.push(x);
  console.log("from", items);
  const gen = async function* () { yield "x"; yield "y"; };
  const got = [];
  for await (const x of Readable.from(gen())) got.push(x);
  console.log("from async", got);

  // paused mode with read()
  await new Promise((resolve) => {
    const r = new Readable({ read() {} });
    r.push("hello ");
    r.push("world");
    r.push(null);
    r.once("readable", () => {
      console.log("read", String(r.read()));
      r.on("end", resolve);
      r.resume();
    });
  });

  // backpressure
  let writes = 0;
  const slow = new Writable({
    highWaterMark: 4,
    write(chunk, enc, cb) {
      writes++;
      setTimeout(cb, 1);
    },
  });
  console.log("write returns", slow.write("ab"), slow.write("cdef"), slow.writableLength);
  await new Promise((r) => slow.once("drain", r));
  console.log("drained", writes, slow.writableLength);
  slow.end();
  await finishedP(slow);
  console.log("finished", slow.writableFinished);

  // pipe through a Transform and a PassThrough
  const upper = new Transform({
    transform(chunk, enc, cb) {
      cb(null, chunk.toString().toUpperCase());
    },
    flush(cb) {
      cb(null, "!");
    },
  });
  await new Promise((resolve) => {
    const sink = collector("pipe");
    sink.on("finish", resolve);
    Readable.from(["a", "b"], { objectMode: false }).pipe(upper).pipe(new PassThrough()).pipe(sink);
  });

  // pipeline: callback and promise; an error in the middle fails it and destroys the rest
  await new Promise((resolve) => pipeline(Readable.from(["x", "y"]), new PassThrough({ objectMode: true }), collector("pipeline"), (err) => {
    console.log("pipeline cb", err);
    resolve();
  }));
  const failing = new Transform({
    transform(chunk, enc, cb) {
      cb(new Error("bad chunk"));
    },
  });
  const src = Readable.from(["1", "2"]);
  const dst = collector("never");
  try {
    await pipelineP(src, failing, dst);
  } catch (e) {
    console.log("pipeline rejected", e.message, src.destroyed, dst.destroyed);
  }

  // finished on an error, write after end, destroy
  const r = new Readable({ read() {} });
  finished(r, (err) => console.log("finished cb", err?.message));
  r.destroy(new Error("boom"));
  await new Promise((res) => r.on("close", res));
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.on("error", (e) => console.log("error", e.code, e.message));
  w.end();
  w.write("late", (err) => console.log("write cb", err?.code));
  await new Promise((res) => setTimeout(res, 5));
  const d = new PassThrough();
  d.on("close", () => console.log("close", d.destroyed));
  d.destroy();
}
main();
