// cdp.mjs: a minimal Chrome DevTools Protocol client for the inspector tests, on node's `net`
// and `crypto` (node 20 has no WebSocket client): HTTP GET, the RFC 6455 handshake, masked
// text frames out, unmasked frames in (fragments joined), close.
import net from "node:net";
import crypto from "node:crypto";

export function httpGet(port, path) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, "127.0.0.1", () => {
      s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    });
    let data = "";
    s.on("data", (d) => (data += d));
    s.on("error", reject);
    s.on("end", () => {
      const at = data.indexOf("\r\n\r\n");
      resolve({ status: Number(data.split(" ")[1]), head: data.slice(0, at), body: data.slice(at + 4) });
    });
  });
}

export class Session {
  #socket;
  #buf = Buffer.alloc(0);
  #fragments = [];
  #nextId = 1;
  #pending = new Map();
  #waiters = [];
  events = [];
  closed;

  static connect(wsUrl) {
    const url = new URL(wsUrl);
    const session = new Session();
    return new Promise((resolve, reject) => {
      const key = crypto.randomBytes(16).toString("base64");
      const s = net.connect(Number(url.port), url.hostname, () => {
        s.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      });
      session.#socket = s;
      let head = Buffer.alloc(0), upgraded = false;
      session.closed = new Promise((r) => s.on("close", r));
      s.on("error", reject);
      s.on("data", (d) => {
        if (upgraded) return session.#onData(d);
        head = Buffer.concat([head, d]);
        const at = head.indexOf("\r\n\r\n");
        if (at < 0) return;
        const text = head.slice(0, at).toString();
        const accept = crypto.createHash("sha1")
          .update(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest("base64");
        if (!/^HTTP\/1\.1 101 /.test(text) || !text.includes(`Sec-WebSocket-Accept: ${accept}`)) {
          return reject(new Error(`handshake refused: ${text}`));
        }
        upgraded = true;
        resolve(session);
        if (head.length > at + 4) session.#onData(head.slice(at + 4));
      });
    });
  }

  #onData(d) {
    this.#buf = Buffer.concat([this.#buf, d]);
    for (;;) {
      const b = this.#buf;
      if (b.length < 2) return;
      const fin = b[0] & 0x80, op = b[0] & 0x0f;
      let len = b[1] & 0x7f, at = 2;
      if (b[1] & 0x80) throw new Error("a server frame must not be masked");
      if (len === 126) { if (b.length < 4) return; len = b.readUInt16BE(2); at = 4; }
      else if (len === 127) { if (b.length < 10) return; len = Number(b.readBigUInt64BE(2)); at = 10; }
      if (b.length < at + len) return;
      const payload = b.slice(at, at + len);
      this.#buf = b.slice(at + len);
      if (op === 8) { this.#socket.end(); continue; }
      if (op === 9 || op === 10) continue;
      this.#fragments.push(payload);
      if (!fin) continue;
      const msg = JSON.parse(Buffer.concat(this.#fragments).toString("utf8"));
      this.#fragments = [];
      if (msg.id !== undefined && this.#pending.has(msg.id)) {
        const { resolve, reject } = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        msg.error ? reject(new Error(`${JSON.stringify(msg.error)}`)) : resolve(msg.result);
      } else {
        this.events.push(msg);
        this.#waiters = this.#waiters.filter((w) => !(w.match(msg) && (w.resolve(msg), true)));
      }
    }
  }

  #frame(op, payload) {
    const mask = crypto.randomBytes(4);
    const n = payload.length;
    const head = n < 126 ? Buffer.from([0x80 | op, 0x80 | n])
      : n < 65536 ? Buffer.from([0x80 | op, 0x80 | 126, n >> 8, n & 255])
      : Buffer.concat([Buffer.from([0x80 | op, 0x80 | 127]), (() => { const x = Buffer.alloc(8); x.writeBigUInt64BE(BigInt(n)); return x; })()]);
    const body = Buffer.from(payload);
    for (let i = 0; i < body.length; i++) body[i] ^= mask[i & 3];
    this.#socket.write(Buffer.concat([head, mask, body]));
  }

  send(method, params = {}) {
    const id = this.#nextId++;
    this.#frame(1, Buffer.from(JSON.stringify({ id, method, params })));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  // The first event (already received or to come) with this method that passes `test`.
  event(method, test = () => true, ms = 10000) {
    const match = (m) => m.method === method && test(m.params);
    const seen = this.events.findIndex(match);
    if (seen >= 0) return Promise.resolve(this.events.splice(seen, 1)[0].params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${ms} ms`)), ms);
      this.#waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          this.events.splice(this.events.indexOf(m), 1);
          resolve(m.params);
        },
      });
    });
  }

  close() {
    this.#frame(8, Buffer.from([0x03, 0xe8]));
    return this.closed;
  }
}
