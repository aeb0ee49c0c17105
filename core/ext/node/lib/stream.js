// node:stream, minimal: Readable (flowing and paused modes, pipe, async iteration,
// Readable.from), Writable (buffering with highWaterMark backpressure and 'drain', _final),
// Duplex, Transform, PassThrough, pipeline and finished (callback and promise forms).
// Enough for fs.createReadStream piping and stream.pipeline; not Node's full machinery (no
// cork/writev, no readable.wrap, no compose/Readable helpers like map/filter).
(function (P) {
  "use strict";
  const events = P.nodeRequire("events");
  const EventEmitter = events.EventEmitter ?? events;
  let BufferClass;
  const Buffer = () => (BufferClass ??= P.nodeRequire("buffer").Buffer);
  const tick = (fn, ...args) => queueMicrotask(() => fn(...args));

  function codeError(Cls, code, msg) {
    const e = new Cls(msg);
    e.code = code;
    return e;
  }

  // Bytes as a Buffer (strings in their encoding); objects pass in object mode.
  function toChunk(chunk, encoding, objectMode) {
    if (objectMode) return chunk;
    if (typeof chunk === "string") return Buffer().from(chunk, encoding || "utf8");
    if (chunk instanceof Uint8Array) {
      return Buffer().isBuffer(chunk) ? chunk : Buffer().from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
      `The "chunk" argument must be of type string or an instance of Buffer or Uint8Array.${
        chunk === null ? " Received null" : ` Received type ${typeof chunk}`}`);
  }
  const chunkLength = (chunk, objectMode) => (objectMode ? 1 : chunk.length);

  class Stream extends EventEmitter {
    constructor(opts) {
      super(opts);
    }
  }

  // ---------------------------------------------------------------- destroy

  // Destroys a stream once: _destroy, then 'error' (when there is one) and 'close'.
  function destroy(stream, err) {
    const r = stream._readableState, w = stream._writableState;
    const st = r ?? w;
    if (st.destroyed) return stream;
    if (r) r.destroyed = true;
    if (w) w.destroyed = true;
    const done = (e) => {
      tick(() => {
        if (e) {
          if (r) r.errored = e;
          if (w) w.errored = e;
          if (!stream._errorEmitted) {
            stream._errorEmitted = true;
            stream.emit("error", e);
          }
        }
        if (r) r.closed = true;
        if (w) w.closed = true;
        if ((r ?? w).emitClose !== false) stream.emit("close");
      });
    };
    stream._destroy(err ?? null, done);
    return stream;
  }

  // ---------------------------------------------------------------- Readable

  class Readable extends Stream {
    constructor(opts = {}) {
      super(opts);
      const objectMode = !!(opts.objectMode || opts.readableObjectMode);
      this._readableState = {
        objectMode,
        highWaterMark: opts.highWaterMark ?? opts.readableHighWaterMark ?? (objectMode ? 16 : 16384),
        buffer: [],
        length: 0,
        flowing: null,
        ended: false,
        endEmitted: false,
        reading: false,
        scheduled: false,
        destroyed: false,
        errored: null,
        closed: false,
        encoding: null,
        decoder: null,
        emitClose: opts.emitClose !== false,
        autoDestroy: opts.autoDestroy !== false,
        pipes: [],
      };
      if (typeof opts.read === "function") this._read = opts.read;
      if (typeof opts.destroy === "function") this._destroy = opts.destroy;
      if (opts.encoding) this.setEncoding(opts.encoding);
    }

    _read() {
      throw codeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The _read() method is not implemented");
    }
    _destroy(err, cb) {
      cb(err);
    }

    push(chunk, encoding) {
      const st = this._readableState;
      st.reading = false;
      if (st.destroyed) return false;
      if (chunk === null) {
        st.ended = true;
      } else if (st.ended) {
        destroy(this, codeError(Error, "ERR_STREAM_PUSH_AFTER_EOF", "stream.push() after EOF"));
        return false;
      } else {
        chunk = toChunk(chunk, encoding, st.objectMode);
        if (st.objectMode || chunk.length > 0) {
          st.buffer.push(chunk);
          st.length += chunkLength(chunk, st.objectMode);
        }
      }
      schedule(this);
      return st.length < st.highWaterMark;
    }

    unshift(chunk, encoding) {
      const st = this._readableState;
      chunk = toChunk(chunk, encoding, st.objectMode);
      st.buffer.unshift(chunk);
      st.length += chunkLength(chunk, st.objectMode);
      schedule(this);
    }

    // Paused mode: the buffered data (up to n bytes), or null when there is none yet.
    read(n) {
      const st = this._readableState;
      let out = null;
      if (st.buffer.length > 0) {
        if (st.objectMode) {
          out = st.buffer.shift();
          st.length--;
        } else if (n === undefined || n >= st.length) {
          out = st.buffer.length === 1 ? st.buffer[0] : Buffer().concat(st.buffer, st.length);
          st.buffer = [];
          st.length = 0;
        } else if (n > 0) {
          out = Buffer().concat(st.buffer, st.length);
          st.buffer = [out.subarray(n)];
          out = out.subarray(0, n);
          st.length -= n;
        }
      }
      if (out !== null) out = decode(st, out);
      schedule(this);
      return out;
    }

    setEncoding(enc) {
      const st = this._readableState;
      st.encoding = enc;
      st.decoder = enc === "utf8" || enc === "utf-8" ? new TextDecoder() : null;
      return this;
    }

    pause() {
      this._readableState.flowing = false;
      this.emit("pause");
      return this;
    }
    resume() {
      const st = this._readableState;
      if (!st.flowing) {
        st.flowing = true;
        this.emit("resume");
        schedule(this);
      }
      return this;
    }
    isPaused() {
      return this._readableState.flowing === false;
    }

    on(ev, fn) {
      super.on(ev, fn);
      const st = this._readableState;
      if (ev === "data" && st.flowing !== false) this.resume();
      else if (ev === "readable") schedule(this);
      return this;
    }

    pipe(dest, options) {
      const src = this, end = options?.end !== false;
      this._readableState.pipes.push(dest);
      const ondata = (chunk) => {
        if (dest.write(chunk) === false) src.pause();
      };
      const ondrain = () => src.resume();
      src.on("data", ondata);
      dest.on("drain", ondrain);
      src.once("end", () => {
        if (end) dest.end();
      });
      dest.once("close", () => src.unpipe(dest));
      src._unpipe ??= new Map();
      src._unpipe.set(dest, () => {
        src.removeListener("data", ondata);
        dest.removeListener("drain", ondrain);
      });
      dest.emit("pipe", src);
      return dest;
    }
    unpipe(dest) {
      const st = this._readableState;
      for (const d of dest ? [dest] : st.pipes.slice()) {
        const i = st.pipes.indexOf(d);
        if (i < 0) continue;
        st.pipes.splice(i, 1);
        this._unpipe?.get(d)?.();
        d.emit("unpipe", this);
      }
      return this;
    }

    destroy(err) {
      return destroy(this, err);
    }

    get readable() {
      const st = this._readableState;
      return !st.destroyed && !st.endEmitted && !st.errored;
    }
    get readableEnded() {
      return this._readableState.endEmitted;
    }
    get readableFlowing() {
      return this._readableState.flowing;
    }
    get readableLength() {
      return this._readableState.length;
    }
    get readableHighWaterMark() {
      return this._readableState.highWaterMark;
    }
    get readableObjectMode() {
      return this._readableState.objectMode;
    }
    get readableEncoding() {
      return this._readableState.encoding;
    }
    get destroyed() {
      return (this._readableState ?? this._writableState).destroyed;
    }
    get closed() {
      return (this._readableState ?? this._writableState).closed;
    }
    get errored() {
      return (this._readableState ?? this._writableState).errored;
    }

    async *[Symbol.asyncIterator]() {
      const st = this._readableState;
      let error = null;
      const onerror = (e) => {
        error = e;
      };
      this.on("error", onerror);
      try {
        for (;;) {
          if (error) throw error;
          const chunk = st.objectMode || st.length > 0 ? this.read() : null;
          if (chunk !== null && (st.objectMode ? true : chunk.length > 0)) {
            yield chunk;
            continue;
          }
          if (st.endEmitted || (st.ended && st.length === 0)) return;
          if (st.destroyed) {
            if (error) throw error;
            return;
          }
          await new Promise((resolve) => {
            const done = () => {
              this.removeListener("readable", done);
              this.removeListener("end", done);
              this.removeListener("error", done);
              this.removeListener("close", done);
              resolve();
            };
            this.on("readable", done);
            this.on("end", done);
            this.on("error", done);
            this.on("close", done);
          });
        }
      } finally {
        this.removeListener("error", onerror);
        if (!st.endEmitted && !st.destroyed) this.destroy();
      }
    }

    static from(iterable, opts) {
      if (typeof iterable === "string" || iterable instanceof Uint8Array) {
        return new Readable({ objectMode: true, ...opts, read() { this.push(iterable); this.push(null); } });
      }
      const it = iterable?.[Symbol.asyncIterator]?.() ?? iterable?.[Symbol.iterator]?.();
      if (!it) {
        throw codeError(TypeError, "ERR_INVALID_ARG_TYPE", 'The "iterable" argument must be an instance of Iterable.');
      }
      let busy = false;
      return new Readable({
        objectMode: true,
        ...opts,
        read() {
          if (busy) return;
          busy = true;
          (async () => {
            try {
              for (;;) {
                const { value, done } = await it.next();
                if (done) {
                  this.push(null);
                  break;
                }
                if (!this.push(await value)) break;
              }
            } catch (e) {
              this.destroy(e);
            } finally {
              busy = false;
            }
          })();
        },
        destroy(err, cb) {
          Promise.resolve(it.return?.()).then(() => cb(err), (e) => cb(err ?? e));
        },
      });
    }
  }

  Readable.prototype.addListener = Readable.prototype.on;

  function decode(st, chunk) {
    if (st.objectMode || !st.encoding) return chunk;
    if (st.decoder) return st.decoder.decode(chunk, { stream: true });
    return chunk.toString(st.encoding);
  }

  // One pass of a readable's machine, soon: deliver in flowing mode, tell 'readable'
  // listeners, end, or ask _read for more while below the high-water mark.
  function schedule(stream) {
    const st = stream._readableState;
    if (st.scheduled) return;
    st.scheduled = true;
    tick(() => {
      st.scheduled = false;
      run(stream);
    });
  }

  function run(stream) {
    const st = stream._readableState;
    if (st.destroyed) return;
    if (st.flowing) {
      while (st.flowing && st.buffer.length > 0 && !st.destroyed) {
        const chunk = st.buffer.shift();
        st.length -= chunkLength(chunk, st.objectMode);
        stream.emit("data", decode(st, chunk));
      }
    } else if (stream.listenerCount("readable") > 0 && (st.length > 0 || st.ended)) {
      stream.emit("readable");
    }
    if (st.ended && st.length === 0) {
      if (!st.endEmitted) {
        st.endEmitted = true;
        stream.emit("end");
        const w = stream._writableState;
        if (st.autoDestroy && (!w || w.finished)) destroy(stream);
      }
      return;
    }
    if (!st.ended && !st.reading && st.length < st.highWaterMark && (st.flowing || st.length === 0 || stream.listenerCount("readable") > 0)) {
      st.reading = true;
      try {
        stream._read(st.highWaterMark);
      } catch (e) {
        destroy(stream, e);
      }
    }
  }

  // ---------------------------------------------------------------- Writable

  function initWritable(stream, opts) {
    const objectMode = !!(opts.objectMode || opts.writableObjectMode);
    stream._writableState = {
      objectMode,
      highWaterMark: opts.highWaterMark ?? opts.writableHighWaterMark ?? (objectMode ? 16 : 16384),
      decodeStrings: opts.decodeStrings !== false,
      defaultEncoding: opts.defaultEncoding ?? "utf8",
      queue: [],
      length: 0,
      writing: false,
      needDrain: false,
      ending: false,
      ended: false,
      finished: false,
      destroyed: false,
      errored: null,
      closed: false,
      emitClose: opts.emitClose !== false,
      autoDestroy: opts.autoDestroy !== false,
      finalCalled: false,
    };
    if (typeof opts.write === "function") stream._write = opts.write;
    if (typeof opts.final === "function") stream._final = opts.final;
    if (typeof opts.destroy === "function") stream._destroy = opts.destroy;
  }

  const writableMethods = {
    _write() {
      throw codeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The _write() method is not implemented");
    },
    write(chunk, encoding, cb) {
      const st = this._writableState;
      if (typeof encoding === "function") [cb, encoding] = [encoding, undefined];
      encoding ??= st.defaultEncoding;
      let err = null;
      if (chunk === null) err = codeError(TypeError, "ERR_STREAM_NULL_VALUES", "May not write null values to stream");
      else if (st.ending) err = codeError(Error, "ERR_STREAM_WRITE_AFTER_END", "write after end");
      else if (st.destroyed) err = codeError(Error, "ERR_STREAM_DESTROYED", "Cannot call write after a stream was destroyed");
      if (err) {
        tick(() => cb?.(err));
        if (err.code !== "ERR_STREAM_DESTROYED") destroy(this, err);
        return false;
      }
      if (!st.objectMode && (typeof chunk !== "string" || st.decodeStrings)) {
        chunk = toChunk(chunk, encoding, false);
        encoding = "buffer";
      }
      st.length += chunkLength(chunk, st.objectMode);
      const ret = st.length < st.highWaterMark;
      if (!ret) st.needDrain = true;
      st.queue.push({ chunk, encoding, cb });
      if (!st.writing) writeNext(this);
      return ret;
    },
    end(chunk, encoding, cb) {
      const st = this._writableState;
      if (typeof chunk === "function") [cb, chunk, encoding] = [chunk, undefined, undefined];
      else if (typeof encoding === "function") [cb, encoding] = [encoding, undefined];
      if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
      if (cb) {
        if (st.finished) tick(cb);
        else this.once("finish", () => cb());
      }
      if (!st.ending) {
        st.ending = true;
        if (!st.writing && st.queue.length === 0) tick(() => finish(this));
      }
      return this;
    },
    setDefaultEncoding(enc) {
      this._writableState.defaultEncoding = enc;
      return this;
    },
    cork() {},
    uncork() {},
  };

  function writeNext(stream) {
    const st = stream._writableState;
    const item = st.queue.shift();
    if (!item) return;
    st.writing = true;
    let called = false;
    const onwrite = (err) => {
      if (called) return;
      called = true;
      st.writing = false;
      st.length -= chunkLength(item.chunk, st.objectMode);
      if (err) {
        tick(() => item.cb?.(err));
        destroy(stream, err);
        return;
      }
      tick(() => item.cb?.(null));
      if (st.queue.length > 0) {
        writeNext(stream);
      } else {
        if (st.needDrain && !st.ending) {
          st.needDrain = false;
          tick(() => stream.emit("drain"));
        }
        if (st.ending) tick(() => finish(stream));
      }
    };
    try {
      stream._write(item.chunk, item.encoding, onwrite);
    } catch (e) {
      onwrite(e);
    }
  }

  // After end() and the last write: _final, then 'finish' (and autoDestroy's 'close').
  function finish(stream) {
    const st = stream._writableState;
    if (st.finalCalled || st.writing || st.queue.length > 0 || st.destroyed) return;
    st.finalCalled = true;
    const done = (err) => {
      if (err) return destroy(stream, err);
      st.ended = true;
      st.finished = true;
      stream.emit("finish");
      const r = stream._readableState;
      if (st.autoDestroy && (!r || r.endEmitted)) destroy(stream);
    };
    if (typeof stream._final === "function") {
      try {
        stream._final((err) => tick(done, err));
      } catch (e) {
        done(e);
      }
    } else {
      done();
    }
  }

  class Writable extends Stream {
    constructor(opts = {}) {
      super(opts);
      initWritable(this, opts);
    }
    _destroy(err, cb) {
      cb(err);
    }
    destroy(err) {
      return destroy(this, err);
    }
    get writable() {
      const st = this._writableState;
      return !st.destroyed && !st.ending && !st.errored;
    }
    get writableEnded() {
      return this._writableState.ending;
    }
    get writableFinished() {
      return this._writableState.finished;
    }
    get writableLength() {
      return this._writableState.length;
    }
    get writableHighWaterMark() {
      return this._writableState.highWaterMark;
    }
    get writableNeedDrain() {
      return this._writableState.needDrain;
    }
    get writableObjectMode() {
      return this._writableState.objectMode;
    }
    get destroyed() {
      return this._writableState.destroyed;
    }
    get closed() {
      return this._writableState.closed;
    }
    get errored() {
      return this._writableState.errored;
    }
    static [Symbol.hasInstance](obj) {
      if (this !== Writable) return Function.prototype[Symbol.hasInstance].call(this, obj);
      return obj != null && obj._writableState !== undefined;
    }
  }
  Object.assign(Writable.prototype, writableMethods);

  // ---------------------------------------------------------------- Duplex, Transform

  class Duplex extends Readable {
    constructor(opts = {}) {
      super(opts);
      initWritable(this, opts);
      if (opts.allowHalfOpen === false) this.once("end", () => this.end());
    }
    get writable() {
      const st = this._writableState;
      return !st.destroyed && !st.ending && !st.errored;
    }
    get writableEnded() {
      return this._writableState.ending;
    }
    get writableFinished() {
      return this._writableState.finished;
    }
    get writableLength() {
      return this._writableState.length;
    }
  }
  Object.assign(Duplex.prototype, writableMethods);

  class Transform extends Duplex {
    constructor(opts = {}) {
      super(opts);
      if (typeof opts.transform === "function") this._transform = opts.transform;
      if (typeof opts.flush === "function") this._flush = opts.flush;
    }
    _transform() {
      throw codeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The _transform() method is not implemented");
    }
    _write(chunk, encoding, cb) {
      this._transform(chunk, encoding, (err, data) => {
        if (err) return cb(err);
        if (data !== undefined && data !== null) this.push(data);
        cb();
      });
    }
    _final(cb) {
      const end = (err, data) => {
        if (err) return cb(err);
        if (data !== undefined && data !== null) this.push(data);
        this.push(null);
        cb();
      };
      if (typeof this._flush === "function") this._flush(end);
      else end();
    }
    _read() {}
  }

  class PassThrough extends Transform {
    _transform(chunk, encoding, cb) {
      cb(null, chunk);
    }
  }

  // ---------------------------------------------------------------- finished, pipeline

  // cb(err) once stream has ended ('end' / 'finish'), failed or closed early.
  function finished(stream, opts, cb) {
    if (typeof opts === "function") [cb, opts] = [opts, {}];
    const r = stream._readableState, w = stream._writableState;
    const wantR = opts?.readable !== false && !!r, wantW = opts?.writable !== false && !!w;
    let rDone = !wantR || r.endEmitted, wDone = !wantW || w.finished, called = false;
    const call = (err) => {
      if (called) return;
      called = true;
      cleanup();
      cb.call(stream, err);
    };
    const onend = () => {
      rDone = true;
      if (wDone) call();
    };
    const onfinish = () => {
      wDone = true;
      if (rDone) call();
    };
    const onerror = (err) => call(err);
    const onclose = () => {
      if (rDone && wDone) return call();
      call(codeError(Error, "ERR_STREAM_PREMATURE_CLOSE", "Premature close"));
    };
    const cleanup = () => {
      stream.removeListener("end", onend);
      stream.removeListener("finish", onfinish);
      stream.removeListener("error", onerror);
      stream.removeListener("close", onclose);
    };
    stream.on("end", onend);
    stream.on("finish", onfinish);
    stream.on("error", onerror);
    stream.on("close", onclose);
    if (rDone && wDone) tick(call);
    return cleanup;
  }

  // pipeline(source, ...transforms, destination, cb): pipes them in order; the first error
  // destroys them all. The source may be an iterable; a stage may be an async generator
  // function (source) => asyncIterable.
  function pipeline(...args) {
    const cb = typeof args[args.length - 1] === "function" && !isStageFunction(args, args.length - 1) ? args.pop() : null;
    if (!cb) throw codeError(TypeError, "ERR_INVALID_ARG_TYPE", 'The "callback" argument must be of type function. Received undefined');
    if (Array.isArray(args[0]) && args.length === 1) args = args[0];
    if (args.length < 2) throw codeError(TypeError, "ERR_MISSING_ARGS", 'The "streams" argument must be specified');
    const streams = [];
    for (let i = 0; i < args.length; i++) {
      let s = args[i];
      if (typeof s === "function") s = Readable.from(s(i === 0 ? undefined : streams[i - 1]));
      else if (!(s instanceof Stream) && (s?.[Symbol.asyncIterator] || s?.[Symbol.iterator])) s = Readable.from(s);
      streams.push(s);
    }
    let error, done = false;
    const finish = (err) => {
      if (done) return;
      if (err) {
        error = err;
        for (const s of streams) if (!s.destroyed) s.destroy();
      }
      done = true;
      cb(error);
    };
    streams.forEach((s, i) => {
      const last = i === streams.length - 1;
      finished(s, { readable: !last, writable: i > 0 }, (err) => {
        if (err) finish(err);
        else if (last) finish();
      });
      if (!last && !(typeof args[i + 1] === "function")) s.pipe(streams[i + 1]);
    });
    return streams[streams.length - 1];
  }
  // A function stage (not the callback): an async generator function (or any function but
  // the last argument).
  function isStageFunction(args, i) {
    return args[i]?.constructor?.name === "AsyncGeneratorFunction";
  }

  const promises = {
    pipeline: (...streams) => new Promise((resolve, reject) => pipeline(...streams, (err) => (err ? reject(err) : resolve()))),
    finished: (stream, opts) => new Promise((resolve, reject) => finished(stream, opts ?? {}, (err) => (err ? reject(err) : resolve()))),
  };

  Object.assign(Stream, {
    Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, promises,
    isReadable: (s) => !!s?._readableState && s.readable,
    isErrored: (s) => !!(s?._readableState?.errored ?? s?._writableState?.errored),
    destroy: (s, err) => s.destroy(err),
  });
  Stream.prototype.pipe = Readable.prototype.pipe;
  return Stream;
});
