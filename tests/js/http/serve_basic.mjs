// node: skip
// mrt.serve answered through fetch: methods, headers, status, bodies both ways (whole and
// streamed), HEAD, handler errors (500 and onError), shutdown.
const errors = [];
let listened;
const server = mrt.serve({
  port: 0,
  hostname: "127.0.0.1",
  onListen(addr) { listened = addr; },
  onError(err) { errors.push(err.message); return new Response("custom " + err.message, { status: 500 }); },
}, async (req, info) => {
  const url = new URL(req.url);
  switch (url.pathname) {
    case "/hello": return new Response("hello");
    case "/info": return Response.json({
      method: req.method, path: url.pathname, search: url.search,
      ua: req.headers.get("x-test"), remote: info.remoteAddr.hostname,
    });
    case "/echo": return new Response(await req.text(), { headers: { "x-len": String(req.headers.get("content-length")) } });
    case "/json": { const o = await req.json(); return Response.json({ got: o, n: Object.keys(o).length }); }
    case "/status": return new Response(null, { status: 204, headers: { "x-a": "1" } });
    case "/stream": {
      let i = 0;
      return new Response(new ReadableStream({
        pull(c) { if (i < 5) c.enqueue(new TextEncoder().encode(`chunk${i++};`)); else c.close(); },
      }));
    }
    case "/big": return new Response(new Uint8Array(3 * 1024 * 1024).fill(97));
    case "/throw": throw new Error("boom");
    case "/reject": return Promise.reject(new Error("nope"));
    case "/notresponse": return "a string";
    case "/cookies": { const h = new Headers(); h.append("set-cookie", "a=1"); h.append("set-cookie", "b=2"); return new Response("c", { headers: h }); }
    default: return new Response("not found", { status: 404 });
  }
});
console.log("addr", server.addr.hostname, typeof server.addr.port, listened.port === server.addr.port);
const base = `http://127.0.0.1:${server.addr.port}`;

let r = await fetch(base + "/hello");
console.log(r.status, r.headers.get("content-length"), r.headers.has("date"), await r.text());
r = await fetch(base + "/info?q=1", { headers: { "x-test": "abc" } });
console.log(JSON.stringify(await r.json()));
r = await fetch(base + "/echo", { method: "POST", body: "x".repeat(100000) });
const t = await r.text();
console.log("echo", t.length, r.headers.get("x-len"));
r = await fetch(base + "/json", { method: "PUT", body: JSON.stringify({ a: 1, b: [2, 3] }) });
console.log(JSON.stringify(await r.json()));
r = await fetch(base + "/status");
console.log(r.status, r.headers.get("x-a"), r.headers.get("content-length"), JSON.stringify(await r.text()));
r = await fetch(base + "/stream");
console.log(r.headers.get("transfer-encoding"), await r.text());
r = await fetch(base + "/big");
console.log("big", (await r.arrayBuffer()).byteLength);
r = await fetch(base + "/hello", { method: "HEAD" });
console.log("head", r.status, r.headers.get("content-length"), JSON.stringify(await r.text()));
for (const p of ["/throw", "/reject", "/notresponse"]) {
  r = await fetch(base + p);
  console.log(p, r.status, await r.text());
}
console.log(errors.join(" | "));
r = await fetch(base + "/cookies");
console.log(JSON.stringify(r.headers.getSetCookie()));
r = await fetch(base + "/nowhere");
console.log(r.status, await r.text());
await server.shutdown();
console.log("finished");
await server.finished;
try {
  await fetch(base + "/hello");
  console.log("still serving");
} catch (e) {
  console.log("closed:", e.name);
}
