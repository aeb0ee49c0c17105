// Redirects as the Fetch standard does them: follow (301/302 POST -> GET, 303, 307/308 keep
// the body), manual (an opaque-redirect response), error, loops past 20.
import { HTTP, show } from "./_env.mjs";

const to = (s, path = "/echo") => `${HTTP}/redirect/${s}?to=${encodeURIComponent(path)}`;
for (const s of [301, 302, 303, 307, 308]) {
  const r = await fetch(to(s), { method: "POST", body: "data", headers: { "content-type": "text/plain" } });
  const j = await r.json();
  console.log(s, r.status, r.redirected, r.url === `${HTTP}/echo`, j.method, j.body ?? "",
    j.headers["content-type"] ?? "-");
}
let r = await fetch(to(302), { method: "PUT", body: "x" });
console.log("302 PUT ->", (await r.json()).method);
r = await fetch(to(303), { method: "HEAD" });
console.log("303 HEAD ->", r.status, r.body);
r = await fetch(to(301, to(302, "/hello")));
console.log("chain", r.status, await r.text(), r.redirected);
r = await fetch(to(307, "/hello") + "#keep");
console.log("fragment", r.url === `${HTTP}/hello`);

r = await fetch(to(302), { redirect: "manual" });
console.log("manual", r.type, r.status, r.body, r.url === to(302));
try {
  await fetch(to(302), { redirect: "error" });
} catch (e) {
  console.log("error", e.name, e.message);
}
try {
  await fetch(`${HTTP}/loop`);
} catch (e) {
  console.log("loop", e.name, e.message);
}
r = await fetch(`${HTTP}/redirect/302`); // a redirect status without Location? it has one
console.log("to default", await r.text());
try {
  await fetch(to(307), { method: "POST", body: new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1])); c.close(); } }), duplex: "half" });
} catch (e) {
  console.log("307 stream body", e.name, e.message);
}
