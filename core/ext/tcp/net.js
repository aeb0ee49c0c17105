// net.js: TCP on the `mrt` namespace, Deno-shaped: mrt.listen() -> Listener (accept(),
// for await, close()), mrt.connect() -> Promise<Conn> (read, write, closeWrite, close,
// localAddr, remoteAddr, setNoDelay, rid). The C side is core/ext/tcp/tcp.c.
(function (P) {
  "use strict";
  const ops = P.ops;
  const mrt = P.mrt;
  const { tcpAccept, tcpConnect, tcpRead, tcpWrite, tcpShutdown, tcpTryRead, tcpTryWrite } = ops;

  function typeError(msg) {
    const err = new TypeError(msg);
    err.code = "ERR_INVALID_ARG_TYPE";
    return err;
  }

  function detachedError() {
    const err = new TypeError("The buffer was detached while the read was pending");
    err.code = "ERR_INVALID_STATE";
    return err;
  }

  function parseAddr(s) {
    const i = s.lastIndexOf(" ");
    return { transport: "tcp", hostname: s.slice(0, i), port: Number(s.slice(i + 1)) };
  }

  function checkPort(port) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      const err = new RangeError(`Invalid port: ${port}`);
      err.code = "ERR_SOCKET_BAD_PORT";
      throw err;
    }
    return port;
  }

  function hostOf(options) {
    const h = options?.hostname ?? "127.0.0.1";
    if (typeof h !== "string") throw typeError("The \"hostname\" option must be a string");
    if (h.includes("\0")) { // C would see a shorter name: another host
      const err = new TypeError(`The "hostname" option must not contain null bytes. Received ${
        JSON.stringify(h)}`);
      err.code = "ERR_INVALID_ARG_VALUE";
      throw err;
    }
    return h;
  }

  // A closed resource's error, as the ops give it (a rid may be reused: once closed, a Conn
  // never hands its rid to an op again).
  function badResource() {
    const err = new Error("Bad resource ID");
    err.code = "EBADF";
    return err;
  }

  const resourceStreams = () => P.loadBuiltin("core/ext/fs/resource_streams_impl.js");

  class Conn {
    #rid;
    #local;
    #remote;
    #closed = false;
    #readable;
    #writable;
    constructor(rid) {
      this.#rid = rid;
      this.#local = parseAddr(ops.tcpAddr(rid, false));
      this.#remote = parseAddr(ops.tcpAddr(rid, true));
    }
    get rid() {
      return this.#rid;
    }
    get localAddr() {
      return this.#local;
    }
    get remoteAddr() {
      return this.#remote;
    }
    // Reads up to p.byteLength bytes into p: the count, or null at EOF. Bytes already
    // buffered are taken at once; otherwise it waits for the socket.
    read(p) {
      return this.#read(p);
    }
    async #read(p) {
      const n = tcpTryRead(this.#rid, p);
      if (n >= 0) return n;
      if (n === -1) return null;
      const m = await tcpRead(this.#rid, p);
      // The op held p's memory; if p was detached meanwhile the bytes are not in p.
      if (m > p.byteLength) throw detachedError();
      return m < 0 ? null : m;
    }
    // Resolves with p.byteLength once all of p was handed to the kernel or queued in libuv.
    write(p) {
      return this.#write(p);
    }
    #write(p) {
      let n;
      try {
        n = tcpTryWrite(this.#rid, p);
      } catch (err) {
        return Promise.reject(err);
      }
      if (n === p.byteLength) return Promise.resolve(n);
      return tcpWrite(this.#rid, p, n);
    }
    // Half-closes: the peer reads EOF after what was written.
    async closeWrite() {
      await tcpShutdown(this.#rid);
    }
    close() {
      if (this.#closed) throw badResource();
      ops.tcpClose(this.#rid);
      this.#closed = true;
    }
    // Byte streams over the connection (their code loads at first touch); either closes the
    // whole connection when it finishes (end of data, cancel, close, abort or an error).
    get readable() {
      return (this.#readable ??= resourceStreams().socketReadable({
        readInto: (u8) => (this.#closed ? Promise.reject(badResource()) : this.#read(u8)),
        tryClose: () => this.#tryClose(),
      }));
    }
    get writable() {
      return (this.#writable ??= resourceStreams().resourceWritable({
        write: (u8) => (this.#closed ? Promise.reject(badResource()) : this.#write(u8)),
        tryClose: () => this.#tryClose(),
      }));
    }
    #tryClose() {
      if (this.#closed) return;
      this.#closed = true;
      try {
        ops.tcpClose(this.#rid);
      } catch {}
    }
    setNoDelay(noDelay = true) {
      ops.tcpNoDelay(this.#rid, !!noDelay);
    }
    setKeepAlive(keepAlive = true) {
      ops.tcpKeepAlive(this.#rid, !!keepAlive);
    }
  }

  class Listener {
    #rid;
    #addr;
    #closed = false;
    constructor(rid) {
      this.#rid = rid;
      this.#addr = parseAddr(ops.tcpAddr(rid, false));
    }
    get rid() {
      return this.#rid;
    }
    get addr() {
      return this.#addr;
    }
    async accept() {
      return new Conn(await tcpAccept(this.#rid));
    }
    close() {
      this.#closed = true;
      ops.tcpClose(this.#rid);
    }
    // Yields connections until the listener is closed.
    async *[Symbol.asyncIterator]() {
      for (;;) {
        let conn;
        try {
          conn = await this.accept();
        } catch (err) {
          if (this.#closed) return;
          throw err;
        }
        yield conn;
      }
    }
  }

  Object.assign(mrt, {
    Conn,
    Listener,
    listen(options) {
      if (options?.transport !== undefined && options.transport !== "tcp") {
        throw typeError(`Unsupported transport: ${options.transport}`);
      }
      const port = checkPort(options?.port ?? 0);
      return new Listener(ops.tcpListen(hostOf(options), port));
    },
    async connect(options) {
      if (options?.transport !== undefined && options.transport !== "tcp") {
        throw typeError(`Unsupported transport: ${options.transport}`);
      }
      const port = checkPort(options?.port);
      return new Conn(await tcpConnect(hostOf(options), port));
    },
  });
});
