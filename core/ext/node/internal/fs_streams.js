// fs_streams.js: fs.ReadStream and fs.WriteStream over node:stream, on fds. The file opens
// right after construction ('open', 'ready'; a failure is an 'error' event, as in Node);
// each chunk is one read(2) or write(2) made from the check phase (setImmediate), so a large
// file never holds the event loop for more than a chunk.
(function (P) {
  "use strict";
  const { Readable, Writable } = P.nodeRequire("stream");
  const C = P.loadBuiltin("core/ext/node/internal/fs_common.js");
  const { api, getOptions, getPath, Buffer } = C;

  // Opens stream.path unless an fd was given; then 'open' and 'ready'.
  function openLater(stream, flags, mode) {
    setImmediate(() => {
      if (stream.destroyed) return;
      if (stream.fd === null) {
        try {
          stream.fd = api.openSync(stream.path, flags, mode);
        } catch (e) {
          stream.destroy(e);
          return;
        }
        stream.emit("open", stream.fd);
      }
      stream.pending = false;
      stream.emit("ready");
    });
  }

  function closeFd(stream, err, cb) {
    if (stream.fd === null || !stream.autoClose) return cb(err);
    const fd = stream.fd;
    stream.fd = null;
    try {
      api.closeSync(fd);
    } catch (e) {
      err ??= e;
    }
    cb(err);
  }

  function checkPos(name, v) {
    if (v === undefined) return v;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
      const e = new RangeError(`The value of "${name}" is out of range. It must be >= 0 && <= 9007199254740991. Received ${v}`);
      e.code = "ERR_OUT_OF_RANGE";
      throw e;
    }
    return v;
  }

  class ReadStream extends Readable {
    constructor(path, options) {
      const o = getOptions(options, {});
      super({ highWaterMark: o.highWaterMark ?? 65536, encoding: o.encoding, emitClose: o.emitClose });
      this.fd = typeof o.fd === "number" ? o.fd : o.fd?.fd ?? null;
      this.path = this.fd === null ? getPath(path) : path === null ? undefined : path;
      this.flags = o.flags ?? "r";
      this.mode = o.mode ?? 0o666;
      this.start = checkPos("start", o.start);
      this.end = checkPos("end", o.end) ?? Infinity;
      this.pos = this.start;
      this.autoClose = o.autoClose !== false;
      this.bytesRead = 0;
      this.pending = true;
      if (this.start !== undefined && this.start > this.end) {
        const e = new RangeError(`The value of "start" is out of range. It must be <= "end" (here: ${this.end}). Received ${this.start}`);
        e.code = "ERR_OUT_OF_RANGE";
        throw e;
      }
      openLater(this, this.flags, this.mode);
    }
    _read(n) {
      if (this.pending) return void this.once("ready", () => this._read(n));
      setImmediate(() => {
        if (this.destroyed) return;
        const left = this.end === Infinity ? n : Math.min(n, this.end - (this.pos ?? this.bytesRead) + 1);
        if (left <= 0) return void this.push(null);
        const buf = Buffer().allocUnsafe(left);
        let got;
        try {
          got = api.readSync(this.fd, buf, 0, left, this.pos ?? null);
        } catch (e) {
          return void this.destroy(e);
        }
        if (this.pos !== undefined) this.pos += got;
        this.bytesRead += got;
        this.push(got > 0 ? buf.subarray(0, got) : null);
      });
    }
    _destroy(err, cb) {
      closeFd(this, err, cb);
    }
    close(cb) {
      if (cb) this.once("close", cb);
      this.destroy();
    }
  }

  class WriteStream extends Writable {
    constructor(path, options) {
      const o = getOptions(options, {});
      super({ highWaterMark: o.highWaterMark, decodeStrings: true, defaultEncoding: o.encoding ?? "utf8", emitClose: o.emitClose });
      this.fd = typeof o.fd === "number" ? o.fd : o.fd?.fd ?? null;
      this.path = this.fd === null ? getPath(path) : path === null ? undefined : path;
      this.flags = o.flags ?? "w";
      this.mode = o.mode ?? 0o666;
      this.start = checkPos("start", o.start);
      this.pos = this.start;
      this.autoClose = o.autoClose !== false;
      this.bytesWritten = 0;
      this.pending = true;
      openLater(this, this.flags, this.mode);
    }
    _write(chunk, encoding, cb) {
      if (this.pending) return void this.once("ready", () => this._write(chunk, encoding, cb));
      setImmediate(() => {
        try {
          let off = 0;
          while (off < chunk.length) {
            const n = api.writeSync(this.fd, chunk, off, chunk.length - off, this.pos ?? null);
            off += n;
            if (this.pos !== undefined) this.pos += n;
          }
          this.bytesWritten += chunk.length;
          cb();
        } catch (e) {
          cb(e);
        }
      });
    }
    _final(cb) {
      if (this.pending) return void this.once("ready", () => cb());
      cb();
    }
    _destroy(err, cb) {
      if (this.pending && !err) return void this.once("ready", () => closeFd(this, err, cb));
      closeFd(this, err, cb);
    }
    close(cb) {
      if (cb) this.once("close", cb);
      if (!this.writableEnded) this.end();
      else if (this.writableFinished) this.destroy();
    }
  }

  return (fs) => {
    void fs;
    return {
      ReadStream,
      WriteStream,
      createReadStream: (path, options) => new ReadStream(path, options),
      createWriteStream: (path, options) => new WriteStream(path, options),
    };
  };
});
