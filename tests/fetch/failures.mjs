// Failures: refused, reset mid-body, bad TLS certificate, slow server with
// AbortSignal.timeout, abort mid-stream, invalid URLs and schemes.
import { HTTP, HTTPS, show } from "./_env.mjs";

try {
  await fetch("http://127.0.0.1:1/");
} catch (e) {
  console.log("refused:", show(e), e.cause instanceof Error);
}
let r = await fetch(`${HTTP}/reset`);
console.log("reset head", r.status);
try {
  await r.arrayBuffer();
  console.log("no error?");
} catch (e) {
  console.log("reset body:", e.name);
}
try {
  await fetch(`${HTTPS}/hello`);
} catch (e) {
  console.log("self-signed:", show(e));
}
try {
  await fetch(`${HTTP}/slow?ms=3000`, { signal: AbortSignal.timeout(100) });
} catch (e) {
  console.log("timeout:", e.name);
}
const ac = new AbortController();
r = await fetch(`${HTTP}/slow?ms=300`, { signal: ac.signal });
const reader = r.body.getReader();
console.log("first chunk", new TextDecoder().decode((await reader.read()).value));
ac.abort(new Error("stop"));
try {
  await reader.read();
} catch (e) {
  console.log("aborted mid-body:", e.message);
}
const ac2 = new AbortController();
ac2.abort();
try {
  await fetch(`${HTTP}/hello`, { signal: ac2.signal });
} catch (e) {
  console.log("aborted before:", e.name);
}
for (const u of ["nope", "http://", "ftp://127.0.0.1/x", "about:blank", "http://a b/"]) {
  try {
    await fetch(u);
  } catch (e) {
    console.log(JSON.stringify(u), e.name);
  }
}
