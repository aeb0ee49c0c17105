// node:fs/promises: node:fs's calls as promises, and FileHandle. Whole-file reads and writes
// run on mrt's worker pool; the other calls run their syscall when called (an async function:
// every error, bad arguments included, is a rejection, as Node's).
(function (P) {
  "use strict";
  const fs = P.nodeRequire("fs");
  const { C, readFileAsync, writeFileAsync } = fs[P.nodeFsInternal];
  const { api, getOptions } = C;

  const kFd = Symbol("fd");
  const kClosed = Symbol("closed");

  class FileHandle {
    constructor(fd) {
      this[kFd] = fd;
      this[kClosed] = false;
    }
    get fd() {
      return this[kClosed] ? -1 : this[kFd];
    }
    #fd() {
      if (this[kClosed]) {
        const e = new Error("file closed");
        e.code = "EBADF";
        e.syscall = "read";
        throw e;
      }
      return this[kFd];
    }
    async read(buffer, offset, length, position) {
      const fd = this.#fd();
      if (buffer === undefined || (buffer !== null && typeof buffer === "object" && !ArrayBuffer.isView(buffer))) {
        const o = buffer ?? {};
        buffer = o.buffer ?? C.Buffer().alloc(16384);
        ({ offset, length, position } = o);
      }
      const bytesRead = api.readSync(fd, buffer, offset ?? 0, length ?? buffer.byteLength - (offset ?? 0), position ?? null);
      return { bytesRead, buffer };
    }
    async write(buffer, ...rest) {
      const bytesWritten = api.writeSync(this.#fd(), buffer, ...rest);
      return { bytesWritten, buffer };
    }
    async readFile(options) {
      return api.readFileSync(this.#fd(), options);
    }
    async writeFile(data, options) {
      return api.writeFileSync(this.#fd(), data, options);
    }
    async appendFile(data, options) {
      return api.writeFileSync(this.#fd(), data, options);
    }
    async stat(options) {
      return api.fstatSync(this.#fd(), options);
    }
    async truncate(len = 0) {
      return api.ftruncateSync(this.#fd(), len);
    }
    async sync() {
      return api.fsyncSync(this.#fd());
    }
    async datasync() {
      return api.fdatasyncSync(this.#fd());
    }
    async chmod(mode) {
      return api.fchmodSync(this.#fd(), mode);
    }
    async utimes(atime, mtime) {
      return api.futimesSync(this.#fd(), atime, mtime);
    }
    async close() {
      if (this[kClosed]) return;
      this[kClosed] = true;
      api.closeSync(this[kFd]);
    }
    async [Symbol.asyncDispose ?? Symbol.for("nodejs.asyncDispose")]() {
      return this.close();
    }
    createReadStream(options) {
      return fs.createReadStream(null, { ...options, fd: this.#fd() });
    }
    createWriteStream(options) {
      return fs.createWriteStream(null, { ...options, fd: this.#fd() });
    }
  }

  const promises = { constants: fs.constants };
  const asyncOf = (fn) => async (...args) => fn(...args);
  for (const name of ["stat", "lstat", "readdir", "mkdir", "rm", "rmdir", "unlink", "rename",
    "copyFile", "realpath", "readlink", "symlink", "link", "access", "chmod", "chown", "lchown",
    "mkdtemp", "truncate", "utimes", "cp", "opendir"]) {
    promises[name] = asyncOf(api[name + "Sync"]);
  }
  promises.readFile = async (path, options) =>
    path instanceof FileHandle ? path.readFile(options) : readFileAsync(path, options);
  promises.writeFile = async (path, data, options) =>
    path instanceof FileHandle ? path.writeFile(data, options) : writeFileAsync(path, data, options);
  promises.appendFile = async (path, data, options) =>
    path instanceof FileHandle ? path.appendFile(data, options) :
      writeFileAsync(path, data, getOptions(options, { flag: "a" }), "a");
  promises.open = async (path, flags, mode) => new FileHandle(api.openSync(path, flags, mode));
  promises.watch = () => {
    const e = new Error("fs.promises.watch is not supported in mrt");
    e.code = "ERR_METHOD_NOT_IMPLEMENTED";
    throw e;
  };
  return promises;
});
