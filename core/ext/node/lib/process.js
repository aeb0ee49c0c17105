// node:process and the `process` global: Node's process object over mrt's host ops.
// process is an EventEmitter (node:events). What needs the kernel goes through hooks that are
// set only when used: process.nextTick's queue (nops.setTickHook: checkpoints run the ticks
// before the microtasks, as Node's processTicksAndRejections does), `beforeExit`/`exit` at
// the loop's end (nops.setLoopEndHook), process.exitCode (nops.setExitCode: what a natural exit
// returns), `uncaughtException`/`unhandledRejection` (listeners on globalThis's `error` and
// `unhandledrejection` events, which the kernel fires, added while process has listeners).
(function (P) {
  "use strict";
  const ops = P.ops;
  const nops = P.nodeOps(); // process.c/os.c functions (made at first use)
  const mrt = P.mrt;
  const EventEmitter = P.nodeRequire("events");

  // The Node release whose API mrt follows and is tested against (node is the oracle):
  // packages gate features on process.versions.node. mrt's own is process.versions.mrt.
  const NODE_VERSION = "20.20.2";

  function argTypeError(name, expected, value) {
    let received;
    if (value === null || value === undefined) received = String(value);
    else if (typeof value === "function") received = `function ${value.name}`;
    else if (typeof value === "object") {
      received = value.constructor?.name ? `an instance of ${value.constructor.name}` : "an object";
    } else {
      let shown = typeof value === "string" ? `'${value.length > 25 ? value.slice(0, 25) + "..." : value}'` : String(value);
      if (typeof value === "bigint") shown += "n";
      received = `type ${typeof value} (${shown})`;
    }
    const err = new TypeError(`The "${name}" argument must be ${expected}. Received ${received}`);
    err.code = "ERR_INVALID_ARG_TYPE";
    return err;
  }

  const process = new EventEmitter();
  // Node's `Object.prototype.toString.call(process)` is "[object process]".
  Object.defineProperty(process, Symbol.toStringTag, {
    value: "process", writable: false, enumerable: false, configurable: true,
  });

  // ---------------------------------------------------------------- facts

  const execPath = nops.execPath() ?? "mrt";
  const args = mrt.args;
  // Node's argv: [execPath, the entry script's absolute path, ...its arguments] (`mrt eval`
  // has no script: [execPath, ...arguments], as `node -e`).
  let entry = nops.entryName();
  if (entry !== undefined && entry.startsWith("file:")) entry = decodeURIComponent(new URL(entry).pathname);
  const hasEntry = entry !== undefined && !entry.startsWith("[");
  process.argv = [execPath, ...(hasEntry ? [entry] : []), ...args];
  process.argv0 = "mrt";
  process.execArgv = [];
  process.execPath = execPath;
  process.title = "mrt";
  process.pid = mrt.pid;
  if (P.cjsMain !== undefined) process.mainModule = P.cjsMain; // a CommonJS main (node.js)
  Object.defineProperty(process, "ppid", {
    get: () => nops.ppid(), enumerable: true, configurable: true,
  });
  process.platform = "linux";
  const machine = nops.osUname().split("\0")[3];
  const archOf = { x86_64: "x64", aarch64: "arm64", i686: "ia32", i386: "ia32", armv7l: "arm",
    ppc64le: "ppc64", s390x: "s390x", riscv64: "riscv64", loongarch64: "loong64" };
  process.arch = archOf[machine] ?? machine;
  process.version = `v${NODE_VERSION}`;
  process.versions = {
    node: NODE_VERSION, mrt: mrt.version, v8: P.v8Version, uv: nops.uvVersion(),
  };
  Object.freeze(process.versions);
  process.release = { name: "node", lts: "Iron" }; // Node 20's LTS name
  // What mrt has: no inspector, no node:tls (fetch does TLS on its own).
  process.features = {
    inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: false, tls_sni: false,
    tls_ocsp: false, tls: false, cached_builtins: true, typescript: false,
  };
  process.config = { target_defaults: {}, variables: {} };
  process.allowedNodeEnvironmentFlags = new Set();

  // ---------------------------------------------------------------- env

  // Node's process.env reads and writes the real environment: values become strings, delete
  // unsets, keys enumerate in the environment's order. A Proxy over a null-prototype target:
  // the environment is the only state.
  function envSnapshot() {
    const all = ops.envAll();
    const out = [];
    if (all === "") return out;
    for (const entry of all.split("\0")) {
      const eq = entry.indexOf("=");
      if (eq > 0 && !out.includes(entry.slice(0, eq))) out.push(entry.slice(0, eq));
    }
    return out;
  }
  // Names the environment lacks fall through to Object.prototype, as in Node. The console
  // shows a Proxy's target: the target shows the environment instead.
  const envTarget = {};
  Object.defineProperty(envTarget, Symbol.for("nodejs.util.inspect.custom"), {
    value(depth, options, inspect) { return inspect({ ...this }, options); },
    writable: true, enumerable: false, configurable: true,
  });
  function envKeyOk(key) {
    return typeof key === "string" && key !== "" && !key.includes("=") && !key.includes("\0");
  }
  process.env = new Proxy(envTarget, {
    get(target, key) {
      const value = envKeyOk(key) ? ops.envGet(key) : undefined;
      return value !== undefined ? value : Reflect.get(target, key);
    },
    set(target, key, value) {
      if (typeof key === "symbol") {
        throw new TypeError("Cannot convert a Symbol value to a string");
      }
      if (typeof value === "symbol") {
        throw new TypeError("Cannot convert a Symbol value to a string");
      }
      const v = String(value);
      if (!envKeyOk(key) || v.includes("\0")) return true; // Node ignores what setenv refuses
      ops.envSet(key, v);
      return true;
    },
    has(target, key) {
      return (envKeyOk(key) && ops.envGet(key) !== undefined) || key in target;
    },
    deleteProperty(target, key) {
      if (envKeyOk(key)) ops.envDelete(key);
      return true;
    },
    ownKeys() {
      return envSnapshot();
    },
    getOwnPropertyDescriptor(target, key) {
      if (!envKeyOk(key)) return undefined;
      const value = ops.envGet(key);
      if (value === undefined) return undefined;
      return { value, writable: true, enumerable: true, configurable: true };
    },
    defineProperty(target, key, desc) {
      if ("get" in desc || "set" in desc) {
        const err = new TypeError(
          "'process.env' does not accept an accessor(getter/setter) descriptor");
        err.code = "ERR_INVALID_OBJECT_DEFINE_PROPERTY";
        throw err;
      }
      if (!desc.writable || !desc.enumerable || !desc.configurable) {
        const err = new TypeError(
          "'process.env' only accepts a configurable, writable, and enumerable data descriptor");
        err.code = "ERR_INVALID_OBJECT_DEFINE_PROPERTY";
        throw err;
      }
      if (envKeyOk(key)) ops.envSet(key, String(desc.value));
      return true;
    },
  });

  // ---------------------------------------------------------------- cwd, umask, time, memory

  process.cwd = function cwd() { return nops.cwd(); };
  process.chdir = function chdir(directory) {
    if (typeof directory !== "string") throw argTypeError("directory", "of type string", directory);
    try {
      nops.chdir(directory);
    } catch (e) {
      e.syscall = "chdir";
      e.path = process.cwd();
      e.dest = directory;
      throw e;
    }
  };
  process.umask = function umask(mask) {
    if (mask === undefined) return nops.umask(-1);
    if (typeof mask === "string") {
      if (!/^[0-7]+$/.test(mask)) {
        const err = new TypeError(`The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received '${mask}'`);
        err.code = "ERR_INVALID_ARG_VALUE";
        throw err;
      }
      mask = parseInt(mask, 8);
    } else if (typeof mask !== "number" || !Number.isInteger(mask) || mask < 0 || mask > 0xffffffff) {
      throw argTypeError("mask", "of type number", mask);
    }
    return nops.umask(mask);
  };

  const parts = new Uint32Array(3);
  function hrtime(prev) {
    nops.hrtimeParts(parts);
    const sec = parts[0] * 0x100000000 + parts[1];
    const nsec = parts[2];
    if (prev !== undefined) {
      if (!Array.isArray(prev)) throw argTypeError("time", "an instance of Array", prev);
      if (prev.length !== 2) {
        const err = new RangeError(`The value of "time" is out of range. It must be 2. Received ${prev.length}`);
        err.code = "ERR_OUT_OF_RANGE";
        throw err;
      }
      let s = sec - prev[0];
      let n = nsec - prev[1];
      if (n < 0) {
        s -= 1;
        n += 1e9;
      }
      return [s, n];
    }
    return [sec, nsec];
  }
  hrtime.bigint = function bigint() {
    nops.hrtimeParts(parts);
    return ((BigInt(parts[0]) << 32n) | BigInt(parts[1])) * 1000000000n + BigInt(parts[2]);
  };
  process.hrtime = hrtime;
  process.uptime = function uptime() { return P.performance.now() / 1e3; };
  process.memoryUsage = function memoryUsage() { return mrt.memoryUsage(); };
  process.memoryUsage.rss = function rss() { return mrt.memoryUsage().rss; };
  // getrusage(2), as Node: CPU times in microseconds, maxRSS in KiB.
  const usage = new Float64Array(16);
  function checkPrevCpu(prev) {
    if (prev === null || typeof prev !== "object") throw argTypeError("prevValue", "of type object", prev);
    for (const key of ["user", "system"]) {
      const v = prev[key];
      if (typeof v !== "number") throw argTypeError(`prevValue.${key}`, "of type number", v);
      if (!(v >= 0 && v <= Number.MAX_SAFE_INTEGER)) {
        const err = new RangeError(`The property 'prevValue.${key}' is invalid. Received ${v}`);
        err.code = "ERR_INVALID_ARG_VALUE";
        throw err;
      }
    }
  }
  process.cpuUsage = function cpuUsage(prev) {
    if (prev) checkPrevCpu(prev); // as Node: a falsy value is no previous value
    nops.resourceUsage(usage);
    const user = usage[0], system = usage[1];
    if (prev) return { user: user - prev.user, system: system - prev.system };
    return { user, system };
  };
  process.resourceUsage = function resourceUsage() {
    nops.resourceUsage(usage);
    return {
      userCPUTime: usage[0], systemCPUTime: usage[1], maxRSS: usage[2],
      sharedMemorySize: usage[3], unsharedDataSize: usage[4], unsharedStackSize: usage[5],
      minorPageFault: usage[6], majorPageFault: usage[7], swappedOut: usage[8],
      fsRead: usage[9], fsWrite: usage[10], ipcSent: usage[11], ipcReceived: usage[12],
      signalsCount: usage[13], voluntaryContextSwitches: usage[14],
      involuntaryContextSwitches: usage[15],
    };
  };

  process.kill = function kill(pid, signal = "SIGTERM") {
    if (typeof pid !== "number" || !Number.isInteger(pid)) throw argTypeError("pid", "of type number", pid);
    let sig = signal;
    if (typeof signal === "string") {
      sig = P.nodeRequire("os").constants.signals[signal];
      if (sig === undefined) {
        const err = new TypeError(`Unknown signal: ${signal}`);
        err.code = "ERR_UNKNOWN_SIGNAL";
        throw err;
      }
    }
    nops.kill(pid, sig);
    return true;
  };

  const ids = () => nops.ids().split(" ").map(Number);
  process.getuid = function getuid() { return ids()[0]; };
  process.geteuid = function geteuid() { return ids()[1]; };
  process.getgid = function getgid() { return ids()[2]; };
  process.getegid = function getegid() { return ids()[3]; };
  process.getgroups = function getgroups() {
    const g = nops.groups();
    return g === "" ? [] : g.split(" ").map(Number);
  };
  // Source maps are the runtime's business (--enable-source-maps): accepted, no effect here.
  process.setSourceMapsEnabled = function setSourceMapsEnabled(value) {
    if (typeof value !== "boolean") throw argTypeError("val", "of type boolean", value);
  };

  process.binding = function binding(name) {
    const err = new Error(`No such module: ${name} (process.binding is not supported by mrt)`);
    err.code = "ERR_INVALID_MODULE";
    throw err;
  };
  process._linkedBinding = process.binding;

  // ---------------------------------------------------------------- nextTick

  // Node's queue: every tick queued before the checkpoint runs, then the microtasks, again
  // until both are empty (the kernel calls runTicks at each checkpoint while any is queued).
  let ticks = [];
  let tickHead = 0;
  let tickHookSet = false;
  let ticksScheduled = false;
  function runTicks() {
    do {
      while (tickHead < ticks.length) {
        const tick = ticks[tickHead];
        ticks[tickHead++] = undefined;
        if (tickHead === ticks.length) {
          ticks = [];
          tickHead = 0;
        }
        if (typeof tick === "function") tick();
        else Reflect.apply(tick.cb, undefined, tick.args);
      }
      if (nops.runMicrotasksOnly()) return;
    } while (tickHead < ticks.length);
    ticksScheduled = false;
    nops.ticksPending(false);
  }
  process.nextTick = function nextTick(callback) {
    if (typeof callback !== "function") throw argTypeError("callback", "of type function", callback);
    if (!tickHookSet) {
      nops.setTickHook(runTicks);
      tickHookSet = true;
    }
    if (arguments.length > 1) {
      ticks.push({ cb: callback, args: Array.prototype.slice.call(arguments, 1) });
    } else {
      ticks.push(callback);
    }
    if (!ticksScheduled) {
      ticksScheduled = true;
      nops.ticksPending(true);
    }
  };

  // ---------------------------------------------------------------- exit

  let exitCode;
  function validateCode(code) {
    if (code === undefined || code === null) return undefined;
    if (typeof code === "string" && /^-?\d+$/.test(code.trim())) return Number(code);
    if (typeof code !== "number") {
      throw argTypeError("code", "of type number", code);
    }
    if (!Number.isInteger(code)) {
      const err = new RangeError(`The value of "code" is out of range. It must be an integer. Received ${code}`);
      err.code = "ERR_OUT_OF_RANGE";
      throw err;
    }
    return code;
  }
  Object.defineProperty(process, "exitCode", {
    get() { return exitCode; },
    set(code) {
      const c = validateCode(code);
      exitCode = code;
      nops.setExitCode(c === undefined ? -1 : c & 0xff);
    },
    enumerable: true,
    configurable: false,
  });
  process._exiting = false;
  function emitExit(code) {
    if (process._exiting) return;
    process._exiting = true;
    process.emit("exit", code);
  }
  process.exit = function exit(code) {
    if (code !== undefined) process.exitCode = code;
    const final = Number(exitCode ?? 0) & 0xff;
    emitExit(final);
    // Through process.reallyExit, as in Node: packages (signal-exit) wrap it.
    process.reallyExit(final);
  };
  process.reallyExit = function reallyExit(code) { ops.exit(Number(code ?? 0) & 0xff); };
  process.abort = function abort() { nops.kill(process.pid, 6); };

  // The loop ran dry: `beforeExit` (listeners may add work, then the loop goes on), then
  // `exit` once it stays dry.  // An uncaught error that ends the program (phase 2): `exit` with code 1, as in Node.
  nops.setLoopEndHook((phase) => {
    if (process._exiting) return;
    if (phase === 2) exitCode = 1;
    const code = Number(exitCode ?? 0) & 0xff;
    if (phase === 0) process.emit("beforeExit", code);
    else {
      nops.setLoopEndHook(null);
      emitExit(code);
    }
  });

  // ---------------------------------------------------------------- warnings

  process.emitWarning = function emitWarning(warning, type, code, ctor) {
    let detail;
    if (type !== null && typeof type === "object" && !Array.isArray(type)) {
      ctor = type.ctor;
      code = type.code;
      if (typeof type.detail === "string") detail = type.detail;
      type = type.type || "Warning";
    } else if (typeof type === "function") {
      ctor = type;
      code = undefined;
      type = "Warning";
    }
    if (type !== undefined && typeof type !== "string") throw argTypeError("type", "of type string", type);
    if (typeof code === "function") {
      ctor = code;
      code = undefined;
    } else if (code !== undefined && typeof code !== "string") {
      throw argTypeError("code", "of type string", code);
    }
    if (typeof warning === "string") {
      const w = new Error(warning);
      w.name = String(type || "Warning");
      if (code !== undefined) w.code = code;
      if (detail !== undefined) w.detail = detail;
      Error.captureStackTrace(w, ctor || process.emitWarning);
      warning = w;
    } else if (!(warning instanceof Error)) {
      throw argTypeError("warning", "of type string or an instance of Error", warning);
    }
    if (warning.name === "DeprecationWarning") {
      if (process.noDeprecation) return;
      if (process.throwDeprecation) throw warning;
    }
    process.nextTick(() => process.emit("warning", warning));
  };
  // Node prints warnings from a default `warning` listener (a program's own listeners come
  // in addition to it): "(node:PID) [CODE] Name: message", with mrt's name.
  process.on("warning", function onWarning(warning) {
    if (warning?.name === "DeprecationWarning" && process.noDeprecation) return;
    let msg = `(mrt:${process.pid}) `;
    if (warning?.code) msg += `[${warning.code}] `;
    msg += process.traceWarnings || (warning?.name === "DeprecationWarning" && process.traceDeprecation)
      ? String(warning.stack) : `${warning?.name}: ${warning?.message}`;
    if (typeof warning?.detail === "string") msg += `\n${warning.detail}`;
    ops.print(2, msg + "\n");
  });

  // ---------------------------------------------------------------- uncaught errors

  // Node: an `uncaughtException` listener takes an uncaught error (the program goes on); an
  // unhandled rejection goes to `unhandledRejection` listeners, else (Node's default
  // --unhandled-rejections=throw) to `uncaughtException` ones with origin
  // 'unhandledRejection'. Done as listeners on globalThis's cancelable events, present only
  // while process has such listeners.
  let errorListening = false;
  function onError(event) {
    if (process.listenerCount("uncaughtException") === 0) return;
    event.preventDefault();
    process.emit("uncaughtException", event.error, "uncaughtException");
  }
  function onRejection(event) {
    if (process.listenerCount("unhandledRejection") > 0) {
      event.preventDefault();
      process.emit("unhandledRejection", event.reason, event.promise);
    } else if (process.listenerCount("uncaughtException") > 0) {
      event.preventDefault();
      process.emit("uncaughtException", event.reason, "unhandledRejection");
    }
  }
  // The CommonJS main's own throw (mrt_run_commonjs_main, node.c): Node gives it to `uncaughtException`
  // listeners too, and the program goes on; false when there is none.
  P.nodeMainThrew = function nodeMainThrew(error) {
    if (process.listenerCount("uncaughtException") === 0) return false;
    process.emit("uncaughtException", error, "uncaughtException");
    return true;
  };
  function onHandled(event) {
    process.emit("rejectionHandled", event.promise);
  }
  function syncErrorListeners() {
    const want = process.listenerCount("uncaughtException") > 0 ||
      process.listenerCount("unhandledRejection") > 0 ||
      process.listenerCount("rejectionHandled") > 0;
    if (want === errorListening) return;
    errorListening = want;
    const method = want ? "addEventListener" : "removeEventListener";
    const fn = P.events()[method];
    fn.call(globalThis, "error", onError);
    fn.call(globalThis, "unhandledrejection", onRejection);
    fn.call(globalThis, "rejectionhandled", onHandled);
  }
  // Each way of adding or removing a listener looks again afterwards.
  const watched = new Set(["uncaughtException", "unhandledRejection", "rejectionHandled"]);
  for (const method of ["on", "addListener", "prependListener", "once", "prependOnceListener",
    "off", "removeListener", "removeAllListeners"]) {
    const base = EventEmitter.prototype[method];
    Object.defineProperty(process, method, {
      value: {
        [method](type) {
          const r = Reflect.apply(base, this, arguments);
          if (this === process) {
            if (type === undefined || watched.has(type)) syncErrorListeners();
            if (type === undefined) for (const sig of watchedSignals.keys()) syncSignal(sig);
            else if (typeof type === "string" && type.startsWith("SIG")) syncSignal(type);
          }
          return r;
        },
      }[method],
      writable: true, enumerable: false, configurable: true,
    });
  }
  // Signals: a signal with listeners is watched (nothing kept alive); when it comes, its
  // listeners run as a macrotask with the signal's name. Errors they throw are uncaught errors.
  const watchedSignals = new Map(); // name -> number
  let signalHookSet = false;
  function onSignal(signo) {
    for (const [name, n] of watchedSignals) {
      if (n !== signo) continue;
      try {
        process.emit(name, name, signo);
      } catch (e) {
        queueMicrotask(() => { throw e; });
      }
    }
  }
  function syncSignal(name) {
    const signo = P.nodeRequire("os").constants.signals[name];
    if (signo === undefined) return;
    const want = process.listenerCount(name) > 0;
    if (want === watchedSignals.has(name)) return;
    if (!signalHookSet) {
      nops.setSignalHook(onSignal);
      signalHookSet = true;
    }
    if (want) {
      nops.watchSignal(signo, true);
      watchedSignals.set(name, signo);
    } else {
      watchedSignals.delete(name);
      // SIGIOT and SIGABRT, SIGPOLL and SIGIO share a number.
      if (![...watchedSignals.values()].includes(signo)) nops.watchSignal(signo, false);
    }
  }

  process.setUncaughtExceptionCaptureCallback = function (fn) {
    if (fn === null) {
      if (process._captureCallback) process.off("uncaughtException", process._captureCallback);
      process._captureCallback = undefined;
      return;
    }
    if (typeof fn !== "function") throw argTypeError("fn", "of type function or null", fn);
    process._captureCallback = (e) => fn(e);
    process.on("uncaughtException", process._captureCallback);
  };
  process.hasUncaughtExceptionCaptureCallback = () => process._captureCallback !== undefined;

  // ---------------------------------------------------------------- stdio

  // Writes go through the console's output (stdout buffered and flushed as console.log's is),
  // so process.stdout.write and console.log keep program order.
  function makeWriteStream(fd) {
    const stream = new EventEmitter();
    stream.fd = fd;
    if (ops.isatty(fd)) stream.isTTY = true; // else undefined, as in Node
    stream.writable = true;
    stream._isStdio = true;
    if (stream.isTTY) {
      // A tty.WriteStream, as in Node (getColorDepth, hasColors, cursorTo, ...), whose
      // size is the terminal's when asked (it changes when the window does).
      Object.setPrototypeOf(stream, P.nodeRequire("tty").WriteStream.prototype);
      const size = () => nops.ttySize(fd)?.split(" ").map(Number) ?? [80, 24];
      Object.defineProperty(stream, "columns", { get: () => size()[0], enumerable: true, configurable: true });
      Object.defineProperty(stream, "rows", { get: () => size()[1], enumerable: true, configurable: true });
    }
    stream.write = function write(chunk, encoding, cb) {
      if (typeof encoding === "function") {
        cb = encoding;
        encoding = undefined;
      }
      if (typeof chunk === "string") {
        ops.print(fd, chunk);
      } else if (ArrayBuffer.isView(chunk)) {
        nops.writeBytes(fd, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      } else {
        const err = argTypeError("chunk", "of type string or an instance of Buffer or Uint8Array", chunk);
        throw err;
      }
      if (typeof cb === "function") process.nextTick(cb, null);
      return true;
    };
    stream.end = function end(chunk, encoding, cb) {
      if (typeof chunk === "function") {
        cb = chunk;
        chunk = undefined;
      }
      if (chunk !== undefined && chunk !== null) stream.write(chunk, encoding);
      if (typeof cb === "function") process.nextTick(cb);
      return stream;
    };
    stream.cork = stream.uncork = () => {};
    stream.setDefaultEncoding = () => stream;
    stream.writableLength = 0;
    stream.writableHighWaterMark = 16384;
    stream.writableNeedDrain = false;
    stream.writableEnded = false;
    stream.destroyed = false;
    stream.destroy = () => stream;
    return stream;
  }
  let stdout, stderr, stdin;
  Object.defineProperty(process, "stdout", {
    get: () => (stdout ??= makeWriteStream(1)), enumerable: true, configurable: true,
  });
  Object.defineProperty(process, "stderr", {
    get: () => (stderr ??= makeWriteStream(2)), enumerable: true, configurable: true,
  });
  // stdin: descriptor 0's facts only; reading it is not implemented.
  Object.defineProperty(process, "stdin", {
    get() {
      if (stdin === undefined) {
        stdin = new EventEmitter();
        stdin.fd = 0;
        if (ops.isatty(0)) stdin.isTTY = true;
        stdin.readable = true;
        stdin.setRawMode = () => stdin;
        stdin.setEncoding = () => stdin;
        stdin.pause = stdin.resume = stdin.unref = stdin.ref = () => stdin;
      }
      return stdin;
    },
    enumerable: true,
    configurable: true,
  });

  return process;
});
