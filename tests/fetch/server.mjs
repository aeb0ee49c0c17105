// server.mjs: the local HTTP/1.1 and HTTPS test server of the fetch suite (run.mjs starts it
// in-process). Only 127.0.0.1; the HTTPS certificate is self-signed, made by `openssl req` at
// test time, so a verifying client must refuse it.
import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";

function handler(req, res) {
  const u = new URL(req.url, "http://x");
  const p = u.pathname;
  const q = (k, d) => u.searchParams.get(k) ?? d;
  if (p === "/hello") return res.end("hello world");
  if (p === "/echo") { // method, headers and body back as JSON
    const chunks = [];
    req.on("data", (d) => chunks.push(d));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers,
        length: body.length, body: body.length <= 4096 ? body.toString() : undefined }));
    });
    return;
  }
  if (p === "/stream-echo") { // the request body back, streamed as it comes
    res.setHeader("content-type", "application/octet-stream");
    req.pipe(res);
    return;
  }
  if (p === "/gzip" || p === "/br" || p === "/deflate") {
    const text = "compressed ".repeat(Number(q("n", 100)));
    const enc = p.slice(1);
    const data = enc === "gzip" ? zlib.gzipSync(text) : enc === "br" ? zlib.brotliCompressSync(text)
      : zlib.deflateSync(text);
    res.writeHead(200, { "content-encoding": enc, "content-length": data.length });
    return res.end(data);
  }
  if (p.startsWith("/redirect/")) { // /redirect/<status>?to=<url>
    res.writeHead(Number(p.slice(10)), { location: q("to", "/hello") });
    return res.end("redirecting");
  }
  if (p === "/loop") {
    res.writeHead(302, { location: "/loop" });
    return res.end();
  }
  if (p.startsWith("/status/")) {
    res.statusCode = Number(p.slice(8));
    res.statusMessage = q("text", res.statusMessage ?? "");
    return res.end();
  }
  if (p === "/big") { // n bytes of 'a' (Content-Length), written with backpressure
    const n = Number(q("n", 1 << 20));
    res.writeHead(200, { "content-length": n });
    const chunk = Buffer.alloc(64 * 1024, 97);
    let sent = 0;
    const more = () => {
      while (sent < n) {
        const c = n - sent >= chunk.length ? chunk : chunk.subarray(0, n - sent);
        sent += c.length;
        if (!res.write(c)) return res.once("drain", more);
      }
      res.end();
    };
    return more();
  }
  if (p === "/chunked") { // chunks of 1000 bytes, 5 ms apart, no Content-Length
    let i = 0;
    const n = Number(q("n", 5));
    const t = setInterval(() => {
      res.write(`${i}`.padEnd(1000, "."));
      if (++i === n) { clearInterval(t); res.end(); }
    }, 5);
    return;
  }
  if (p === "/slow") { // the head after `ms`, then the body after another `ms`
    const ms = Number(q("ms", 2000));
    const t = setTimeout(() => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first;");
      setTimeout(() => res.end("second"), ms);
    }, ms);
    res.on("close", () => clearTimeout(t));
    return;
  }
  if (p === "/reset") { // a head promising 100000 bytes, 1000 of them, then the connection dies
    res.writeHead(200, { "content-length": 100000 });
    res.write(Buffer.alloc(1000, 98));
    setTimeout(() => req.socket.destroy(), 20);
    return;
  }
  if (p === "/headers") { // response headers of every shape
    res.setHeader("set-cookie", ["a=1", "b=2"]);
    res.setHeader("x-latin1", Buffer.from([0x63, 0x61, 0x66, 0xe9]).toString("latin1"));
    res.setHeader("x-empty", "");
    return res.end("ok");
  }
  res.statusCode = 404;
  res.end("not found");
}

export async function start({ cert, key } = {}) {
  const servers = [http.createServer(handler)];
  if (cert) servers.push(https.createServer({ cert, key }, handler));
  for (const s of servers) {
    s.keepAliveTimeout = 5000;
    await new Promise((r) => s.listen(0, "127.0.0.1", r));
  }
  return {
    http: `http://127.0.0.1:${servers[0].address().port}`,
    https: servers[1] ? `https://127.0.0.1:${servers[1].address().port}` : undefined,
    close: () => servers.forEach((s) => { s.closeAllConnections?.(); s.close(); }),
  };
}
