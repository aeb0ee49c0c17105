// node:fs: the sync calls (internal/fs_common.js), their callback forms, `promises`
// (node:fs/promises), constants, Stats, Dirent, Dir; ReadStream/WriteStream
// (internal/fs_streams.js over node:stream, loaded at their first use). Whole-file reads and
// writes go to mrt's worker pool (core/ext/fs/fs.c); the other callback calls run their
// syscall at once and call back from the check phase (setImmediate), as cheap as the pool
// trip for the metadata calls they are.
(function (P) {
  "use strict";
  const ops = P.ops;
  const C = P.loadBuiltin("core/ext/node/internal/fs_common.js");
  const { api, getCallback, getOptions, getPath, getFlags, getMode, checkEncoding, dataBytes,
    encodeResult, sysError } = C;

  // An argument error is thrown at the call, as Node's; an I/O error goes to the callback.
  // (ERR_FS_* are the file system's answers, as ERR_FS_EISDIR from rm: callback errors.)
  const isArgError = (e) => typeof e?.code === "string" && e.code.startsWith("ERR_") && !e.code.startsWith("ERR_FS_");

  // The callback form of sync function fn; spread: the result is an array of callback args.
  function callbackForm(fn, spread) {
    return function (...args) {
      const cb = getCallback(typeof args[args.length - 1] === "function" ? args.pop() : undefined);
      let result, err = null;
      try {
        result = fn(...args);
      } catch (e) {
        if (isArgError(e)) throw e;
        err = e;
      }
      setImmediate(() => (err ? cb(err) : spread ? cb(null, ...result) : cb(null, result)));
    };
  }

  const fs = {};
  for (const [name, fn] of Object.entries(api)) {
    fs[name] = fn;
    const base = name.slice(0, -4);
    if (base !== "exists") fs[base] = callbackForm(fn);
  }
  fs.realpath.native = callbackForm(api.realpathSync.native);
  fs.read = callbackForm((fd, buffer, ...rest) => {
    // fs.read(fd, cb) and fs.read(fd, {buffer, offset, length, position}, cb) too.
    if (buffer === undefined || (buffer !== null && typeof buffer === "object" && !ArrayBuffer.isView(buffer))) {
      const o = buffer ?? {};
      buffer = o.buffer ?? C.Buffer().alloc(16384);
      rest = [o.offset ?? 0, o.length ?? buffer.byteLength - (o.offset ?? 0), o.position ?? null];
    }
    const args = C.readArgs(fd, buffer, ...rest);
    return [C.fsops.nodeFsRead(...args), buffer];
  }, true);
  fs.write = callbackForm((fd, buffer, ...rest) => {
    const args = C.writeArgs(fd, buffer, ...rest);
    return [C.fsops.nodeFsWrite(...args), buffer];
  }, true);
  for (const name of ["read", "write"]) { // the ops above throw raw errors: Node's shape here
    const f = fs[name];
    fs[name] = function (...args) {
      const cb = args[args.length - 1];
      if (typeof cb === "function") args[args.length - 1] = (e, ...r) => cb(e && sysError(e), ...r);
      return f(...args);
    };
  }

  // Deprecated in Node, still used: the callback gets only a boolean.
  fs.exists = function exists(path, cb) {
    getCallback(cb);
    const r = api.existsSync(path);
    setImmediate(() => cb(r));
  };

  // ------------------------------------------------ whole files on the worker pool

  async function readFileAsync(path, options) {
    const o = getOptions(options, { encoding: null, flag: "r" });
    checkEncoding(o.encoding);
    if (C.isFd(path) || getFlags(o.flag, "r") !== C.constants().O_RDONLY) {
      return api.readFileSync(path, o);
    }
    const p = getPath(path);
    let bytes;
    try {
      bytes = await ops.fsReadFile(p);
    } catch (e) {
      throw C.readFileError(e);
    }
    return encodeResult(bytes, o.encoding);
  }

  async function writeFileAsync(path, data, options, dfltFlag = "w") {
    const o = getOptions(options, { encoding: "utf8", mode: 0o666, flag: dfltFlag });
    checkEncoding(o.encoding);
    if (C.isFd(path)) return api.writeFileSync(path, data, o);
    const p = getPath(path);
    const bytes = dataBytes(data, o.encoding);
    const flags = getFlags(o.flag, dfltFlag), mode = getMode(o.mode, 0o666);
    if ((flags & 3) === C.constants().O_RDONLY) return api.writeFileSync(p, bytes, o);
    try {
      await ops.fsWriteFile(p, bytes, flags & ~3, mode);
    } catch (e) {
      throw sysError(e);
    }
  }

  // Argument errors throw at the call; the rest reach the callback.
  function promiseCallback(start) {
    return function (...args) {
      const cb = getCallback(typeof args[args.length - 1] === "function" ? args.pop() : undefined);
      let promise;
      try {
        promise = start(...args);
      } catch (e) {
        if (isArgError(e)) throw e;
        promise = Promise.reject(e);
      }
      promise.then((r) => cb(null, r), (e) => cb(e));
    };
  }

  // Checks made before the async part, so that bad arguments throw synchronously.
  fs.readFile = promiseCallback((path, options) => {
    if (!C.isFd(path)) getPath(path);
    checkEncoding(getOptions(options, {}).encoding);
    return readFileAsync(path, options);
  });
  fs.writeFile = promiseCallback((path, data, options) => {
    if (!C.isFd(path)) getPath(path);
    dataBytes(data, getOptions(options, {}).encoding);
    return writeFileAsync(path, data, options);
  });
  fs.appendFile = promiseCallback((path, data, options) => {
    if (!C.isFd(path)) getPath(path);
    dataBytes(data, getOptions(options, {}).encoding);
    return writeFileAsync(path, data, getOptions(options, { flag: "a" }), "a");
  });

  // ------------------------------------------------ the rest

  function notSupported(name) {
    return function () {
      const e = new Error(`fs.${name} is not supported in mrt`);
      e.code = "ERR_METHOD_NOT_IMPLEMENTED";
      throw e;
    };
  }
  fs.watch = notSupported("watch");
  fs.watchFile = notSupported("watchFile");
  fs.unwatchFile = notSupported("unwatchFile");

  // Streams over fds (node:stream and the stream classes load at the first use).
  const streams = () => P.loadBuiltin("core/ext/node/internal/fs_streams.js")(fs);
  let S;
  fs.createReadStream = (path, options) => (S ??= streams()).createReadStream(path, options);
  fs.createWriteStream = (path, options) => (S ??= streams()).createWriteStream(path, options);
  Object.defineProperty(fs, "ReadStream", { enumerable: false, configurable: true, get: () => (S ??= streams()).ReadStream });
  Object.defineProperty(fs, "WriteStream", { enumerable: false, configurable: true, get: () => (S ??= streams()).WriteStream });

  fs.Dir = C.Dir;
  fs.Stats = C.Stats;
  fs.Dirent = C.Dirent;
  fs.constants = C.constants();
  for (const k of ["F_OK", "R_OK", "W_OK", "X_OK"]) fs[k] = fs.constants[k];

  // fs.promises === require("fs/promises"), built on first touch.
  let promises;
  Object.defineProperty(fs, "promises", {
    enumerable: true,
    configurable: true,
    get: () => (promises ??= P.nodeRequire("fs/promises")),
  });
  // For fs/promises: the pool-backed whole-file calls.
  Object.defineProperty(fs, P.nodeFsInternal ??= Symbol("mrt.fs.internal"), {
    value: { C, readFileAsync, writeFileAsync },
  });
  return fs;
});
