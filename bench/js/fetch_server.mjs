// fetch_server.mjs: the HTTP/1.1 server the fetch workloads (fetch_small, fetch_big) talk to,
// the same for every runtime: node's http on 127.0.0.1, started by tools/compare/compare.sh
// (or by hand), which passes its URL as FETCH_BENCH_URL. Prints the URL, then serves until
// killed. /small: 13 bytes, keep-alive; /big?n=BYTES: n bytes in 256 KiB writes with
// backpressure.
import http from "node:http";

const small = Buffer.from("hello, world\n");
const chunk = Buffer.alloc(256 * 1024, 97);
const server = http.createServer((req, res) => {
  if (req.url === "/small") {
    res.writeHead(200, { "content-type": "text/plain", "content-length": small.length });
    res.end(small);
    return;
  }
  const n = Number(new URL(req.url, "http://x").searchParams.get("n") ?? 1 << 20);
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": n });
  let sent = 0;
  const more = () => {
    while (sent < n) {
      const c = n - sent >= chunk.length ? chunk : chunk.subarray(0, n - sent);
      sent += c.length;
      if (!res.write(c)) return res.once("drain", more);
    }
    res.end();
  };
  more();
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${server.address().port}`);
});
