// URL setters (the spec's state overrides) and the live link between url.search and
// url.searchParams.
function show(label, u) {
  console.log(label.padEnd(36), u.href, "|", u.host, "|", u.pathname, "|", u.search, "|", u.hash);
}
const cases = [
  ["http://a.com/p?q#h", "protocol", "https"], ["http://a.com/p", "protocol", "HTTPS:foo"],
  ["http://a.com/p", "protocol", "sc"], ["sc://a.com/p", "protocol", "http"],
  ["http://a.com:443/p", "protocol", "https"], ["http://u@a.com/p", "protocol", "file"],
  ["file:///x", "protocol", "http"], ["http://a.com/", "protocol", "1x"],
  ["http://a.com/", "username", "us er@:x"], ["http://a.com/", "password", "p:w@/"],
  ["file:///x", "username", "u"], ["sc:opaque", "username", "u"],
  ["http://a.com/", "host", "b.org:8080"], ["http://a.com:1/", "host", "b.org"],
  ["http://a.com/", "host", "b.org:"], ["http://a.com/", "host", ""],
  ["http://a.com/", "host", "[::1]:99"], ["http://a.com/", "host", "x y"],
  ["sc://a.com/", "host", ""], ["sc://u@a.com/", "host", ""], ["sc:opaque", "host", "x"],
  ["file://a/x", "host", "localhost"], ["http://a.com/", "host", "münchen.de"],
  ["http://a.com:8/", "hostname", "b.org:9"], ["http://a.com/", "hostname", "0x7f.1"],
  ["http://a.com/", "port", "8080"], ["http://a.com/", "port", "80"],
  ["http://a.com:9/", "port", ""], ["http://a.com/", "port", "12ab"],
  ["http://a.com/", "port", "ab"], ["http://a.com/", "port", "65536"], ["file:///x", "port", "1"],
  ["http://a.com/x", "pathname", "a b/../c?#"], ["http://a.com/x", "pathname", ""],
  ["sc://h/x", "pathname", ""], ["sc:/x", "pathname", "//y"], ["sc:opaque", "pathname", "x"],
  ["file:///x", "pathname", "C|/y"], ["http://a.com/", "pathname", "\\a\\b"],
  ["http://a.com/?x", "search", "a=b c&'d'#e"], ["sc://a/?x", "search", "?'q'"],
  ["http://a.com/?x#h", "search", ""], ["http://a.com/", "search", "?"],
  ["http://a.com/#x", "hash", "y z`"], ["http://a.com/#x", "hash", ""], ["http://a.com/", "hash", "#"],
];
for (const [href, attr, value] of cases) {
  const u = new URL(href);
  u[attr] = value;
  show(`${href} .${attr}=${JSON.stringify(value)}`, u);
}
const u = new URL("http://example.com/?a=1&b=2#frag");
try {
  u.href = "not a url";
} catch (e) {
  console.log(e.name, e.message, e.code, e.input);
}
u.href = "https://other.example/x?y=1";
console.log(u.href, u.searchParams.get("y"));
// searchParams live both ways
const sp = u.searchParams;
console.log(sp === u.searchParams, sp.toString());
sp.append("q", "a b&c=d/é");
console.log(u.href, u.search);
u.search = "?z=9&z=10";
console.log(sp.getAll("z"), sp.size);
sp.delete("z");
console.log(JSON.stringify(u.href), JSON.stringify(u.search));
u.hash = "h";
sp.set("k", "v");
console.log(u.href);
sp.sort();
u.href = "http://x/?b=2&a=1";
console.log([...sp], u.searchParams === sp);
sp.sort();
console.log(u.href);
u.search = "";
console.log(sp.size, u.href);
