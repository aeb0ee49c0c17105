// client.mjs: a raw HTTP/1.1 client on node's `net` for the robustness corpus. No HTTP
// library: the cases write exact bytes and read responses with a strict parser of their own,
// so what the server sent (framing, headers, extra bytes, closing) is observed as it is.
import net from "node:net";

const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");

export class ProtocolError extends Error {}

// One response parsed from the bytes received. Times are Date.now() values of the arrival of
// the data that completed each part, so streaming (first chunk long before the last) shows.
export class Response {
  constructor() {
    this.version = "";
    this.status = 0;
    this.reason = "";
    this.headers = []; // [name, value] as sent
    this.trailers = [];
    this.body = Buffer.alloc(0);
    this.chunked = false;
    this.chunkSizes = []; // data chunks as framed by the server (chunked bodies only)
    this.head = ""; // status line and header section as text
    this.tHead = 0;
    this.tFirstBody = 0;
    this.tEnd = 0;
  }
  all(name) {
    const n = name.toLowerCase();
    return this.headers.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v);
  }
  get(name) {
    const v = this.all(name);
    return v.length ? v.join(", ") : null;
  }
  text() {
    return this.body.toString("latin1");
  }
  json() {
    return JSON.parse(this.body.toString("utf8"));
  }
  describe(max = 400) {
    let s = this.head.replace(/\r\n$/, "");
    if (this.body.length) s += `\n[body ${this.body.length} bytes${this.chunked ? ", chunked" : ""}] ${show(this.body, max)}`;
    return s;
  }
}

// A printable, bounded rendering of bytes (JSON string escapes for control bytes).
export function show(bytes, max = 400) {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, "latin1");
  const s = JSON.stringify(b.subarray(0, max).toString("latin1"));
  return b.length > max ? `${s}... (${b.length} bytes)` : s;
}

// Parses one response at the start of buf. Returns { res, used } or null when more bytes are
// needed; throws ProtocolError on bytes that are not a valid response. `eof`: the peer closed,
// so a body delimited by the close is complete. `method` of the request it answers (HEAD has
// no body).
export function parseResponse(buf, { method = "GET", eof = false } = {}) {
  const headEnd = buf.indexOf(HEADERS_END);
  if (headEnd < 0) {
    if (buf.length > 0 && !/^H(T(T(P(\/)?)?)?)?/.test(buf.subarray(0, 5).toString("latin1")))
      throw new ProtocolError(`not an HTTP response: ${show(buf, 80)}`);
    if (eof && buf.length) throw new ProtocolError(`connection closed inside a response head: ${show(buf)}`);
    return null;
  }
  const res = new Response();
  res.head = buf.subarray(0, headEnd + 2).toString("latin1");
  const lines = buf.subarray(0, headEnd).toString("latin1").split("\r\n");
  const m = /^(HTTP\/\d\.\d) (\d{3}) ?(.*)$/.exec(lines[0]);
  if (!m) throw new ProtocolError(`bad status line ${JSON.stringify(lines[0])}`);
  res.version = m[1];
  res.status = Number(m[2]);
  res.reason = m[3];
  for (const line of lines.slice(1)) {
    const hm = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!hm) throw new ProtocolError(`bad header line ${JSON.stringify(line)} in\n${res.head}`);
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(hm[2])) throw new ProtocolError(`control byte in header ${JSON.stringify(line)}`);
    res.headers.push([hm[1], hm[2]]);
  }
  let pos = headEnd + 4;
  const noBody = method === "HEAD" || (res.status >= 100 && res.status < 200) || res.status === 204 || res.status === 304;
  if (noBody) return { res, used: pos };
  const te = res.get("transfer-encoding");
  const cl = res.all("content-length");
  if (te !== null) {
    if (cl.length) throw new ProtocolError("response has both Transfer-Encoding and Content-Length");
    const codings = te.split(",").map((s) => s.trim().toLowerCase());
    if (codings[codings.length - 1] !== "chunked") throw new ProtocolError(`response Transfer-Encoding ${te} does not end in chunked`);
    res.chunked = true;
    const parts = [];
    for (;;) {
      const lineEnd = buf.indexOf(CRLF, pos);
      if (lineEnd < 0) return eofCheck(eof, "chunk size line");
      const sizeLine = buf.subarray(pos, lineEnd).toString("latin1");
      const sm = /^([0-9a-fA-F]{1,15})(;.*)?$/.exec(sizeLine);
      if (!sm) throw new ProtocolError(`bad chunk size line ${JSON.stringify(sizeLine)}`);
      const size = parseInt(sm[1], 16);
      if (size === 0) {
        // trailer section, then the final CRLF
        let tpos = lineEnd + 2;
        for (;;) {
          const tEnd = buf.indexOf(CRLF, tpos);
          if (tEnd < 0) return eofCheck(eof, "chunked trailer");
          if (tEnd === tpos) {
            pos = tEnd + 2;
            break;
          }
          const tl = buf.subarray(tpos, tEnd).toString("latin1");
          const tm = /^([^:]+):[ \t]*(.*?)[ \t]*$/.exec(tl);
          if (!tm) throw new ProtocolError(`bad trailer line ${JSON.stringify(tl)}`);
          res.trailers.push([tm[1], tm[2]]);
          tpos = tEnd + 2;
        }
        break;
      }
      if (buf.length < lineEnd + 2 + size + 2) return eofCheck(eof, "chunk data");
      parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
      res.chunkSizes.push(size);
      if (buf[lineEnd + 2 + size] !== 13 || buf[lineEnd + 3 + size] !== 10)
        throw new ProtocolError(`chunk of ${size} bytes not followed by CRLF`);
      pos = lineEnd + 2 + size + 2;
    }
    res.body = Buffer.concat(parts);
    res.bodyStart = headEnd + 4;
    return { res, used: pos };
  }
  if (cl.length) {
    if (new Set(cl).size !== 1 || !/^\d+$/.test(cl[0])) throw new ProtocolError(`bad response Content-Length ${cl.join(", ")}`);
    const n = Number(cl[0]);
    if (buf.length < pos + n) return eofCheck(eof, `body of Content-Length ${n} (have ${buf.length - pos})`);
    res.body = buf.subarray(pos, pos + n);
    res.bodyStart = pos;
    return { res, used: pos + n };
  }
  // no framing: the body runs to the close
  if (!eof) return null;
  res.body = buf.subarray(pos);
  res.bodyStart = pos;
  res.closeDelimited = true;
  return { res, used: buf.length };
}

function eofCheck(eof, what) {
  if (eof) throw new ProtocolError(`connection closed inside the ${what}`);
  return null;
}

export function delay(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

export class TimeoutError extends Error {}

// One client connection. Records everything sent and received for failure reports.
export class Conn {
  static open({ host, port }, { timeout = 3000, localAddress } = {}) {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host, port, localAddress });
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new TimeoutError(`connect to ${host}:${port} timed out after ${timeout} ms`));
      }, timeout);
      sock.once("connect", () => {
        clearTimeout(timer);
        resolve(new Conn(sock));
      });
      sock.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  constructor(sock) {
    this.sock = sock;
    sock.setNoDelay(true);
    this.buf = Buffer.alloc(0); // received, not yet parsed
    this.consumed = 0; // bytes parsed away before buf
    this.arrivals = []; // [absolute end offset, time]
    this.sent = [];
    this.sentBytes = 0;
    this.received = [];
    this.eof = false; // the server sent FIN
    this.closed = false; // the socket is closed (either side, or reset)
    this.error = null;
    this.tClosed = 0;
    this.waiters = new Set();
    sock.on("data", (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.received.push(d);
      this.arrivals.push([this.consumed + this.buf.length, Date.now()]);
      this._wake();
    });
    sock.on("end", () => {
      this.eof = true;
      if (!this.tClosed) this.tClosed = Date.now();
      this._wake();
    });
    sock.on("error", (e) => {
      this.error = e;
      if (!this.tClosed) this.tClosed = Date.now();
      this._wake();
    });
    sock.on("close", () => {
      this.closed = true;
      if (!this.tClosed) this.tClosed = Date.now();
      this._wake();
    });
  }

  _wake() {
    for (const w of this.waiters) w();
  }

  // Resolves when check() returns a value other than undefined; rejects after timeout.
  waitFor(check, timeout, what) {
    return new Promise((resolve, reject) => {
      let timer;
      const attempt = () => {
        let v;
        try {
          v = check();
        } catch (e) {
          done();
          reject(e);
          return;
        }
        if (v !== undefined) {
          done();
          resolve(v);
        }
      };
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      timer = setTimeout(() => {
        done();
        reject(new TimeoutError(`timed out after ${timeout} ms waiting for ${what}`));
      }, timeout);
      this.waiters.add(attempt);
      attempt();
    });
  }

  write(data) {
    const b = Buffer.isBuffer(data) ? data : Buffer.from(data, "latin1");
    this.sent.push(b);
    this.sentBytes += b.length;
    return new Promise((resolve) => {
      if (this.sock.destroyed || this.sock.writableEnded) return resolve(false);
      this.sock.write(b, (err) => resolve(!err));
    });
  }

  // Writes data in pieces of `every` bytes, `ms` apart; stops early when the server closed.
  async trickle(data, every = 1, ms = 10) {
    const b = Buffer.isBuffer(data) ? data : Buffer.from(data, "latin1");
    for (let i = 0; i < b.length; i += every) {
      if (this.gone || !(await this.write(b.subarray(i, i + every)))) return false;
      if (ms) await delay(ms);
    }
    return true;
  }

  get gone() {
    return this.eof || this.closed || this.error !== null;
  }

  timeAt(offset) {
    for (const [end, t] of this.arrivals) if (end >= offset) return t;
    return 0;
  }

  // The next response (1xx ones included). `method` of the request it answers.
  response({ method = "GET", timeout = 3000 } = {}) {
    return this.waitFor(() => {
      const r = parseResponse(this.buf, { method, eof: this.gone });
      if (!r) {
        if (this.gone) {
          const why = this.error ? `reset (${this.error.code})` : "closed";
          throw new ProtocolError(this.buf.length
            ? `connection ${why} inside a response: ${show(this.buf)}`
            : `connection ${why} without a response`);
        }
        return undefined;
      }
      const base = this.consumed;
      r.res.tHead = this.timeAt(base + r.res.head.length + 2);
      r.res.tFirstBody = r.res.bodyStart !== undefined ? this.timeAt(base + r.res.bodyStart + 1) : 0;
      r.res.tEnd = this.timeAt(base + r.used);
      this.buf = this.buf.subarray(r.used);
      this.consumed += r.used;
      return r.res;
    }, timeout, `a response to ${method}`);
  }

  // true when the server closed (FIN or reset) within ms; false when still open after ms.
  async closedWithin(ms) {
    try {
      await this.waitFor(() => (this.gone ? true : undefined), ms, "close");
      return true;
    } catch (e) {
      if (e instanceof TimeoutError) return false;
      throw e;
    }
  }

  // Bytes received and not parsed as a response (after the server closed, nothing should be).
  leftover() {
    return this.buf;
  }

  end() {
    this.sock.end();
  }
  reset() {
    this.sock.resetAndDestroy();
  }
  destroy() {
    this.sock.destroy();
  }

  transcript(max = 600) {
    const sent = Buffer.concat(this.sent);
    const recv = Buffer.concat(this.received);
    let s = `    sent ${sent.length} bytes: ${show(sent, max)}\n    received ${recv.length} bytes: ${show(recv, max)}`;
    s += `\n    then: ${this.error ? `reset (${this.error.code})` : this.eof ? "closed by server" : this.closed ? "closed" : "still open"}`;
    return s;
  }
}
