// GET, POST bodies of each kind, HEAD, null-body statuses, headers both ways.
import { HTTP } from "./_env.mjs";

let r = await fetch(`${HTTP}/hello`);
console.log(r.status, r.statusText, r.ok, r.url === `${HTTP}/hello`, r.redirected, r.type);
console.log(r.headers.get("content-length"), await r.text());

r = await fetch(`${HTTP}/echo?x=1#frag`, { method: "POST", body: "a body",
  headers: { "x-one": "1", "content-type": "text/plain" } });
let j = await r.json();
console.log(j.method, j.url, j.body, j.headers["x-one"], j.headers["content-type"],
  j.headers["content-length"], "expect" in j.headers);

r = await fetch(`${HTTP}/echo`, { method: "POST", body: new Uint8Array([104, 105]) });
j = await r.json();
console.log(j.method, j.body, j.headers["content-type"] ?? "no content-type");

r = await fetch(`${HTTP}/echo`, { method: "PUT", body: new URLSearchParams({ a: "1 2" }) });
j = await r.json();
console.log(j.method, j.body, j.headers["content-type"]);

r = await fetch(`${HTTP}/echo`, { method: "POST" });
j = await r.json();
console.log(j.method, j.length, j.headers["content-length"]);

r = await fetch(`${HTTP}/echo`, { method: "DELETE" });
console.log((await r.json()).method);

r = await fetch(`${HTTP}/echo`, { method: "PATCH", body: "p" });
j = await r.json();
console.log(j.method, j.body);

r = await fetch(`${HTTP}/hello`, { method: "HEAD" });
console.log("HEAD", r.status, r.body);

for (const s of [204, 304, 404, 500]) {
  r = await fetch(`${HTTP}/status/${s}`);
  console.log(s, r.status, r.ok, r.body === null, JSON.stringify(await r.text()));
}
r = await fetch(`${HTTP}/status/599?text=Custom%20Reason`);
console.log(r.status, r.statusText);

r = await fetch(`${HTTP}/headers`);
console.log(r.headers.getSetCookie(), [...r.headers.get("x-latin1")].map((c) => c.charCodeAt(0)).join(","), JSON.stringify(r.headers.get("x-empty")));
await r.text();
