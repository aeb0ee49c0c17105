// node:tty: isatty, and ReadStream/WriteStream for a terminal's descriptor. WriteStream has
// Node 20's colour detection (getColorDepth/hasColors over TERM, COLORTERM, CI, NO_COLOR,
// FORCE_COLOR, ...), which chalk and debug-style packages read; process.stdout and
// process.stderr are WriteStreams when they are terminals (lib/process.js). Writes go through
// the console's output, as process.stdout's do; mrt has no node:net, so the streams are
// EventEmitters rather than sockets, and setRawMode only records the mode.
(function (P) {
  "use strict";
  const ops = P.ops;
  const EventEmitter = P.nodeRequire("events");

  function isatty(fd) {
    return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && ops.isatty(fd);
  }

  // Node's uv_tty_init takes a terminal, pipe or socket; a file or a closed descriptor is
  // EINVAL (writes to the others work; the terminal modes only on a terminal).
  function initError(fd) {
    if (!Number.isInteger(fd) || fd < 0 || fd > 2147483647) {
      const err = new RangeError(`"fd" must be a positive integer: ${fd}`);
      err.code = "ERR_INVALID_FD";
      return err;
    }
    const type = P.nodeOps().guessHandle(fd);
    if (type !== "FILE" && type !== "UNKNOWN") return undefined;
    const err = new Error("TTY initialization failed: uv_tty_init returned EINVAL (invalid argument)");
    err.code = "ERR_TTY_INIT_FAILED";
    err.errno = -22;
    err.syscall = "uv_tty_init";
    err.info = { errno: -22, code: "EINVAL", message: "invalid argument", syscall: "uv_tty_init" };
    return err;
  }

  function ReadStream(fd, options) {
    if (!(this instanceof ReadStream)) return new ReadStream(fd, options);
    const err = initError(fd);
    if (err) throw err;
    EventEmitter.call(this);
    this.fd = fd;
    this.isRaw = false;
    this.isTTY = true;
    this.readable = true;
  }
  Object.setPrototypeOf(ReadStream.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(ReadStream, EventEmitter);
  ReadStream.prototype.setRawMode = function setRawMode(flag) {
    this.isRaw = !!flag;
    return this;
  };
  for (const name of ["pause", "resume", "ref", "unref", "setEncoding"]) {
    ReadStream.prototype[name] = function () { return this; };
  }

  const kFd = Symbol("fd");
  const fdOf = (stream) => stream[kFd] ?? stream.fd; // process.stdout has its own .fd
  function WriteStream(fd) {
    if (!(this instanceof WriteStream)) return new WriteStream(fd);
    const err = initError(fd);
    if (err) throw err;
    EventEmitter.call(this);
    Object.defineProperty(this, kFd, { value: fd }); // Node's has it in its handle, not .fd
    this.writable = true;
    this._refreshSize();
  }
  Object.setPrototypeOf(WriteStream.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(WriteStream, EventEmitter);
  WriteStream.prototype.isTTY = true;

  // [columns, rows] of the terminal on fd, or undefined.
  function windowSize(fd) {
    return P.nodeOps().ttySize(fd)?.split(" ").map(Number);
  }
  WriteStream.prototype._refreshSize = function _refreshSize() {
    const size = windowSize(fdOf(this));
    if (!size) return;
    const changed = this.columns !== size[0] || this.rows !== size[1];
    this.columns = size[0];
    this.rows = size[1];
    if (changed && this.listenerCount?.("resize")) this.emit("resize");
  };
  WriteStream.prototype.getWindowSize = function getWindowSize() {
    return [this.columns, this.rows];
  };
  WriteStream.prototype.write = function write(chunk, encoding, cb) {
    if (typeof encoding === "function") cb = encoding;
    if (typeof chunk === "string") ops.print(fdOf(this), chunk);
    else if (ArrayBuffer.isView(chunk)) {
      P.nodeOps().writeBytes(fdOf(this), new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    } else {
      const err = new TypeError(`The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ${chunk === null ? "null" : typeof chunk}`);
      err.code = "ERR_INVALID_ARG_TYPE";
      throw err;
    }
    if (typeof cb === "function") process.nextTick(cb, null);
    return true;
  };
  WriteStream.prototype.end = function end(chunk, encoding, cb) {
    if (typeof chunk === "function") cb = chunk;
    else if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    if (typeof cb === "function") process.nextTick(cb);
    return this;
  };

  // The cursor and erase sequences of Node's readline (CSI codes).
  const CSI = "\x1b[";
  function done(stream, data, cb) {
    return stream.write(data, cb);
  }
  WriteStream.prototype.cursorTo = function cursorTo(x, y, cb) {
    if (typeof y === "function") {
      cb = y;
      y = undefined;
    }
    if (Number.isNaN(x) || Number.isNaN(y)) {
      const err = new TypeError(`The argument 'x' is invalid. Received NaN`);
      err.code = "ERR_INVALID_ARG_VALUE";
      throw err;
    }
    if (typeof x !== "number") {
      if (typeof cb === "function") process.nextTick(cb, null);
      return true;
    }
    return done(this, typeof y !== "number" ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`, cb);
  };
  WriteStream.prototype.moveCursor = function moveCursor(dx, dy, cb) {
    let data = "";
    if (dx < 0) data += `${CSI}${-dx}D`;
    else if (dx > 0) data += `${CSI}${dx}C`;
    if (dy < 0) data += `${CSI}${-dy}A`;
    else if (dy > 0) data += `${CSI}${dy}B`;
    if (!data) {
      if (typeof cb === "function") process.nextTick(cb, null);
      return true;
    }
    return done(this, data, cb);
  };
  WriteStream.prototype.clearLine = function clearLine(dir, cb) {
    return done(this, dir < 0 ? `${CSI}1K` : dir > 0 ? `${CSI}0K` : `${CSI}2K`, cb);
  };
  WriteStream.prototype.clearScreenDown = function clearScreenDown(cb) {
    return done(this, `${CSI}0J`, cb);
  };

  // ---------------------------------------------------------------- colours (Node's rules)

  const COLORS_2 = 1, COLORS_16 = 4, COLORS_256 = 8, COLORS_16m = 24;
  const TERM_ENVS = {
    __proto__: null,
    eterm: COLORS_16, cons25: COLORS_16, console: COLORS_16, cygwin: COLORS_16,
    dtterm: COLORS_16, gnome: COLORS_16, hurd: COLORS_16, jfbterm: COLORS_16,
    konsole: COLORS_16, kterm: COLORS_16, mlterm: COLORS_16, mosh: COLORS_16m,
    putty: COLORS_16, st: COLORS_16, "rxvt-unicode-24bit": COLORS_16m,
    terminator: COLORS_16m,
  };
  const CI_ENVS = ["APPVEYOR", "BUILDKITE", "CIRCLECI", "DRONE", "GITHUB_ACTIONS", "GITLAB_CI", "TRAVIS"];
  const TERM_PATTERNS = [
    /ansi/, /color/, /linux/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/, /^vt100/,
  ];

  let warned = false;
  function warnOnDeactivatedColors(env) {
    if (warned) return;
    let name = "";
    if (env.NODE_DISABLE_COLORS !== undefined) name = "NODE_DISABLE_COLORS";
    if (env.NO_COLOR !== undefined) name = name ? "NODE_DISABLE_COLORS' and 'NO_COLOR" : "NO_COLOR";
    if (name) {
      process.emitWarning(`The '${name}' env is ignored due to the 'FORCE_COLOR' env being set.`, "Warning");
      warned = true;
    }
  }

  function getColorDepth(env = process.env) {
    if (env.FORCE_COLOR !== undefined) {
      switch (env.FORCE_COLOR) {
        case "":
        case "1":
        case "true":
          warnOnDeactivatedColors(env);
          return COLORS_16;
        case "2":
          warnOnDeactivatedColors(env);
          return COLORS_256;
        case "3":
          warnOnDeactivatedColors(env);
          return COLORS_16m;
        default:
          return COLORS_2;
      }
    }
    if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === "dumb") {
      return COLORS_2;
    }
    if (env.TMUX) return COLORS_256;
    if (env.CI) {
      if (CI_ENVS.some((name) => name in env)) return COLORS_256;
      if (env.CI_NAME === "codeship") return COLORS_256;
      return COLORS_2;
    }
    if ("TEAMCITY_VERSION" in env) {
      return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? COLORS_16 : COLORS_2;
    }
    switch (env.TERM_PROGRAM) {
      case "iTerm.app":
        if (!env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION)) return COLORS_256;
        return COLORS_16m;
      case "HyperTerm":
      case "MacTerm":
        return COLORS_16m;
      case "Apple_Terminal":
        return COLORS_256;
    }
    if (env.COLORTERM === "truecolor" || env.COLORTERM === "24bit") return COLORS_16m;
    if (env.TERM) {
      if (/^xterm-256/.test(env.TERM)) return COLORS_256;
      const term = env.TERM.toLowerCase();
      if (TERM_ENVS[term]) return TERM_ENVS[term];
      if (TERM_PATTERNS.some((re) => re.test(term))) return COLORS_16;
    }
    if (env.COLORTERM) return COLORS_16;
    return COLORS_2;
  }

  function hasColors(count, env) {
    if (env === undefined && (count === undefined || (typeof count === "object" && count !== null))) {
      env = count;
      count = 16;
    } else if (typeof count !== "number") {
      const err = new TypeError(`The "count" argument must be of type number. Received ${count === null ? "null" : `type ${typeof count} (${typeof count === "string" ? `'${count}'` : String(count)})`}`);
      err.code = "ERR_INVALID_ARG_TYPE";
      throw err;
    } else if (!Number.isInteger(count) || count < 2) {
      const err = new RangeError(`The value of "count" is out of range. It must be ${Number.isInteger(count) ? ">= 2 && <= 9007199254740991" : "an integer"}. Received ${count}`);
      err.code = "ERR_OUT_OF_RANGE";
      throw err;
    }
    return count <= 2 ** getColorDepth.call(this, env);
  }
  WriteStream.prototype.getColorDepth = getColorDepth;
  WriteStream.prototype.hasColors = hasColors;

  return { isatty, ReadStream, WriteStream };
});
