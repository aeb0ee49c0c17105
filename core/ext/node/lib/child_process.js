// node:child_process.
// The synchronous forms (spawnSync, execSync, execFileSync: what CLI packages use, e.g.
// execSync("git rev-parse HEAD")) run the program to its end on a private libuv loop
// (nops.spawnSync, core/ext/node/child_process.c), with Node's results and errors.
// spawn, exec and execFile start the child on the program's loop (nops.spawn); its events come
// back through one hook (nops.setChildHook). ChildProcess is Node's EventEmitter ('spawn',
// 'exit', 'close', 'error'); stdin is a node:stream Writable, stdout/stderr Readables. fork
// (IPC) is not implemented: it throws ERR_NOT_IMPLEMENTED.
(function (P) {
  "use strict";
  const nops = P.nodeOps();

  function describe(value) {
    if (value === null || value === undefined) return String(value);
    if (typeof value === "function") return `function ${value.name}`;
    if (typeof value === "object") {
      return value.constructor?.name ? `an instance of ${value.constructor.name}` : "an object";
    }
    let shown = typeof value === "string" ? `'${value.length > 25 ? value.slice(0, 25) + "..." : value}'` : String(value);
    if (typeof value === "bigint") shown += "n";
    return `type ${typeof value} (${shown})`;
  }
  function codeError(Ctor, code, message) {
    const err = new Ctor(message);
    err.code = code;
    return err;
  }
  const typeError = (name, expected, value) => codeError(TypeError, "ERR_INVALID_ARG_TYPE",
    `The "${name}" ${name.includes(".") ? "property" : "argument"} must be ${expected}. Received ${describe(value)}`);
  const inspectString = (s) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\0/g, "\\x00")}'`;
  const valueError = (name, value, reason) => codeError(TypeError, "ERR_INVALID_ARG_VALUE",
    `The ${name.includes(".") ? "property" : "argument"} '${name}' ${reason}. Received ${typeof value === "string" ? inspectString(value) : describe(value)}`);

  function validateString(value, name) {
    if (typeof value !== "string") throw typeError(name, "of type string", value);
    if (value.includes("\0")) throw valueError(name, value, "must be a string without null bytes");
  }

  const notImplemented = (name) => function () {
    throw codeError(Error, "ERR_NOT_IMPLEMENTED", `child_process.${name} is not implemented in mrt`);
  };

  let Buffer;
  const toBuffer = (ab) => (Buffer ??= P.nodeRequire("buffer").Buffer).from(ab);

  // Node's normalizeSpawnArguments: -> { file, args (argv0 first), envPairs, options }.
  function normalize(file, args, options) {
    validateString(file, "file");
    if (file.length === 0) throw valueError("file", file, "cannot be empty");
    if (Array.isArray(args)) {
      args = args.slice();
    } else if (args === undefined || args === null) {
      args = [];
    } else if (typeof args !== "object") {
      throw typeError("args", "an instance of Array", args);
    } else {
      options = args;
      args = [];
    }
    for (let i = 0; i < args.length; i++) validateString(args[i], `args[${i}]`);
    if (options === undefined || options === null) options = {};
    else if (typeof options !== "object") throw typeError("options", "of type object", options);
    options = { ...options };
    if (options.cwd !== undefined && options.cwd !== null) {
      if (options.cwd instanceof URL) options.cwd = P.nodeRequire("url").fileURLToPath(options.cwd);
      else if (options.cwd instanceof Uint8Array) options.cwd = new TextDecoder().decode(options.cwd);
      if (typeof options.cwd !== "string") {
        throw typeError("options.cwd", "of type string or an instance of Buffer or URL", options.cwd);
      }
      validateString(options.cwd, "options.cwd");
    }
    if (options.argv0 !== undefined && options.argv0 !== null) validateString(options.argv0, "options.argv0");
    if (options.shell) {
      const command = args.length ? `${file} ${args.join(" ")}` : file;
      file = typeof options.shell === "string" ? options.shell : "/bin/sh";
      args = ["-c", command];
    }
    const argv0 = typeof options.argv0 === "string" ? options.argv0 : file;
    const env = options.env || process.env;
    const envPairs = [];
    for (const key of Object.keys(env)) {
      const value = env[key];
      if (value !== undefined) {
        const pair = `${key}=${value}`;
        validateString(pair, "options.envPairs");
        envPairs.push(pair);
      }
    }
    return { file, args: [argv0, ...args], envPairs, options };
  }

  // 'pipe' | 'inherit' | 'ignore' or an array of them (fds 0-2; an fd number or a stream
  // inherits when it is that same descriptor) -> "pin" letters for child_process.c.
  function stdioModes(stdio) {
    if (stdio === undefined || stdio === null) stdio = "pipe";
    if (typeof stdio === "string") {
      if (stdio === "overlapped") stdio = "pipe";
      if (stdio !== "pipe" && stdio !== "inherit" && stdio !== "ignore") {
        throw valueError("stdio", stdio, "is invalid");
      }
      stdio = [stdio, stdio, stdio];
    } else if (!Array.isArray(stdio)) {
      throw valueError("stdio", stdio, "is invalid");
    }
    let modes = "";
    for (let i = 0; i < 3; i++) {
      const s = stdio[i];
      if (s === undefined || s === null || s === "pipe" || s === "overlapped") modes += "p";
      else if (s === "inherit" || s === i || (typeof s === "object" && s.fd === i)) modes += "i";
      else if (s === "ignore") modes += "n";
      else throw codeError(Error, "ERR_NOT_IMPLEMENTED", `child_process: stdio[${i}] ${typeof s === "string" ? `'${s}'` : describe(s)} is not implemented in mrt`);
    }
    return modes;
  }

  function signalNumber(sig) {
    if (sig === undefined || sig === null) return 15;
    const signals = P.nodeRequire("os").constants.signals;
    if (typeof sig === "number") {
      if (!Object.values(signals).includes(sig)) throw codeError(TypeError, "ERR_UNKNOWN_SIGNAL", `Unknown signal: ${sig}`);
      return sig;
    }
    if (typeof sig === "string" && signals[sig.toUpperCase()] !== undefined) return signals[sig.toUpperCase()];
    throw codeError(TypeError, "ERR_UNKNOWN_SIGNAL", `Unknown signal: ${sig}`);
  }
  function signalName(n) {
    const signals = P.nodeRequire("os").constants.signals;
    for (const name in signals) if (signals[name] === n) return name;
    return null;
  }

  function inputBytes(input) {
    if (input === undefined || input === null) return undefined;
    if (typeof input === "string") return new TextEncoder().encode(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw typeError("options.stdio[0]", "of type string or an instance of Buffer, TypedArray, or DataView", input);
  }

  function validateIds(opts) {
    for (const id of ["uid", "gid"]) { // Node's validation wording
      const v = opts[id];
      if (v !== undefined && v !== null && !(Number.isInteger(v) && v >= -2147483648 && v <= 2147483647)) {
        throw typeError(`options.${id}`, "int32", v);
      }
    }
  }

  function spawnSync(file, args, options) {
    const n = normalize(file, args, options);
    const opts = n.options;
    const modes = stdioModes(opts.stdio);
    const input = modes[0] === "p" ? inputBytes(opts.input) : undefined;
    if (opts.timeout !== undefined && opts.timeout !== null &&
        !(Number.isInteger(opts.timeout) && opts.timeout >= 0)) {
      throw codeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "timeout" is out of range. It must be an unsigned integer. Received ${opts.timeout}`);
    }
    let maxBuffer = opts.maxBuffer ?? 1024 * 1024;
    if (typeof maxBuffer !== "number" || Number.isNaN(maxBuffer) || maxBuffer < 0) {
      throw codeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "options.maxBuffer" is out of range. It must be a positive number. Received ${maxBuffer}`);
    }
    validateIds(opts);
    const argvList = n.args.map((a) => a + "\0").join("");
    const envList = n.envPairs.map((a) => a + "\0").join("");
    const r = nops.spawnSync(n.file, argvList, n.args.length, envList, n.envPairs.length,
      opts.cwd ?? undefined, modes, input, opts.timeout || 0, signalNumber(opts.killSignal), maxBuffer,
      opts.uid ?? -1, opts.gid ?? -1, !!opts.detached);

    const result = {};
    if (r.error !== undefined) {
      const err = new Error(`spawnSync ${n.file} ${r.error}`);
      err.errno = r.errno;
      err.code = r.error;
      err.syscall = `spawnSync ${n.file}`;
      err.path = n.file;
      err.spawnargs = n.args.slice(1);
      result.error = err;
    }
    if (r.pid === undefined) { // it never ran
      Object.assign(result, { status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null });
      return result;
    }
    const encoding = opts.encoding && opts.encoding !== "buffer" ? opts.encoding : undefined;
    const decode = (ab) => {
      if (ab === undefined) return null;
      if (encoding === "utf8" || encoding === "utf-8") return new TextDecoder().decode(ab);
      const buf = toBuffer(ab);
      return encoding ? buf.toString(encoding) : buf;
    };
    result.status = r.status ?? null;
    result.signal = r.signal !== undefined ? signalName(r.signal) : null;
    const stdout = decode(r.stdout), stderr = decode(r.stderr);
    result.output = [null, stdout, stderr];
    result.pid = r.pid;
    result.stdout = stdout;
    result.stderr = stderr;
    return result;
  }

  // Node's checkExecSyncError: the spawn's own error, or "Command failed" for a non-zero
  // status, carrying the result's fields.
  function checkExecSyncError(ret, args, cmd) {
    let err;
    if (ret.error) {
      err = ret.error;
      Object.assign(err, ret);
    } else if (ret.status !== 0) {
      let msg = `Command failed: ${cmd || args.join(" ")}`;
      if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
      err = new Error(msg);
      Object.assign(err, ret);
    }
    return err;
  }

  // execSync/execFileSync: stderr goes to the parent's stderr unless stdio is given.
  function runSync(file, args, options, errArgs, cmd) {
    const inheritStderr = !options?.stdio;
    const ret = spawnSync(file, args, options);
    if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
    const err = checkExecSyncError(ret, errArgs, cmd);
    if (err) throw err;
    return ret.stdout;
  }

  function execFileSync(file, args, options) {
    if (!Array.isArray(args) && args !== undefined && args !== null && typeof args === "object") {
      options = args;
      args = [];
    }
    args = args ?? [];
    const argv0 = options && typeof options.argv0 === "string" ? options.argv0 : file;
    return runSync(file, args, options, [argv0, ...(Array.isArray(args) ? args : [])]);
  }

  function execSync(command, options) {
    validateString(command, "command");
    options = { ...options };
    options.shell = typeof options.shell === "string" ? options.shell : true;
    return runSync(command, [], options, undefined, command);
  }

  // ---------------------------------------------------------------- spawn (asynchronous)

  const EventEmitter = P.nodeRequire("events");
  const EV_EXIT = 0, EV_DATA = 1, EV_END = 2, EV_WRITTEN = 3;
  const children = new Map(); // id -> ChildProcess, while events may come
  let hookSet = false;
  function onChildEvent(id, event, a, b) {
    const child = children.get(id);
    if (child !== undefined) child._event(event, a, b);
  }

  // The child's stdio are node:stream streams (Node's are sockets). An output is a Readable
  // fed by the hook's 'data' events; as in Node, at the child's exit an output nobody reads
  // flows to nothing (flushStdio). stdin is a Writable whose writes complete with the hook's
  // 'written' events.
  let streamModule;
  const streams = () => (streamModule ??= P.nodeRequire("stream"));

  function childReadable() {
    return new (streams().Readable)({ read() {} });
  }

  function childWritable(child) {
    const pending = new Map(); // write id -> callback
    let nextWrite = 0;
    const stdin = new (streams().Writable)({
      write(chunk, encoding, cb) {
        const id = ++nextWrite;
        const rc = child._id === undefined || child._exited ? -32 : nops.childWrite(child._id, chunk, id);
        if (rc !== 0) return cb(systemError(rc, "write"));
        pending.set(id, cb);
      },
      final(cb) {
        if (child._id !== undefined && !child._exited) nops.childEnd(child._id);
        cb();
      },
    });
    // A child that exited before reading its input: EPIPE (its cancelled writes too), an
    // 'error' event that ends the program when nobody listens, as in Node.
    stdin._written = (id, status) => {
      const cb = pending.get(id);
      pending.delete(id);
      cb?.(status < 0 ? systemError(status === -125 ? -32 : status, "write") : null);
    };
    return stdin;
  }

  const uvErrors = { __proto__: null, [-1]: "EPERM", [-2]: "ENOENT", [-13]: "EACCES", [-32]: "EPIPE", [-3]: "ESRCH", [-125]: "ECANCELED", [-7]: "E2BIG", [-24]: "EMFILE", [-20]: "ENOTDIR", [-110]: "ETIMEDOUT" };
  const uvErrno = { __proto__: null };
  for (const n in uvErrors) uvErrno[uvErrors[n]] = Number(n);
  function systemError(errno, syscall, path, spawnargs) {
    const code = typeof errno === "string" ? errno : uvErrors[errno] ?? `Unknown system error ${errno}`;
    if (typeof errno === "string") errno = uvErrno[errno] ?? 0;
    const err = new Error(`${syscall} ${code}`);
    err.errno = errno;
    err.code = code;
    err.syscall = syscall;
    if (path !== undefined) err.path = path;
    if (spawnargs !== undefined) err.spawnargs = spawnargs;
    return err;
  }

  function ChildProcess() {
    EventEmitter.call(this);
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._id = undefined;
  }
  Object.setPrototypeOf(ChildProcess.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(ChildProcess, EventEmitter);

  ChildProcess.prototype.spawn = function (options) {
    const n = options; // normalized by spawn()
    this.spawnfile = n.file;
    this.spawnargs = n.args;
    const modes = n.modes;
    const stdio = [null, null, null];
    if (modes[0] === "p") stdio[0] = childWritable(this);
    for (let i = 1; i < 3; i++) {
      if (modes[i] !== "p") continue;
      const stream = (stdio[i] = childReadable());
      this._closesNeeded++;
      stream.on("close", () => maybeClose(this));
    }
    this.stdin = stdio[0];
    this.stdout = stdio[1];
    this.stderr = stdio[2];
    this.stdio = stdio;
    if (!hookSet) {
      nops.setChildHook(onChildEvent);
      hookSet = true;
    }
    const argvList = n.args.map((a) => a + "\0").join("");
    const envList = n.envPairs.map((a) => a + "\0").join("");
    const r = nops.spawn(n.file, argvList, n.args.length, envList, n.envPairs.length,
      n.options.cwd ?? undefined, modes, n.options.uid ?? -1, n.options.gid ?? -1, !!n.options.detached);
    const space = r.indexOf(" ");
    if (space < 0) { // the program did not start: 'error', then 'close' (Node's onexit)
      const errno = uvErrno[r] ?? -1;
      const err = systemError(r, `spawn ${n.file}`, n.file, n.args.slice(1));
      process.nextTick(() => {
        this.exitCode = errno;
        this.emit("error", err);
        for (const s of this.stdio) s?.destroy(); // they close later
        maybeClose(this);
      });
      return errno;
    }
    this._id = Number(r.slice(0, space));
    this.pid = Number(r.slice(space + 1));
    children.set(this._id, this);
    process.nextTick(() => this.emit("spawn"));
    return 0;
  };

  ChildProcess.prototype._event = function (event, a, b) {
    if (event === EV_DATA) {
      this.stdio[a]?.push(toBuffer(b));
    } else if (event === EV_END) {
      this.stdio[a]?.push(null);
      this._ended = (this._ended ?? 0) + 1;
      this._maybeRelease();
    } else if (event === EV_WRITTEN) {
      this.stdin?._written(a, b);
    } else if (event === EV_EXIT) {
      if (b) this.signalCode = signalName(b);
      else this.exitCode = a;
      this._exited = true;
      for (const out of [this.stdout, this.stderr]) {
        if (out && out.readableFlowing === null) process.nextTick(() => out.resume());
      }
      this.stdin?.destroy();
      this.emit("exit", this.exitCode, this.signalCode);
      this._maybeRelease();
      maybeClose(this);
    }
  };
  // C forgets the child once it exited and its outputs ended (events stop).
  ChildProcess.prototype._maybeRelease = function () {
    const outputs = (this.stdout ? 1 : 0) + (this.stderr ? 1 : 0);
    if (this._exited && (this._ended ?? 0) === outputs && this._id !== undefined) {
      nops.childRelease(this._id);
      children.delete(this._id);
    }
  };
  function maybeClose(child) {
    if (++child._closesGot === child._closesNeeded) child.emit("close", child.exitCode, child.signalCode);
  }

  ChildProcess.prototype.kill = function (sig) {
    const signo = sig === 0 ? 0 : signalNumber(sig);
    if (this._id === undefined || this._exited) return false;
    const rc = nops.childKill(this._id, signo);
    if (rc === 0) {
      this.killed = true;
      return true;
    }
    if (rc !== -3) this.emit("error", systemError(rc, "kill"));
    return false;
  };
  ChildProcess.prototype.ref = function () {
    if (this._id !== undefined) nops.childRef(this._id, true);
  };
  ChildProcess.prototype.unref = function () {
    if (this._id !== undefined) nops.childRef(this._id, false);
  };
  ChildProcess.prototype.disconnect = function () {
    this.emit("error", codeError(Error, "ERR_IPC_DISCONNECTED", "IPC channel is already disconnected"));
  };
  ChildProcess.prototype.send = notImplemented("ChildProcess.send (IPC)");
  ChildProcess.prototype[Symbol.dispose] = function () {
    if (!this.killed) this.kill();
  };

  function spawn(file, args, options) {
    const n = normalize(file, args, options);
    const opts = n.options;
    n.modes = stdioModes(opts.stdio);
    validateIds(opts);
    if (opts.timeout !== undefined && opts.timeout !== null &&
        !(Number.isInteger(opts.timeout) && opts.timeout >= 0)) {
      throw codeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "timeout" is out of range. It must be an unsigned integer. Received ${opts.timeout}`);
    }
    const killSignal = signalNumber(opts.killSignal);
    if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
      throw typeError("options.signal", "an instance of AbortSignal", opts.signal);
    }
    const child = new ChildProcess();
    child.spawn(n);
    if (opts.timeout > 0 && child._id !== undefined) {
      const timer = setTimeout(() => child.kill(killSignal), opts.timeout);
      child.once("exit", () => clearTimeout(timer));
    }
    const signal = opts.signal;
    if (signal) {
      const abort = () => {
        if (child.kill(killSignal)) {
          const err = new Error("The operation was aborted", { cause: signal.reason });
          err.name = "AbortError";
          err.code = "ABORT_ERR";
          child.emit("error", err);
        }
      };
      if (signal.aborted) process.nextTick(abort);
      else {
        signal.addEventListener("abort", abort, { once: true });
        child.once("exit", () => signal.removeEventListener("abort", abort));
      }
    }
    return child;
  }

  // execFile/exec: the outputs gathered, callback(err, stdout, stderr) at 'close'.
  function execFile(file, args, options, callback) {
    if (typeof args === "function") {
      callback = args;
      args = [];
      options = undefined;
    } else if (!Array.isArray(args) && args !== null && typeof args === "object") {
      callback = options;
      options = args;
      args = [];
    } else if (typeof options === "function") {
      callback = options;
      options = undefined;
    }
    if (callback !== undefined && callback !== null && typeof callback !== "function") {
      throw typeError("callback", "of type function", callback);
    }
    args = args ?? [];
    options = {
      encoding: "utf8", timeout: 0, maxBuffer: 1024 * 1024, killSignal: "SIGTERM",
      cwd: null, env: null, shell: false, ...options,
    };
    if (!(Number.isInteger(options.timeout) && options.timeout >= 0)) {
      throw codeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "timeout" is out of range. It must be an unsigned integer. Received ${options.timeout}`);
    }
    const maxBuffer = options.maxBuffer;
    const child = spawn(file, args, {
      cwd: options.cwd, env: options.env, gid: options.gid, shell: options.shell,
      signal: options.signal, uid: options.uid, argv0: options.argv0, detached: options.detached,
    });
    const encoding = options.encoding;
    const chunks = { stdout: [], stderr: [] };
    const lengths = { stdout: 0, stderr: 0 };
    let ex = null, killed = false, done = false, timer;
    const kill = () => {
      child.stdout?.destroy();
      child.stderr?.destroy();
      killed = true;
      try {
        child.kill(options.killSignal);
      } catch (e) {
        ex = e;
        exithandler();
      }
    };
    const output = (name) => {
      const list = chunks[name];
      if (encoding && encoding !== "buffer") {
        return list.map((c) => (typeof c === "string" ? c : toBuffer(c).toString(encoding))).join("");
      }
      const B = (Buffer ??= P.nodeRequire("buffer").Buffer);
      return B.concat(list.map((c) => (typeof c === "string" ? B.from(c) : c)));
    };
    function exithandler(code, signal) {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      if (!callback) return;
      const stdout = output("stdout"), stderr = output("stderr");
      if (!ex && code === 0 && signal === null) {
        callback(null, stdout, stderr);
        return;
      }
      let cmd = file;
      if (args.length) cmd += ` ${args.join(" ")}`;
      if (!ex) {
        ex = new Error(`Command failed: ${cmd}\n${stderr}`);
        ex.code = code < 0 ? uvErrors[code] ?? code : code;
        ex.killed = child.killed || killed;
        ex.signal = signal;
      }
      ex.cmd = cmd;
      callback(ex, stdout, stderr);
    }
    if (options.timeout > 0) timer = setTimeout(kill, options.timeout);
    for (const name of ["stdout", "stderr"]) {
      const stream = child[name];
      if (!stream) continue;
      if (encoding === "utf8" || encoding === "utf-8") stream.setEncoding("utf8");
      stream.on("data", (chunk) => {
        if (done || ex) return;
        const room = maxBuffer - lengths[name];
        const length = chunk.length; // characters for strings, bytes for Buffers (Node's)
        if (length > room) {
          chunks[name].push(chunk.slice(0, Math.max(0, room)));
          lengths[name] = maxBuffer;
          ex = codeError(RangeError, "ERR_CHILD_PROCESS_STDIO_MAXBUFFER", `${name} maxBuffer length exceeded`);
          kill();
        } else {
          chunks[name].push(chunk);
          lengths[name] += length;
        }
      });
    }
    child.addListener("close", exithandler);
    child.addListener("error", (e) => {
      ex = e;
      child.stdout?.destroy();
      child.stderr?.destroy();
      exithandler();
    });
    return child;
  }

  function exec(command, options, callback) {
    if (typeof options === "function") {
      callback = options;
      options = undefined;
    }
    validateString(command, "command");
    options = { ...options };
    options.shell = typeof options.shell === "string" ? options.shell : true;
    return execFile(command, options, callback);
  }

  // util.promisify(exec/execFile) -> { stdout, stderr }; the error carries both too.
  const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");
  for (const fn of [exec, execFile]) {
    Object.defineProperty(fn, promisifyCustom, {
      enumerable: false,
      value: (...args) => {
        let child;
        const promise = new Promise((resolve, reject) => {
          child = fn(...args, (err, stdout, stderr) => {
            if (err !== null) {
              err.stdout = stdout;
              err.stderr = stderr;
              reject(err);
            } else {
              resolve({ stdout, stderr });
            }
          });
        });
        promise.child = child;
        return promise;
      },
    });
  }

  return {
    _forkChild: notImplemented("_forkChild"),
    ChildProcess,
    exec,
    execFile,
    execFileSync,
    execSync,
    fork: notImplemented("fork"),
    spawn,
    spawnSync,
  };
});
