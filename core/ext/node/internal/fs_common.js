// fs_common.js: what node:fs and node:fs/promises share: argument checks with Node's errors,
// paths (string, Buffer/Uint8Array, file: URL), open flags, modes, Stats and Dirent, and the
// file-system calls in their synchronous form (one function per Node call, throwing Node's
// errors). node:fs makes the callback forms from them, fs/promises the promise forms.
// The ops: mrt's fs (core/ext/fs/fs.c: whole-file reads and writes, readdir, mkdir, rm -r,
// rename, copy, chmod, truncate, mkdtemp) and core/ext/node/fs_sync.c (fds and the rest).
(function (P) {
  "use strict";
  const ops = P.ops;
  // core/ext/node/fs_sync.c's calls, all through its one op nodeFs(call number, ...args), in
  // the order of its table: fsfsops.nodeFsOpen(...) is ops.nodeFs(0, ...).
  const FS_CALLS = ["Open", "Close", "Read", "Write", "Stat", "Fstat", "Unlink", "Rmdir", "Access", "Readlink", "Realpath", "Symlink", "Link", "Utimes", "Ftruncate", "Fsync", "Fchmod", "Chown", "Constants", "Errno"];
  const fsops = {};
  FS_CALLS.forEach((name, i) => {
    fsops[`nodeFs${name}`] = (a, b, c, d, e) => ops.nodeFs(i, a, b, c, d, e);
  });
  let BufferClass;
  const Buffer = () => (BufferClass ??= P.nodeRequire("buffer").Buffer);
  const asBuffer = (u8) => Buffer().from(u8.buffer, u8.byteOffset, u8.byteLength);

  // ---------------------------------------------------------------- errors

  // Node's description of a received value ("Received type number (1)").
  function received(v) {
    if (v === null || v === undefined) return ` Received ${v}`;
    if (typeof v === "function") return ` Received function ${v.name || "<anonymous>"}`;
    if (typeof v === "object") {
      const name = v.constructor?.name;
      return name ? ` Received an instance of ${name}` : ` Received ${String(v)}`;
    }
    let shown = typeof v === "string" ? `'${v.length > 25 ? v.slice(0, 25) + "..." : v}'` :
      typeof v === "bigint" ? `${v}n` : String(v);
    return ` Received type ${typeof v} (${shown})`;
  }

  function codeError(Cls, code, msg) {
    const e = new Cls(msg);
    e.code = code;
    return e;
  }

  const invalidArgType = (name, expected, v) =>
    codeError(TypeError, "ERR_INVALID_ARG_TYPE",
      `The "${name}" argument must be ${expected}.${received(v)}`);
  const invalidArgValue = (name, v, reason = "is invalid") =>
    codeError(TypeError, "ERR_INVALID_ARG_VALUE",
      `The argument '${name}' ${reason}. Received ${typeof v === "string" ? `'${v}'` : String(v)}`);
  const outOfRange = (name, range, v) =>
    codeError(RangeError, "ERR_OUT_OF_RANGE",
      `The value of "${name}" is out of range. It must be ${range}. Received ${
        Number.isInteger(v) && Math.abs(v) > 2 ** 32 ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, "_") : String(v)}`);

  // An error from an op in Node's shape: errno, code, syscall, path, dest in that order.
  function sysError(e, dest) {
    if (!e || typeof e.code !== "string" || e.syscall === undefined || e.code.startsWith("ERR_")) return e;
    const n = new Error(e.message);
    n.errno = fsops.nodeFsErrno(e.code);
    n.code = e.code;
    n.syscall = e.syscall;
    if (e.path !== undefined) n.path = e.path;
    if (dest !== undefined) n.dest = dest;
    return n;
  }

  // Runs op(...args), throwing its error in Node's shape.
  function sys(op, ...args) {
    try {
      return op(...args);
    } catch (e) {
      throw sysError(e);
    }
  }
  function sys2(op, a, b, ...rest) {
    try {
      return op(a, b, ...rest);
    } catch (e) {
      throw sysError(e, b);
    }
  }

  // ---------------------------------------------------------------- arguments

  const decoder = new TextDecoder();

  function fileURLPath(url) {
    if (url.protocol !== "file:") throw codeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
    if (url.hostname !== "" && url.hostname !== "localhost") {
      throw codeError(TypeError, "ERR_INVALID_FILE_URL_HOST",
        `File URL host must be "localhost" or empty on linux`);
    }
    const p = url.pathname;
    if (/%2f/i.test(p)) {
      throw codeError(TypeError, "ERR_INVALID_FILE_URL_PATH",
        "File URL path must not include encoded / characters");
    }
    return decodeURIComponent(p);
  }

  // A path argument as a string: a string, a Buffer/Uint8Array (UTF-8) or a file: URL.
  function getPath(p, name = "path") {
    const given = p;
    if (typeof p !== "string") {
      if (p instanceof Uint8Array) p = decoder.decode(p);
      else if (p !== null && typeof p === "object" && typeof p.href === "string" && typeof p.protocol === "string") p = fileURLPath(p);
      else throw invalidArgType(name, "of type string or an instance of Buffer or URL", p);
    }
    if (p.includes("\0")) {
      throw codeError(TypeError, "ERR_INVALID_ARG_VALUE",
        `The argument '${name}' must be a string, Uint8Array, or URL without null bytes. Received ${
          P.inspect(given)}`);
    }
    return p;
  }

  function getFd(fd) {
    if (typeof fd !== "number") throw invalidArgType("fd", "of type number", fd);
    if (!Number.isInteger(fd)) throw outOfRange("fd", "an integer", fd);
    if (fd < 0 || fd > 2147483647) throw outOfRange("fd", ">= 0 && <= 2147483647", fd);
    return fd;
  }

  // Whole-file calls take an fd where the path goes: a uint32 number.
  const isFd = (v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 2147483647;

  function getCallback(cb) {
    if (typeof cb !== "function") throw invalidArgType("cb", "of type function", cb);
    return cb;
  }

  function getInt(name, v, min, max) {
    if (typeof v !== "number") throw invalidArgType(name, "of type number", v);
    if (!Number.isInteger(v)) throw outOfRange(name, "an integer", v);
    if (v < min || v > max) throw outOfRange(name, `>= ${min} && <= ${max}`, v);
    return v;
  }

  // An offset or length within a buffer: Node names only the bound that was crossed.
  function getBound(name, v, max) {
    if (typeof v !== "number") throw invalidArgType(name, "of type number", v);
    if (!Number.isInteger(v)) throw outOfRange(name, "an integer", v);
    if (v < 0) throw outOfRange(name, ">= 0", v);
    if (v > max) throw outOfRange(name, `<= ${max}`, v);
    return v;
  }

  // A mode: a number or an octal string ("755").
  function getMode(mode, dflt) {
    if (mode === undefined || mode === null) return dflt;
    if (typeof mode === "string") {
      if (!/^[0-7]+$/.test(mode)) {
        throw invalidArgValue("mode", mode, "must be a 32-bit unsigned integer or an octal string");
      }
      mode = parseInt(mode, 8);
    }
    if (typeof mode !== "number") throw invalidArgType("mode", "of type number", mode);
    return getInt("mode", mode, 0, 4294967295) & 0o7777;
  }

  let C;
  // fs.constants: the platform's O_*/S_* (from C) and Node's own.
  function constants() {
    if (C) return C;
    C = { UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2 };
    for (const kv of fsops.nodeFsConstants().split(" ")) {
      const [k, v] = kv.split("=");
      C[k] = Number(v);
    }
    Object.assign(C, {
      UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3,
      UV_DIRENT_FIFO: 4, UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7,
      F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1,
      UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2, UV_FS_COPYFILE_FICLONE_FORCE: 4,
      COPYFILE_FICLONE_FORCE: 4,
    });
    return C;
  }

  // Node's flag strings ('r', 'w+', 'ax', ...) as open(2) flags; numbers pass.
  function getFlags(flags, dflt) {
    if (flags === undefined || flags === null) flags = dflt;
    if (typeof flags === "number") return flags;
    const c = constants();
    const { O_RDONLY: R, O_WRONLY: W, O_RDWR: RW, O_CREAT, O_TRUNC, O_APPEND, O_EXCL, O_SYNC } = c;
    switch (flags) {
      case "r": return R;
      case "rs": case "sr": return R | O_SYNC;
      case "r+": return RW;
      case "rs+": case "sr+": return RW | O_SYNC;
      case "w": return O_TRUNC | O_CREAT | W;
      case "wx": case "xw": return O_TRUNC | O_CREAT | W | O_EXCL;
      case "w+": return O_TRUNC | O_CREAT | RW;
      case "wx+": case "xw+": return O_TRUNC | O_CREAT | RW | O_EXCL;
      case "a": return O_APPEND | O_CREAT | W;
      case "ax": case "xa": return O_APPEND | O_CREAT | W | O_EXCL;
      case "as": case "sa": return O_APPEND | O_CREAT | W | O_SYNC;
      case "a+": return O_APPEND | O_CREAT | RW;
      case "ax+": case "xa+": return O_APPEND | O_CREAT | RW | O_EXCL;
      case "as+": case "sa+": return O_APPEND | O_CREAT | RW | O_SYNC;
    }
    throw invalidArgValue("flags", flags, "is invalid");
  }

  // options as a string is the encoding; an object is itself; else defaults.
  function getOptions(options, dflt) {
    if (options === undefined || options === null || typeof options === "function") return dflt;
    if (typeof options === "string") return { ...dflt, encoding: options };
    if (typeof options !== "object") throw invalidArgType("options", "one of type string or object", options);
    return { ...dflt, ...options };
  }

  function checkEncoding(enc) {
    if (enc === undefined || enc === null || enc === "buffer") return enc;
    if (!Buffer().isEncoding(enc)) {
      throw codeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'encoding' is invalid encoding. Received '${enc}'`);
    }
    return enc;
  }

  // Bytes from a Buffer, TypedArray or DataView.
  function viewBytes(v) {
    return v instanceof Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }

  // writeFile's data: string (in encoding) or any ArrayBufferView.
  function dataBytes(data, encoding) {
    if (typeof data === "string") {
      return !encoding || encoding === "utf8" || encoding === "utf-8" ? data : viewBytes(Buffer().from(data, encoding));
    }
    if (ArrayBuffer.isView(data)) return viewBytes(data);
    throw invalidArgType("data", "of type string or an instance of Buffer, TypedArray, or DataView", data);
  }

  const encodeResult = (u8, encoding) =>
    encoding && encoding !== "buffer" ? asBuffer(u8).toString(encoding) : asBuffer(u8);

  // ---------------------------------------------------------------- Stats, Dirent

  const kNs = Symbol("ns");
  const S = () => constants();
  class StatsBase {
    isFile() { return (Number(this.mode) & S().S_IFMT) === S().S_IFREG; }
    isDirectory() { return (Number(this.mode) & S().S_IFMT) === S().S_IFDIR; }
    isSymbolicLink() { return (Number(this.mode) & S().S_IFMT) === S().S_IFLNK; }
    isBlockDevice() { return (Number(this.mode) & S().S_IFMT) === S().S_IFBLK; }
    isCharacterDevice() { return (Number(this.mode) & S().S_IFMT) === S().S_IFCHR; }
    isFIFO() { return (Number(this.mode) & S().S_IFMT) === S().S_IFIFO; }
    isSocket() { return (Number(this.mode) & S().S_IFMT) === S().S_IFSOCK; }
  }
  class Stats extends StatsBase {}
  class BigIntStats extends StatsBase {}
  const FIELDS = ["dev", "mode", "nlink", "uid", "gid", "rdev", "blksize", "ino", "size", "blocks"];
  const TIMES = ["atime", "mtime", "ctime", "birthtime"];

  function makeStats(f, bigint) {
    const s = bigint ? new BigIntStats() : new Stats();
    for (let i = 0; i < 10; i++) s[FIELDS[i]] = bigint ? BigInt(f[i]) : f[i];
    for (let t = 0; t < 4; t++) {
      const sec = f[10 + 2 * t], nsec = f[11 + 2 * t];
      if (bigint) s[TIMES[t] + "Ms"] = BigInt(sec) * 1000n + BigInt(Math.floor(nsec / 1e6));
      else s[TIMES[t] + "Ms"] = sec * 1e3 + nsec / 1e6;
    }
    if (bigint) {
      for (let t = 0; t < 4; t++) {
        s[TIMES[t] + "Ns"] = BigInt(f[10 + 2 * t]) * 1000000000n + BigInt(f[11 + 2 * t]);
      }
    }
    for (let t = 0; t < 4; t++) s[TIMES[t]] = new Date(Number(s[TIMES[t] + "Ms"]));
    return s;
  }

  function statSync(path, options, lstat) {
    const p = getPath(path);
    const o = getOptions(options, { bigint: false, throwIfNoEntry: true });
    const f = new Float64Array(18);
    const found = sys(fsops.nodeFsStat, p, !!lstat, f, o.throwIfNoEntry === false);
    return found ? makeStats(f, !!o.bigint) : undefined;
  }

  function fstatSync(fd, options) {
    const o = getOptions(options, { bigint: false });
    const f = new Float64Array(18);
    sys(fsops.nodeFsFstat, getFd(fd), f);
    return makeStats(f, !!o.bigint);
  }

  const kType = Symbol("type");
  class Dirent {
    constructor(name, type, path) {
      this.name = name;
      this.parentPath = path;
      this.path = path;
      this[kType] = type;
    }
    isFile() { return this[kType] === 1; }
    isDirectory() { return this[kType] === 2; }
    isSymbolicLink() { return this[kType] === 3; }
    isFIFO() { return this[kType] === 4; }
    isSocket() { return this[kType] === 5; }
    isCharacterDevice() { return this[kType] === 6; }
    isBlockDevice() { return this[kType] === 7; }
  }

  const LETTER_TYPE = { f: 1, d: 2, l: 3 };
  // The type of an entry fs.c calls "other": from lstat.
  function otherType(full) {
    const s = statSync(full, { throwIfNoEntry: false }, true);
    if (!s) return 0;
    return s.isFIFO() ? 4 : s.isSocket() ? 5 : s.isCharacterDevice() ? 6 : s.isBlockDevice() ? 7 : 0;
  }

  // [name, type] pairs of one directory, sorted by name (libuv's scandir order, as Node's).
  function listDir(p) {
    const packed = sys(ops.fsReadDirSync, p);
    const out = [];
    if (packed === "") return out;
    for (const part of packed.split("\0")) {
      if (part === "") continue;
      const name = part.slice(1);
      out.push([name, LETTER_TYPE[part[0]] ?? otherType(`${p}/${name}`)]);
    }
    return out;
  }

  function readdirSync(path, options) {
    const p = getPath(path);
    const o = getOptions(options, { encoding: "utf8", withFileTypes: false, recursive: false });
    checkEncoding(o.encoding);
    const names = (rel, name) => (rel === "" ? name : `${rel}/${name}`);
    const result = [];
    // Breadth-first, as Node's recursive readdir.
    const queue = [""];
    while (queue.length) {
      const rel = queue.shift();
      const dir = rel === "" ? p : `${p}/${rel}`;
      for (const [name, type] of listDir(dir)) {
        if (o.withFileTypes) result.push(new Dirent(name, type, dir));
        else result.push(names(rel, name));
        if (o.recursive && type === 2) queue.push(names(rel, name));
      }
    }
    if (!o.withFileTypes && o.encoding === "buffer") return result.map((n) => Buffer().from(n));
    return result;
  }

  // An open directory (opendir): its entries are listed when it is opened.
  const kEntries = Symbol("entries");
  class Dir {
    constructor(path, entries) {
      this.path = path;
      this[kEntries] = entries;
      this[kDone] = false;
    }
    #check() {
      if (this[kDone]) throw codeError(Error, "ERR_DIR_CLOSED", "Directory handle was closed");
    }
    readSync() {
      this.#check();
      return this[kEntries].shift() ?? null;
    }
    read(cb) {
      if (cb === undefined) return new Promise((resolve) => resolve(this.readSync()));
      getCallback(cb);
      let r, err = null;
      try {
        r = this.readSync();
      } catch (e) {
        err = e;
      }
      setImmediate(() => cb(err, r));
    }
    closeSync() {
      this.#check();
      this[kDone] = true;
    }
    close(cb) {
      if (cb === undefined) return new Promise((resolve) => resolve(this.closeSync()));
      getCallback(cb);
      let err = null;
      try {
        this.closeSync();
      } catch (e) {
        err = e;
      }
      setImmediate(() => cb(err));
    }
    async *[Symbol.asyncIterator]() {
      try {
        for (let d; (d = this.readSync()) !== null;) yield d;
      } finally {
        if (!this[kDone]) this.closeSync();
      }
    }
  }
  const kDone = Symbol("closed");

  function opendirSync(path, options) {
    const p = getPath(path);
    getOptions(options, {});
    return new Dir(p, listDir(p).map(([name, type]) => new Dirent(name, type, p)));
  }

  // cp/cpSync: files, directories (recursive) and symlinks (copied as links).
  function cpSync(src, dest, options) {
    const a = getPath(src, "src"), b = getPath(dest, "dest");
    const o = getOptions(options, { recursive: false, force: true, errorOnExist: false, filter: undefined });
    if (o.filter !== undefined && typeof o.filter !== "function") throw invalidArgType("options.filter", "of type function", o.filter);
    const f = new Float64Array(18);
    const S_IFMT = constants().S_IFMT;
    const copy = (from, to) => {
      if (o.filter && !o.filter(from, to)) return;
      sys(fsops.nodeFsStat, from, true, f, false);
      const fmt = f[1] & S_IFMT;
      if (fmt === constants().S_IFDIR) {
        if (!o.recursive) {
          const e = new Error(`Path is a directory: cp returned EISDIR (${from} is a directory (not copied)) ${from}`);
          Object.defineProperty(e, "name", { value: "SystemError", writable: true, configurable: true });
          Object.assign(e, { code: "ERR_FS_EISDIR", errno: 21, syscall: "cp", path: from });
          throw e;
        }
        sys(ops.fsMkdirSync, to, true, 0o777);
        for (const [name] of listDir(from)) copy(`${from}/${name}`, `${to}/${name}`);
        return;
      }
      const exists = fsops.nodeFsStat(to, true, new Float64Array(18), true);
      if (exists && !o.force) {
        if (o.errorOnExist) {
          throw codeError(Error, "ERR_FS_CP_EEXIST", `Target already exists: cp returned EEXIST (${to} already exists)`);
        }
        return;
      }
      if (fmt === constants().S_IFLNK) {
        if (exists) fsops.nodeFsUnlink(to);
        // Node makes a relative target absolute (no verbatimSymlinks option here).
        const target = fsops.nodeFsReadlink(from);
        sys2(fsops.nodeFsSymlink, target.startsWith("/") ? target : absolute(`${from}/../${target}`), to);
      } else {
        copyFileSync(from, to);
      }
    };
    copy(a, b);
  }

  // path.resolve(p) without node:path: against the working directory (getcwd(3) is
  // realpath(".")), "." and ".." folded.
  function absolute(p) {
    const parts = [];
    for (const s of (p.startsWith("/") ? p : `${fsops.nodeFsRealpath(".")}/${p}`).split("/")) {
      if (s === "..") parts.pop();
      else if (s !== "" && s !== ".") parts.push(s);
    }
    return "/" + parts.join("/");
  }

  // ---------------------------------------------------------------- whole files

  // Reads the rest of fd (a file's size first, growing for pipes and /proc).
  function readAllFd(fd) {
    const f = new Float64Array(18);
    sys(fsops.nodeFsFstat, fd, f);
    let size = f[8] > 0 ? f[8] : 8192;
    let buf = new Uint8Array(size), n = 0;
    for (;;) {
      if (n === buf.length) {
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      const r = sys(fsops.nodeFsRead, fd, buf, n, buf.length - n, -1);
      if (r === 0) break;
      n += r;
    }
    return buf.subarray(0, n);
  }

  // A failed read (not open) of a whole file names no path in Node ("EISDIR: ..., read").
  function readFileError(e) {
    const n = sysError(e);
    if (n !== e && n.syscall === "read" && n.path !== undefined) {
      n.message = n.message.slice(0, n.message.lastIndexOf(" '"));
      delete n.path;
    }
    return n;
  }

  function readFileSync(path, options) {
    const o = getOptions(options, { encoding: null, flag: "r" });
    checkEncoding(o.encoding);
    let bytes;
    if (isFd(path)) {
      bytes = readAllFd(path);
    } else {
      const p = getPath(path);
      const flags = getFlags(o.flag, "r");
      if (flags === constants().O_RDONLY) {
        try {
          bytes = ops.fsReadFileSync(p);
        } catch (e) {
          throw readFileError(e);
        }
      } else {
        const fd = sys(fsops.nodeFsOpen, p, flags, 0o666);
        try {
          bytes = readAllFd(fd);
        } finally {
          fsops.nodeFsClose(fd);
        }
      }
    }
    return encodeResult(bytes, o.encoding);
  }

  function writeAllFd(fd, bytes) {
    if (typeof bytes === "string") bytes = new TextEncoder().encode(bytes);
    let off = 0;
    while (off < bytes.length) off += sys(fsops.nodeFsWrite, fd, bytes, off, bytes.length - off, -1);
  }

  // Whole-file write: fs.c's op where it can (path, no exotic flag), else open + write.
  function writeFileSync(path, data, options, dfltFlag = "w") {
    const o = getOptions(options, { encoding: "utf8", mode: 0o666, flag: dfltFlag });
    checkEncoding(o.encoding);
    const bytes = dataBytes(data, o.encoding);
    if (isFd(path)) return writeAllFd(path, bytes);
    const p = getPath(path);
    const flags = getFlags(o.flag, dfltFlag);
    const mode = getMode(o.mode, 0o666);
    const c = constants();
    if ((flags & 3) !== c.O_RDONLY) {
      sys(ops.fsWriteFileSync, p, bytes, flags & ~3, mode);
      return;
    }
    const fd = sys(fsops.nodeFsOpen, p, flags, mode);
    try {
      writeAllFd(fd, bytes);
    } finally {
      fsops.nodeFsClose(fd);
    }
  }

  const appendFileSync = (path, data, options) =>
    writeFileSync(path, data, getOptions(options, { flag: "a" }), "a");

  // ---------------------------------------------------------------- directories, links

  function mkdirSync(path, options) {
    const p = getPath(path);
    const o = typeof options === "number" || typeof options === "string" ? { mode: options } :
      getOptions(options, { recursive: false, mode: 0o777 });
    const mode = getMode(o.mode, 0o777);
    if (typeof o.recursive !== "boolean") throw invalidArgType("options.recursive", "of type boolean", o.recursive);
    if (!o.recursive) return void sys(ops.fsMkdirSync, p, false, mode);
    // Node returns the first directory made (undefined when all were there).
    let first, cur = p.replace(/\/+$/, "") || "/";
    const probe = new Float64Array(18);
    while (cur !== "" && cur !== "/" && cur !== "." && !fsops.nodeFsStat(cur, false, probe, true)) {
      first = cur;
      const i = cur.lastIndexOf("/");
      cur = i <= 0 ? (i === 0 ? "/" : "") : cur.slice(0, i);
    }
    sys(ops.fsMkdirSync, p, true, mode);
    return first === undefined ? first : absolute(first); // Node's is absolute (path.resolve)
  }

  function rmSync(path, options) {
    const p = getPath(path);
    const o = getOptions(options, { recursive: false, force: false });
    const f = new Float64Array(18);
    if (!sys(fsops.nodeFsStat, p, true, f, !!o.force)) return; // missing, with force
    const isDir = (f[1] & constants().S_IFMT) === constants().S_IFDIR;
    if (isDir && !o.recursive) {
      const e = new Error(`Path is a directory: rm returned EISDIR (is a directory) ${p}`);
      Object.defineProperty(e, "name", { value: "SystemError", writable: true, configurable: true });
      e.code = "ERR_FS_EISDIR";
      e.info = { code: "EISDIR", message: "is a directory", path: p, syscall: "rm", errno: 21 };
      e.errno = 21;
      e.syscall = "rm";
      e.path = p;
      throw e;
    }
    if (isDir) sys(ops.fsRemoveSync, p, true);
    else sys(fsops.nodeFsUnlink, p);
  }

  function rmdirSync(path, options) {
    const p = getPath(path);
    if (options?.recursive) return rmSync(p, { recursive: true });
    sys(fsops.nodeFsRmdir, p);
  }

  function copyFileSync(src, dest, mode = 0) {
    const a = getPath(src, "src"), b = getPath(dest, "dest");
    mode = getInt("mode", mode, 0, 7);
    if (mode & 1 && fsops.nodeFsStat(b, true, new Float64Array(18), true)) {
      const e = new Error(`EEXIST: file already exists, copyfile '${a}' -> '${b}'`);
      Object.assign(e, { errno: fsops.nodeFsErrno("EEXIST"), code: "EEXIST", syscall: "copyfile", path: a, dest: b });
      throw e;
    }
    try {
      ops.fsCopyFileSync(a, b);
    } catch (e) {
      const n = sysError(e, b);
      if (n !== e) {
        n.syscall = "copyfile";
        n.message = `${n.code}: ${n.message.slice(n.code.length + 2).replace(/, [a-z]+ '.*$/, "")}, copyfile '${a}' -> '${b}'`;
      }
      throw n;
    }
  }

  function mkdtempSync(prefix, options) {
    const o = getOptions(options, { encoding: "utf8" });
    if (typeof prefix !== "string" && !(prefix instanceof Uint8Array)) {
      throw invalidArgType("prefix", "of type string or an instance of Buffer or URL", prefix);
    }
    const r = sys(ops.fsMakeTempDirSync, getPath(prefix, "prefix") + "XXXXXX");
    return o.encoding === "buffer" ? Buffer().from(r) : r;
  }

  // Times as seconds: numbers, numeric strings or Dates.
  function toSeconds(name, t) {
    if (typeof t === "number" && Number.isFinite(t)) return t;
    if (typeof t === "bigint") return Number(t);
    if (typeof t === "string" && t.trim() !== "" && Number.isFinite(+t)) return +t;
    if (t instanceof Date) return t.getTime() / 1000;
    if (typeof t === "number") return Date.now() / 1000;
    throw invalidArgType(name, "of type number or an instance of Date", t);
  }

  function realpathSync(path, options) {
    const o = getOptions(options, { encoding: "utf8" });
    const p = getPath(path);
    let r;
    try {
      r = fsops.nodeFsRealpath(p);
    } catch (e) {
      const n = sysError(e);
      if (n.code === "ENOENT") { // Node's JS realpath walks with lstat and names that call
        n.syscall = "lstat";
        n.message = n.message.replace(", realpath '", ", lstat '");
      }
      throw n;
    }
    return o.encoding === "buffer" ? Buffer().from(r) : r;
  }
  realpathSync.native = function realpathNative(path, options) {
    const o = getOptions(options, { encoding: "utf8" });
    const r = sys(fsops.nodeFsRealpath, getPath(path));
    return o.encoding === "buffer" ? Buffer().from(r) : r;
  };

  function readlinkSync(path, options) {
    const o = getOptions(options, { encoding: "utf8" });
    const r = sys(fsops.nodeFsReadlink, getPath(path));
    return o.encoding === "buffer" ? Buffer().from(r) : r;
  }

  function existsSync(path) {
    try {
      return fsops.nodeFsStat(getPath(path), false, new Float64Array(18), true);
    } catch {
      return false;
    }
  }

  // ---------------------------------------------------------------- fds

  function openSync(path, flags, mode) {
    return sys(fsops.nodeFsOpen, getPath(path), getFlags(flags, "r"), getMode(mode, 0o666));
  }

  function getPosition(pos) {
    if (pos === undefined || pos === null) return -1;
    if (typeof pos === "bigint") pos = Number(pos);
    if (typeof pos !== "number") throw invalidArgType("position", "of type number or bigint", pos);
    if (!Number.isInteger(pos) || pos < -1) throw outOfRange("position", ">= -1 && <= 9007199254740991", pos);
    return pos;
  }

  // read(fd, buffer, offset, length, position) or read(fd, buffer, {offset, length, position}).
  function readArgs(fd, buffer, offset, length, position) {
    getFd(fd);
    if (!ArrayBuffer.isView(buffer)) {
      throw invalidArgType("buffer", "an instance of Buffer, TypedArray, or DataView", buffer);
    }
    const bytes = viewBytes(buffer);
    if (offset !== null && typeof offset === "object") ({ offset, length, position } = offset);
    offset ??= 0;
    if (typeof offset === "bigint") offset = Number(offset);
    getBound("offset", offset, bytes.length);
    length ??= bytes.length - offset;
    getBound("length", length, bytes.length - offset);
    return [fd, bytes, offset, length, getPosition(position)];
  }

  const readSync = (...a) => sys(fsops.nodeFsRead, ...readArgs(...a));

  // write(fd, buffer, offset, length, position) or write(fd, string, position, encoding).
  function writeArgs(fd, buffer, offset, length, position) {
    getFd(fd);
    if (typeof buffer === "string") {
      const bytes = viewBytes(Buffer().from(buffer, typeof length === "string" ? length : "utf8"));
      return [fd, bytes, 0, bytes.length, getPosition(offset)];
    }
    if (!ArrayBuffer.isView(buffer)) {
      throw invalidArgType("buffer", "of type string or an instance of Buffer, TypedArray, or DataView", buffer);
    }
    const bytes = viewBytes(buffer);
    if (offset !== null && typeof offset === "object") ({ offset, length, position } = offset);
    offset ??= 0;
    getBound("offset", offset, bytes.length);
    length ??= bytes.length - offset;
    getBound("length", length, bytes.length - offset);
    return [fd, bytes, offset, length, getPosition(position)];
  }

  const writeSync = (...a) => sys(fsops.nodeFsWrite, ...writeArgs(...a));

  // access's mode: F_OK or R_OK|W_OK|X_OK (Node's range message is its own).
  function accessMode(mode) {
    if (typeof mode !== "number") throw invalidArgType("mode", "of type number", mode);
    if (!Number.isInteger(mode)) throw outOfRange("mode", "an integer", mode);
    if (mode < 0 || mode > 7) throw codeError(RangeError, "ERR_OUT_OF_RANGE", "mode is out of range: >= 0 && <= 7");
    return mode;
  }

  // ---------------------------------------------------------------- the sync API

  const api = {
    existsSync,
    readFileSync,
    writeFileSync: (p, d, o) => writeFileSync(p, d, o),
    appendFileSync,
    statSync: (p, o) => statSync(p, o, false),
    lstatSync: (p, o) => statSync(p, o, true),
    fstatSync,
    readdirSync,
    mkdirSync,
    rmSync,
    rmdirSync,
    unlinkSync: (p) => sys(fsops.nodeFsUnlink, getPath(p)),
    renameSync: (a, b) => sys2(ops.fsRenameSync, getPath(a, "oldPath"), getPath(b, "newPath")),
    copyFileSync,
    cpSync,
    opendirSync,
    realpathSync,
    readlinkSync,
    symlinkSync: (target, path) => sys2(fsops.nodeFsSymlink, getPath(target, "target"), getPath(path)),
    linkSync: (a, b) => sys2(fsops.nodeFsLink, getPath(a, "existingPath"), getPath(b, "newPath")),
    accessSync: (p, mode = 0) => sys(fsops.nodeFsAccess, getPath(p), accessMode(mode)),
    chmodSync: (p, mode) => sys(ops.fsChmodSync, getPath(p), getMode(mode)),
    fchmodSync: (fd, mode) => sys(fsops.nodeFsFchmod, getFd(fd), getMode(mode)),
    chownSync: (p, uid, gid) => sys(fsops.nodeFsChown, getPath(p), getInt("uid", uid, -1, 4294967295), getInt("gid", gid, -1, 4294967295), false),
    lchownSync: (p, uid, gid) => sys(fsops.nodeFsChown, getPath(p), getInt("uid", uid, -1, 4294967295), getInt("gid", gid, -1, 4294967295), true),
    mkdtempSync,
    truncateSync(p, len = 0) {
      if (typeof p === "number") return api.ftruncateSync(p, len);
      // Node takes a negative length as 0.
      return sys(ops.fsTruncateSync, getPath(p), Math.max(0, getInt("len", len, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)));
    },
    ftruncateSync: (fd, len = 0) => sys(fsops.nodeFsFtruncate, getFd(fd), Math.max(0, getInt("len", len, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER))),
    utimesSync: (p, atime, mtime) => sys(fsops.nodeFsUtimes, getPath(p), toSeconds("atime", atime), toSeconds("mtime", mtime)),
    futimesSync: (fd, atime, mtime) => sys(fsops.nodeFsUtimes, getFd(fd), toSeconds("atime", atime), toSeconds("mtime", mtime)),
    openSync,
    closeSync: (fd) => sys(fsops.nodeFsClose, getFd(fd)),
    readSync,
    writeSync,
    fsyncSync: (fd) => sys(fsops.nodeFsFsync, getFd(fd), false),
    fdatasyncSync: (fd) => sys(fsops.nodeFsFsync, getFd(fd), true),
  };

  return {
    api, fsops, Dir, constants, isFd, readFileError, Stats, BigIntStats, Dirent, getPath, getFd, getCallback, getOptions,
    getFlags, getMode, checkEncoding, dataBytes, encodeResult, asBuffer, sysError, codeError,
    invalidArgType, invalidArgValue, readArgs, writeArgs, viewBytes, Buffer,
  };
});
