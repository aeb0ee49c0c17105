// compression_impl.js: CompressionStream and DecompressionStream, TransformStreams over a
// zlib stream of compression.c (a handle). Chunks below POOL_BYTES are run inline (the op is
// sync and reads the chunk in place); larger ones on the loop's worker pool, so a big chunk
// does not hold up the loop. The TransformStream awaits each transform before the next:
// chunks stay in order and backpressure passes through.
(function (P) {
  "use strict";
  const ops = P.ops;
  const { TransformStream } = P.streams();
  const formats = { __proto__: null, gzip: 0, deflate: 1, "deflate-raw": 2, brotli: 3 };
  // Measured here (bench/js/compress_gzip.mjs, 64 KiB chunks, 6 interleaved runs): the same
  // gzip ran at ~40 MB/s through the pool and ~46 MB/s inline, a pool trip costing ~0.2 ms
  // (two thread wake-ups). From 256 KiB (~5 ms of deflate) that is under 5%, and below it a
  // chunk holds the loop no longer than that.
  const POOL_BYTES = 256 * 1024;

  // A stream left unfinished (neither closed, errored nor cancelled) frees its zlib state when
  // its transformer (held by the stream while it can still run) is collected.
  const registry = new FinalizationRegistry((handle) => ops.zFree(handle));

  // BufferSource, brand-checked (not shared: WebIDL's BufferSource excludes it).
  const getter = (o, k) => Object.getOwnPropertyDescriptor(o, k).get;
  const abByteLength = getter(ArrayBuffer.prototype, "byteLength");
  const sabByteLength = typeof SharedArrayBuffer === "function"
    ? getter(SharedArrayBuffer.prototype, "byteLength") : undefined;
  const typedArrayBuffer = getter(Object.getPrototypeOf(Uint8Array.prototype), "buffer");
  const dataViewBuffer = getter(DataView.prototype, "buffer");
  function isShared(buffer) {
    if (sabByteLength === undefined) return false;
    try { sabByteLength.call(buffer); return true; } catch { return false; }
  }
  function isBufferSource(chunk) {
    if (typeof chunk !== "object" || chunk === null) return false;
    if (ArrayBuffer.isView(chunk)) {
      let buffer;
      try { buffer = typedArrayBuffer.call(chunk); } catch { buffer = dataViewBuffer.call(chunk); }
      return !isShared(buffer);
    }
    try { abByteLength.call(chunk); return true; } catch { return false; }
  }

  function makeTransform(format, decompress) {
    const f = formats[format];
    if (f === undefined) {
      throw new TypeError(`Unsupported compression format: '${format}' ` +
        `(expected 'gzip', 'deflate', 'deflate-raw' or 'brotli')`);
    }
    const handle = ops.zNew(f, decompress);
    let live = true;
    function release() {
      if (!live) return;
      live = false;
      registry.unregister(transformer);
      ops.zFree(handle);
    }
    function fail(err) {
      release();
      throw err;
    }
    function emit(controller, out) {
      if (live && out.byteLength > 0) controller.enqueue(out);
    }
    // After a push's output: the rest when it stopped at the native output bound (a piece per
    // pool trip: only input that expands enormously takes this path), or the error for input
    // past the end of the compressed data, once what came before it is out.
    const STATUS_MORE = 1, STATUS_JUNK = 2;
    function after(controller, out, finish) {
      emit(controller, out);
      if (!live) return undefined;
      const status = ops.zStatus(handle);
      if (status === STATUS_JUNK) {
        fail(new TypeError("junk after the end of the compressed data"));
      }
      if (status !== STATUS_MORE) return undefined;
      return ops.zPushAsync(handle, undefined, finish)
        .then((more) => after(controller, more, finish), fail);
    }
    const transformer = {
      transform(chunk, controller) {
        if (!isBufferSource(chunk)) {
          fail(new TypeError("The chunk must be an ArrayBuffer or ArrayBufferView (not shared)"));
        }
        if (chunk.byteLength >= POOL_BYTES) {
          return ops.zPushAsync(handle, chunk, false)
            .then((out) => after(controller, out, false), fail);
        }
        let out;
        try { out = ops.zPush(handle, chunk, false); } catch (err) { fail(err); }
        return after(controller, out, false);
      },
      flush(controller) {
        let out;
        try { out = ops.zPush(handle, undefined, true); } catch (err) { fail(err); }
        const rest = after(controller, out, true);
        if (rest === undefined) release();
        else return rest.then(release);
      },
      cancel() { release(); },
    };
    registry.register(transformer, handle, transformer);
    return new TransformStream(transformer);
  }

  class CompressionStream {
    #transform;
    constructor(format) {
      if (arguments.length < 1) {
        throw new TypeError("Failed to construct 'CompressionStream': 1 argument required");
      }
      this.#transform = makeTransform(String(format), false);
    }
    get readable() { return this.#transform.readable; }
    get writable() { return this.#transform.writable; }
  }

  class DecompressionStream {
    #transform;
    constructor(format) {
      if (arguments.length < 1) {
        throw new TypeError("Failed to construct 'DecompressionStream': 1 argument required");
      }
      this.#transform = makeTransform(String(format), true);
    }
    get readable() { return this.#transform.readable; }
    get writable() { return this.#transform.writable; }
  }

  P.webidlClass(CompressionStream, "CompressionStream");
  P.webidlClass(DecompressionStream, "DecompressionStream");
  return { CompressionStream, DecompressionStream };
});
