// Abort after the response resolved: a body not yet read errors with the signal's reason
// (the Fetch standard's abort fetch), also when it had all arrived with the head; a body
// already read stands.
import { HTTP as url } from "./_env.mjs";

const show = (e) => `${e.name}: ${e.message}`;
// Aborted after the response resolved, before the body was read.
let ac = new AbortController();
let r = await fetch(`${url}/hello`, { signal: ac.signal });
ac.abort();
console.log("bodyUsed", r.bodyUsed);
try { console.log("text", await r.text()); } catch (e) { console.log("text after abort:", show(e)); }
// .body read after abort.
ac = new AbortController();
r = await fetch(`${url}/hello`, { signal: ac.signal });
const reader = r.body.getReader();
ac.abort(new Error("custom"));
try { console.log("read", (await reader.read()).done); } catch (e) { console.log("read after abort:", show(e)); }
// Read first, then abort: the text stands.
ac = new AbortController();
r = await fetch(`${url}/hello`, { signal: ac.signal });
console.log("text before abort:", JSON.stringify(await r.text()));
ac.abort();
console.log("after abort, used", r.bodyUsed);
// A clone made before the abort.
ac = new AbortController();
r = await fetch(`${url}/hello`, { signal: ac.signal });
const c = r.clone();
ac.abort();
for (const [name, x] of [["original", r], ["clone", c]]) {
  try { console.log(name, JSON.stringify(await x.text())); } catch (e) { console.log(name, "after abort:", show(e)); }
}
