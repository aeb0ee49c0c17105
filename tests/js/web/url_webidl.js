// URL and URLSearchParams as WebIDL interfaces: lengths, names, enumerability, brand checks,
// argument counts and conversions, statics, toJSON, errors, and how console.log shows them.
console.log(typeof URL, URL.name, URL.length, URLSearchParams.name, URLSearchParams.length);
console.log(Object.keys(URL.prototype));
console.log(Object.keys(URLSearchParams.prototype));
console.log(URL.canParse.length, URL.prototype.toJSON.length, URLSearchParams.prototype.append.length,
  URLSearchParams.prototype.delete.length, URLSearchParams.prototype.has.length,
  URLSearchParams.prototype.forEach.length, URLSearchParams.prototype.set.length);
console.log(Object.prototype.toString.call(new URL("http://x")), String(URL.prototype[Symbol.toStringTag]));
console.log(URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries);
const d = Object.getOwnPropertyDescriptor(URL.prototype, "href");
console.log(typeof d.get, typeof d.set, d.enumerable, d.configurable);
const g = Object.getOwnPropertyDescriptor(globalThis, "URL");
console.log(g.enumerable, g.writable, g.configurable);
function attempt(label, f) {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, e.name, e.message, e.code);
  }
}
attempt("no args", () => new URL());
attempt("call", () => URL("http://x"));
attempt("brand href", () => URL.prototype.href);
attempt("brand get", () => Object.getOwnPropertyDescriptor(URL.prototype, "search").get.call({}));
attempt("brand sp", () => URLSearchParams.prototype.get.call(new URL("http://x"), "a"));
attempt("append 1", () => new URLSearchParams().append("a"));
attempt("get 0", () => new URLSearchParams().get());
attempt("forEach", () => new URLSearchParams().forEach(1));
attempt("symbol", () => new URL(Symbol("x")));
attempt("invalid", () => new URL("x"));
attempt("invalid base", () => new URL("/a", "nope"));
attempt("object", () => new URL({ toString() { return "http://obj.example/"; } }).href);
attempt("base URL", () => new URL("b", new URL("http://h/a/")).href);
attempt("canParse", () => [URL.canParse("http://x"), URL.canParse("x"), URL.canParse("x", "http://h")]);
attempt("canParse 0", () => URL.canParse());
attempt("parse", () => [URL.parse("http://x/")?.href, URL.parse("x"), URL.parse("y", "http://h/")?.href]);
attempt("parse unique", () => URL.parse("http://x/") !== URL.parse("http://x/"));
attempt("toJSON", () => JSON.stringify({ u: new URL("http://x/a b") }));
attempt("toString", () => `${new URL("HTTP://X")}`);
attempt("searchParams setter", () => {
  "use strict";
  new URL("http://x").searchParams = new URLSearchParams();
});
attempt("origin", () => ["http://a:80/", "https://u:p@b:444/", "file:///x", "blob:https://c/d",
  "blob:sc:x", "sc://x/", "ws://w:81", "data:x"].map((h) => new URL(h).origin));
attempt("subclass", () => {
  class My extends URL {}
  const m = new My("http://sub/");
  return [m instanceof URL, m.href, m.constructor.name];
});
console.log(new URL("https://user:pw@example.com:8443/a/b?x=1&y=2#frag"));
console.log(new URL("sc:opaque"));
console.log(new URLSearchParams("a=1&b=two"), new URLSearchParams());
console.log([new URL("http://x/")]);
console.log({ nested: { u: new URL("http://deep/") } });
