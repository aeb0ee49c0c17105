// fs.js: files on the `mrt` namespace, Deno-shaped: readFile, writeFile, stat, readDir,
// mkdir, remove, rename, open -> FsFile, ... and their ...Sync variants. The C side is
// core/ext/fs/fs.c: each async call is one thread-pool job (readFile = open+fstat+read+close).
(function (P) {
  "use strict";
  const ops = P.ops;
  const mrt = P.mrt;

  const {
    fsReadFile, fsReadTextFile, fsWriteFile, fsStat, fsReadDir, fsMkdir, fsRemove, fsRename,
    fsCopyFile, fsChmod, fsTruncate, fsRealPath, fsMakeTempDir, fsOpen, fsRead, fsWrite, fsFstat,
  } = ops;

  const [O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND] =
    ops.fsFlags().split(" ").map(Number);

  function typeError(msg) {
    const err = new TypeError(msg);
    err.code = "ERR_INVALID_ARG_TYPE";
    return err;
  }

  function valueError(msg) {
    const err = new TypeError(msg);
    err.code = "ERR_INVALID_ARG_VALUE";
    return err;
  }

  function rangeError(msg) {
    const err = new RangeError(msg);
    err.code = "ERR_OUT_OF_RANGE";
    return err;
  }

  // A NUL would end the C string early: another file.
  function noNul(path) {
    if (path.includes("\0")) {
      throw valueError(`The "path" argument must not contain null bytes. Received ${
        JSON.stringify(path)}`);
    }
    return path;
  }

  // A path: a string, or a file: URL (anything with protocol "file:" and a pathname).
  function toPath(path) {
    if (typeof path === "string") return noNul(path);
    if (path !== null && typeof path === "object" && path.protocol === "file:" &&
        typeof path.pathname === "string") {
      return noNul(decodeURIComponent(path.pathname)); // "%00" decodes to a NUL
    }
    throw typeError(`The "path" argument must be a string or a file URL. Received ${
      path === null ? "null" : typeof path}`);
  }

  // Async wrappers reject (never throw) on bad arguments, as Deno's do.
  function rejecting(fn) {
    return function (...args) {
      try {
        return fn.apply(this, args);
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }

  function toBytes(data) {
    if (data instanceof Uint8Array) return data;
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    throw typeError("The \"data\" argument must be a Uint8Array");
  }

  function writeFlags(options) {
    const o = options ?? {};
    let flags = o.append ? O_APPEND : O_TRUNC;
    if (o.createNew) flags |= O_CREAT | O_EXCL;
    else if (o.create !== false) flags |= O_CREAT;
    return flags;
  }
  // A file mode: an integer 0..0o7777 (no silent masking of -1 or 0o10644).
  function checkMode(mode) {
    if (typeof mode !== "number") {
      throw typeError(`The "mode" argument must be of type number. Received ${typeof mode}`);
    }
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
      throw rangeError(`The value of "mode" is out of range. It must be an integer >= 0 && <= ${
        0o7777}. Received ${mode}`);
    }
    return mode;
  }
  const modeOf = (options, dflt) => (options?.mode === undefined ? dflt : checkMode(options.mode));

  // A byte count or offset: a safe integer (BigInts are converted), >= min.
  function checkInteger(name, value, min) {
    const n = typeof value === "bigint" ? Number(value) : value;
    if (typeof n !== "number") {
      throw typeError(`The "${name}" argument must be of type number. Received ${typeof value}`);
    }
    if (!Number.isSafeInteger(n) || n < min) {
      throw rangeError(`The value of "${name}" is out of range. It must be an integer >= ${
        min === -Number.MAX_SAFE_INTEGER ? "-2^53+1" : min} && <= 2^53-1. Received ${String(value)}`);
    }
    return n;
  }

  function checkWhence(whence) {
    if (whence !== 0 && whence !== 1 && whence !== 2) {
      throw valueError(`Invalid seek mode: ${
        typeof whence === "string" ? JSON.stringify(whence) : String(whence)} (SeekMode.Start, Current or End)`);
    }
    return whence;
  }

  // ---------------------------------------------------------------- stat

  const statView = (u8) => new Float64Array(u8.buffer, u8.byteOffset, u8.byteLength / 8);
  function fileInfo(u8) {
    const f = statView(u8);
    const date = (ms) => (ms > 0 ? new Date(ms) : null);
    return {
      isFile: f[0] === 1,
      isDirectory: f[1] === 1,
      isSymlink: f[2] === 1,
      size: f[3],
      mtime: date(f[4]),
      atime: date(f[5]),
      birthtime: date(f[6]),
      ctime: date(f[7]),
      mode: f[8],
      dev: f[9],
      ino: f[10],
      nlink: f[11],
      uid: f[12],
      gid: f[13],
      rdev: f[14],
      blksize: f[15],
      blocks: f[16],
    };
  }

  // ---------------------------------------------------------------- readDir

  const TYPES = { f: [true, false, false], d: [false, true, false], l: [false, false, true],
    o: [false, false, false] };
  function dirEntries(packed) {
    const out = [];
    if (packed === "") return out;
    const parts = packed.split("\0");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p === "") continue;
      const t = TYPES[p[0]];
      out.push({ name: p.slice(1), isFile: t[0], isDirectory: t[1], isSymlink: t[2] });
    }
    return out;
  }

  // ---------------------------------------------------------------- FsFile

  const SeekMode = Object.freeze({ Start: 0, Current: 1, End: 2 });

  // A closed resource's error, as the ops give it (a rid may be reused by a later open: once
  // closed, an FsFile never hands its rid to an op again).
  function badResource() {
    const err = new Error("Bad resource ID");
    err.code = "EBADF";
    return err;
  }

  const resourceStreams = () => P.loadBuiltin("core/ext/fs/resource_streams_impl.js");

  class FsFile {
    #rid;
    #closed = false;
    #readable;
    #writable;
    constructor(rid) {
      this.#rid = rid;
    }
    get rid() {
      return this.#rid;
    }
    // Byte streams over the file (their code loads at first touch); both close the file when
    // they finish (end of file, cancel, close, abort or an error).
    get readable() {
      return (this.#readable ??= resourceStreams().fileReadable({
        readFresh: (len) => (this.#closed ? Promise.reject(badResource()) : fsRead(this.#rid, len)),
        tryClose: () => this.#tryClose(),
      }));
    }
    get writable() {
      return (this.#writable ??= resourceStreams().resourceWritable({
        write: (bytes) => (this.#closed ? Promise.reject(badResource()) : fsWrite(this.#rid, bytes)),
        tryClose: () => this.#tryClose(),
      }));
    }
    #tryClose() {
      if (this.#closed) return;
      this.#closed = true;
      try {
        ops.fsClose(this.#rid);
      } catch {}
    }
    // Reads up to p.byteLength bytes into p: the count, or null at end of file.
    async read(p) {
      if (!(p instanceof Uint8Array)) throw typeError("The \"buffer\" argument must be a Uint8Array");
      if (p.byteLength === 0) return 0;
      const bytes = await fsRead(this.#rid, p.byteLength);
      if (bytes.length === 0) return null;
      if (bytes.length > p.byteLength) {
        // p was detached while the read was pending (the op reads into its own buffer).
        const err = new TypeError("The buffer was detached while the read was pending");
        err.code = "ERR_INVALID_STATE";
        throw err;
      }
      p.set(bytes);
      return bytes.length;
    }
    readSync(p) {
      if (!(p instanceof Uint8Array)) throw typeError("The \"buffer\" argument must be a Uint8Array");
      if (p.byteLength === 0) return 0;
      const n = ops.fsReadSync(this.#rid, p);
      return n === 0 ? null : n;
    }
    // Writes all of p (or fails): the count.
    async write(p) {
      return fsWrite(this.#rid, toBytes(p));
    }
    writeSync(p) {
      return ops.fsWriteSync(this.#rid, toBytes(p));
    }
    async seek(offset, whence = SeekMode.Start) {
      return this.seekSync(offset, whence);
    }
    seekSync(offset, whence = SeekMode.Start) {
      return ops.fsSeekSync(this.#rid, checkInteger("offset", offset, -Number.MAX_SAFE_INTEGER),
        checkWhence(whence));
    }
    async stat() {
      return fileInfo(await fsFstat(this.#rid));
    }
    statSync() {
      return fileInfo(ops.fsFstatSync(this.#rid));
    }
    close() {
      if (this.#closed) throw badResource();
      ops.fsClose(this.#rid);
      this.#closed = true;
    }
  }

  function openFlags(options) {
    const o = options ?? { read: true };
    const { read = false, write = false, append = false, truncate = false, create = false,
      createNew = false } = o;
    if ((create || createNew || truncate) && !(write || append)) {
      throw typeError("'create', 'createNew' and 'truncate' options require 'write' or 'append'");
    }
    if (!read && !write && !append) {
      throw valueError("One of the 'read', 'write' or 'append' options must be true");
    }
    let flags = read && (write || append) ? O_RDWR : (write || append) ? O_WRONLY : O_RDONLY;
    if (append) flags |= O_APPEND;
    if (truncate && !append) flags |= O_TRUNC;
    if (createNew) flags |= O_CREAT | O_EXCL;
    else if (create) flags |= O_CREAT;
    return flags;
  }

  // ---------------------------------------------------------------- the API

  Object.assign(mrt, {
    SeekMode,
    FsFile,

    readFile(path) {
      if (typeof path === "string" && !path.includes("\0")) return fsReadFile(path); // hot path
      try {
        return fsReadFile(toPath(path));
      } catch (err) {
        return Promise.reject(err);
      }
    },
    readFileSync: (path) => ops.fsReadFileSync(toPath(path)),
    readTextFile: rejecting((path) => fsReadTextFile(toPath(path))),
    readTextFileSync: (path) => ops.fsReadTextFileSync(toPath(path)),

    writeFile: rejecting((path, data, options) =>
      fsWriteFile(toPath(path), toBytes(data), writeFlags(options), modeOf(options, 0o666))),
    writeFileSync(path, data, options) {
      ops.fsWriteFileSync(toPath(path), toBytes(data), writeFlags(options), modeOf(options, 0o666));
    },
    writeTextFile: rejecting((path, text, options) =>
      fsWriteFile(toPath(path), String(text), writeFlags(options), modeOf(options, 0o666))),
    writeTextFileSync(path, text, options) {
      ops.fsWriteFileSync(toPath(path), String(text), writeFlags(options), modeOf(options, 0o666));
    },

    stat: rejecting(async (path) => fileInfo(await fsStat(toPath(path), false))),
    statSync: (path) => fileInfo(ops.fsStatSync(toPath(path), false)),
    lstat: rejecting(async (path) => fileInfo(await fsStat(toPath(path), true))),
    lstatSync: (path) => fileInfo(ops.fsStatSync(toPath(path), true)),

    // An async iterable of {name, isFile, isDirectory, isSymlink} (as Deno.readDir).
    readDir(path) {
      let p;
      try {
        p = toPath(path);
      } catch (err) {
        p = err;
      }
      return {
        async *[Symbol.asyncIterator]() {
          if (typeof p !== "string") throw p;
          yield* dirEntries(await fsReadDir(p));
        },
      };
    },
    readDirSync: (path) => dirEntries(ops.fsReadDirSync(toPath(path))),

    mkdir: rejecting((path, options) =>
      fsMkdir(toPath(path), !!options?.recursive, modeOf(options, 0o777))),
    mkdirSync(path, options) {
      ops.fsMkdirSync(toPath(path), !!options?.recursive, modeOf(options, 0o777));
    },
    remove: rejecting((path, options) => fsRemove(toPath(path), !!options?.recursive)),
    removeSync(path, options) {
      ops.fsRemoveSync(toPath(path), !!options?.recursive);
    },
    rename: rejecting((from, to) => fsRename(toPath(from), toPath(to))),
    renameSync(from, to) {
      ops.fsRenameSync(toPath(from), toPath(to));
    },
    copyFile: rejecting((from, to) => fsCopyFile(toPath(from), toPath(to))),
    copyFileSync(from, to) {
      ops.fsCopyFileSync(toPath(from), toPath(to));
    },
    chmod: rejecting((path, mode) => fsChmod(toPath(path), checkMode(mode))),
    chmodSync(path, mode) {
      ops.fsChmodSync(toPath(path), checkMode(mode));
    },
    truncate: rejecting((path, len = 0) => fsTruncate(toPath(path), checkInteger("len", len, 0))),
    truncateSync(path, len = 0) {
      ops.fsTruncateSync(toPath(path), checkInteger("len", len, 0));
    },
    realPath: rejecting((path) => fsRealPath(toPath(path))),
    realPathSync: (path) => ops.fsRealPathSync(toPath(path)),
    makeTempDir: rejecting((options) => fsMakeTempDir(tempTemplate(options))),
    makeTempDirSync: (options) => ops.fsMakeTempDirSync(tempTemplate(options)),

    open: rejecting(async (path, options) =>
      new FsFile(await fsOpen(toPath(path), openFlags(options), modeOf(options, 0o666)))),
    openSync: (path, options) =>
      new FsFile(ops.fsOpenSync(toPath(path), openFlags(options), modeOf(options, 0o666))),
    create: rejecting(async (path) =>
      new FsFile(await fsOpen(toPath(path), O_RDWR | O_CREAT | O_TRUNC, 0o666))),
    createSync: (path) => new FsFile(ops.fsOpenSync(toPath(path), O_RDWR | O_CREAT | O_TRUNC, 0o666)),
  });

  function tempTemplate(options) {
    let dir = options?.dir;
    if (dir === undefined) {
      try {
        dir = ops.envGet("TMPDIR");
      } catch {} // the sandbox without --allow-env: TMPDIR is not read (Deno reads it anyway)
    }
    dir ??= "/tmp";
    return `${dir}/${options?.prefix ?? ""}XXXXXX`;
  }
});
