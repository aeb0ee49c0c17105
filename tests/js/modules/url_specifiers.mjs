// Module specifiers resolve as `new URL(spec, referrer)` does (the WHATWG parser, shared with
// URL): spaces and non-ASCII percent-encoded, dot segments removed, query and fragment kept,
// one module for every spelling of its URL.
import { u } from "./fixtures/url dir/m é.mjs";
const rel = (s) => s.slice(s.indexOf("/fixtures/"));
console.log(rel(u));
const again = await import("./fixtures/url%20dir/m%20%C3%A9.mjs");
console.log(again.u === u);
const dotted = await import("./fixtures/./url dir/../url dir/m é.mjs?x#y");
console.log(rel(dotted.u));
console.log(u === new URL("./fixtures/url dir/m é.mjs", import.meta.url).href);
try {
  await import("file://a b/x.mjs");
} catch (e) {
  console.log(e.constructor.name);
}
