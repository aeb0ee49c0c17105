// Request and Response: bodies from every BodyInit kind, the body mixin, bodyUsed and the
// errors for a used body, clone (tee), status rules, static constructors, request init rules.
const show = async (label, p) => {
  try { console.log(label, await p); } catch (e) { console.log(label, "threw", e.constructor.name); }
};
const enc = new TextEncoder();

await show("string text", new Response("héllo").text());
await show("bytes", new Response(enc.encode("abc")).bytes());
await show("arrayBuffer len", new Response(new Uint16Array([1, 2])).arrayBuffer().then((b) => b.byteLength));
await show("blob body", new Response(new Blob(["blob!"], { type: "text/x" })).text());
await show("json", new Response('{"a":[1,2]}').json());
await show("bad json", new Response("{").json());
await show("lone surrogate", new Response("a\uD800b").text().then((t) => [...t].map((c) => c.charCodeAt(0))));
await show("usp", new Response(new URLSearchParams("a=1&b=2")).text());
const streamBody = () => new ReadableStream({ start(c) { c.enqueue(enc.encode("st")); c.enqueue(enc.encode("ream")); c.close(); } });
await show("stream", new Response(streamBody()).text());

const r = new Response("once");
console.log("bodyUsed before", r.bodyUsed);
await r.text();
console.log("bodyUsed after", r.bodyUsed);
await show("second read", r.text());
try { r.clone(); } catch (e) { console.log("clone used:", e.constructor.name); }

const s = new Response(streamBody());
const c = s.clone();
console.log("tee", await s.text(), await c.text());
const b = new Response("x").body;
console.log("body is stream", b instanceof ReadableStream, (await b.getReader().read()).value);

console.log("content-types", [
  new Response("s").headers.get("content-type"),
  new Response(new Blob([], { type: "Image/PNG" })).headers.get("content-type"),
  new Response(new Uint8Array(1)).headers.get("content-type"),
  new Response(new URLSearchParams("")).headers.get("content-type"),
  new Response(new FormData()).headers.get("content-type").split(";")[0],
]);

const fd = new FormData();
fd.append("name", "va\nlue");
fd.append("file", new File(["contents"], "f.txt", { type: "text/plain" }));
const back = await new Response(fd).formData();
console.log("formData round trip", back.get("name"), back.get("file").name, back.get("file").type, await back.get("file").text());
const urlenc = await new Response("a=1&a=2&b=%20", { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
console.log("urlencoded", [...urlenc]);
await show("formData wrong type", new Response("x").formData());

for (const status of [199, 600, 0]) {
  try { new Response("", { status }); } catch (e) { console.log("status", status, e.constructor.name); }
}
try { new Response("x", { status: 204 }); } catch (e) { console.log("204 with body:", e.constructor.name); }
console.log("204 no body", new Response(null, { status: 204 }).status);
try { new Response("", { statusText: "a\nb" }); } catch (e) { console.log("statusText:", e.constructor.name); }
const ok = new Response("", { status: 299, statusText: "Fine" });
console.log(ok.ok, ok.status, ok.statusText, ok.type, ok.url, ok.redirected);

const e = Response.error();
console.log("error", e.type, e.status, e.body);
const rd = Response.redirect("http://example.com/a b", 307);
console.log("redirect", rd.status, rd.headers.get("location"));
try { Response.redirect("http://x/", 200); } catch (err) { console.log("redirect 200:", err.constructor.name); }
const j = Response.json({ a: 1 }, { status: 201 });
console.log("Response.json", j.status, j.headers.get("content-type"), await j.text());
try { Response.json(undefined); } catch (err) { console.log("json undefined:", err.constructor.name); }

const req = new Request("http://example.com/p?q#h", { method: "post", body: "data", redirect: "manual" });
console.log(req.method, req.url, req.redirect, req.mode, req.credentials, req.cache, req.headers.get("content-type"), req.duplex);
console.log("patch stays", new Request("http://x/", { method: "patch" }).method);
for (const init of [{ method: "GET", body: "x" }, { method: "CONNECT" }, { method: "bad method" },
  { mode: "navigate" }, { body: streamBody(), method: "POST" }, { redirect: "nope" }]) {
  try { new Request("http://x/", init); console.log("accepted", Object.keys(init)); } catch (err) { console.log("rejected", Object.keys(init).join("+"), err.constructor.name); }
}
try { new Request("http://u:p@x/"); } catch (err) { console.log("credentials:", err.constructor.name); }
const withStream = new Request("http://x/", { method: "POST", body: streamBody(), duplex: "half" });
console.log("stream request", await withStream.text());

const ac = new AbortController();
const src = new Request("http://x/", { signal: ac.signal, method: "PUT", body: "moved" });
const copy = new Request(src);
console.log("input used after copy", src.bodyUsed, await copy.text());
const cl = copy.clone ? new Request("http://x/", { signal: ac.signal }).clone() : null;
ac.abort("why");
console.log("signals follow", copy.signal.aborted, copy.signal.reason, cl.signal.aborted);
const rc = new Request("http://x/", { method: "POST", body: "twice" });
const rc2 = rc.clone();
console.log("request clone", await rc.text(), await rc2.text());
console.log(Object.prototype.toString.call(req), Object.prototype.toString.call(ok), Object.prototype.toString.call(req.headers));
