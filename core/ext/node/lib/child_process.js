// node:child_process. The synchronous forms (spawnSync, execSync, execFileSync: what CLI
// packages use, e.g. execSync("git rev-parse HEAD")) run the program to its end on a private
// libuv loop (nops.spawnSync, core/ext/node/child_process.c), with Node's results and errors.
// The asynchronous forms (spawn, exec, execFile, fork) are not implemented: they throw
// ERR_NOT_IMPLEMENTED, so a package that only spawns in some paths (commander's git-style
// subcommands) still loads.
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
    throw codeError(Error, "ERR_NOT_IMPLEMENTED", `child_process.${name} is not implemented in mrt (only the synchronous forms are)`);
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
    for (const id of ["uid", "gid"]) { // Node's validation wording
      const v = opts[id];
      if (v !== undefined && v !== null && !(Number.isInteger(v) && v >= -2147483648 && v <= 2147483647)) {
        throw typeError(`options.${id}`, "int32", v);
      }
    }
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

  const EventEmitter = P.nodeRequire("events");
  function ChildProcess() {
    EventEmitter.call(this);
    throw codeError(Error, "ERR_NOT_IMPLEMENTED", "child_process.ChildProcess is not implemented in mrt (only the synchronous forms are)");
  }
  Object.setPrototypeOf(ChildProcess.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(ChildProcess, EventEmitter);

  return {
    _forkChild: notImplemented("_forkChild"),
    ChildProcess,
    exec: notImplemented("exec"),
    execFile: notImplemented("execFile"),
    execFileSync,
    execSync,
    fork: notImplemented("fork"),
    spawn: notImplemented("spawn"),
    spawnSync,
  };
});
