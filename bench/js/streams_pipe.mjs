// ReadableStream -> TransformStream (identity) -> WritableStream of 256 MiB in 64 KiB chunks
// (pipeThrough + pipeTo, default highWaterMarks); MB/s through the pipe (higher is better).
// Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const CHUNK = 64 * 1024;
const chunk = new Uint8Array(CHUNK).fill(7);

async function pipe(total) {
  let left = total / CHUNK;
  let bytes = 0;
  const source = new ReadableStream({
    pull(controller) {
      if (left-- > 0) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const identity = new TransformStream({
    transform(c, controller) { controller.enqueue(c); },
  });
  const sink = new WritableStream({
    write(c) { bytes += c.byteLength; },
  });
  await source.pipeThrough(identity).pipeTo(sink);
  if (bytes !== total) throw new Error(`piped ${bytes} of ${total} bytes`);
}

await pipe(16 * CHUNK * 64); // warm-up: 64 MiB
const total = 256 * 1024 * 1024;
const t0 = now();
await pipe(total);
const ms = now() - t0;
console.log(`streams_pipe: ${(total / 1e6 / (ms / 1000)).toFixed(0)} MB/s`);
