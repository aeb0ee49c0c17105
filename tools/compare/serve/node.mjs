// node http.createServer doing what the shared fetch handlers do, written the node way (node's
// server has no Request/Response form): SERVE_PORT, SERVE_WORKLOAD (hello|echo|stream).
// Runs on node 20 and on the node 18 control alike.
import http from "node:http";

const CHUNK = Buffer.alloc(64 * 1024, 120);
const CHUNKS = 16;

const handlers = {
  hello(req, res) {
    res.writeHead(200, { "content-type": "text/plain;charset=UTF-8" });
    res.end("hello");
  },
  echo(req, res) {
    const parts = [];
    req.on("data", (c) => parts.push(c));
    req.on("end", () => {
      let body;
      try {
        body = JSON.stringify(JSON.parse(Buffer.concat(parts).toString()));
      } catch {
        res.writeHead(400);
        return res.end(); // a bad body must not end the process (the fetch servers answer 500)
      }
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  },
  stream(req, res) {
    let sent = 0;
    const more = () => {
      while (sent < CHUNKS) {
        sent++;
        if (!res.write(CHUNK)) return res.once("drain", more);
      }
      res.end();
    };
    res.writeHead(200);
    more();
  },
};

const name = process.env.SERVE_WORKLOAD || "hello";
const handler = handlers[name];
if (!handler) throw new Error(`unknown workload ${name} (hello, echo, stream)`);
http.createServer(handler).listen(Number(process.env.SERVE_PORT), "127.0.0.1");
