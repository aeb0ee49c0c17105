// URL parsing: special and non-special schemes, hosts (domains, IPv4 number forms, IPv6,
// IDNA), file: quirks, relative resolution against a base, percent-encoding, failures.
const fields = ["href", "origin", "protocol", "username", "password", "host", "hostname",
  "port", "pathname", "search", "hash"];
function show(input, base) {
  let u;
  try {
    u = base === undefined ? new URL(input) : new URL(input, base);
  } catch (e) {
    console.log(JSON.stringify(input), "->", e.name, e.message, e.code);
    return;
  }
  console.log(JSON.stringify(input), base === undefined ? "" : `(base ${base})`);
  console.log("  " + fields.map((f) => `${f}=${JSON.stringify(u[f])}`).join(" "));
}
const cases = [
  "http://example.com", "HTTPS://User:Pass@EXAMPLE.com:443/a/./b/../c?q=1 2#f g",
  "http://example.com:8080/", "ws://x:80/", "wss://x:443", "ftp://x:21/a",
  "http://a/b/c/./../../g", "http://a/%2e%2E/x", "http://a/b/%2e%2e/c",
  "http://[::1]:3000/", "http://[2001:db8::ff00:42:8329]/", "http://[::ffff:192.168.0.1]/",
  "http://[1:0:0:1:0:0:0:1]/", "http://[0:0:0:0:0:0:0:0]/", "http://[::1.2.3]/",
  "http://[1::2::3]/", "http://[g::]/",
  "http://192.168.0.1/", "http://0x7f.1/", "http://0300.0250.0.1/", "http://4294967295/",
  "http://4294967296/", "http://1.2.3.256/", "http://1.2.3.4.5/", "http://0x/", "http://1.2.3.09/",
  "http://example.1/", "http://foo.09", "http://1.2.3.4./",
  "http://münchen.de/", "http://ÄÖÜ.example/", "http://xn--mnchen-3ya.de/", "http://faß.de/",
  "http://日本語.jp/パス?クエリ#フラグ", "http://a%41.com/", "http://a b/", "http://a<b/",
  "http://%zz/", "http://\u200d.com/",
  "non-special://host/path", "non-special://Host:0/", "sc://a b/", "sc://%41/", "sc:opaque path?q#h",
  "sc:/a/b/../c", "sc://h", "sc:", "sc:/", "web+demo:/.//not-a-host/", "sc:// /",
  "mailto:someone@example.com?subject=hi there", "data:text/plain,hello world#frag",
  "javascript:alert(1)", "blob:https://example.com/uuid", "blob:foo",
  "file:///C:/Windows/../x", "file:///c|/x", "file://localhost/etc/hosts", "file://host/share",
  "file:/a/b", "file:a", "file:", "file:///", "file://C:/", "file:C|/m/",
  "  \t http://ex\nample.com/\r  ", "http://example.com/\u0000x", "http://ex ample.com",
  "http://[", "http://example.com:65536/", "http://example.com:65535/", "http://example.com:0x/",
  "http://example.com:/", "http://@example.com/", "http://user@/", "http://:@example.com/",
  "http://a:b@c:d@e/", "http:example.com", "http:/example.com", "http:\\\\example.com\\a\\b",
  "", "noscheme", "1http://x/", "a+b-c.d:x", "HTTP://X/?a'b\"c<d>e", "sc://x/?a'b",
  "http://x/#a`b c", "http://x/a{c}d|e", "http://x/\ud800", "http://x/?\udc00#\ud800",
];
for (const c of cases) show(c);
const relative = [
  ["g", "http://a/b/c/d;p?q"], ["./g", "http://a/b/c/d;p?q"], ["/g", "http://a/b/c/d;p?q"],
  ["//g", "http://a/b/c/d;p?q"], ["?y", "http://a/b/c/d;p?q"], ["#s", "http://a/b/c/d;p?q"],
  ["../../../g", "http://a/b/c/d;p?q"], ["", "http://a/b/c/d;p?q#f"], ["g;x?y#s", "http://a/b/c/d;p?q"],
  ["\\x", "http://a/b/"], ["https:x", "http://a/b"], ["http:x", "http://a/b/"],
  ["#x", "sc:opaque"], ["x", "sc:opaque"], ["C|/x", "file:///D:/y"], ["/x", "file:///D:/y"],
  ["..", "file:///C:/"], ["x", "file://host/a/b"], ["?q", "file:///a"], ["//h/p", "file:///a"],
  ["x", "not a url"], ["a", "sc://h/b/c"], ["http://x", "http://a"],
];
for (const [i, b] of relative) show(i, b);
// Long and odd input: an error or a correct result, never a crash.
const long = "http://example.com/" + "a".repeat(1 << 20);
console.log(new URL(long).pathname.length);
console.log(new URL("http://x/?" + "%".repeat(100000)).search.length);
console.log(URL.canParse("http://" + "a".repeat(1 << 20) + ".com"));
console.log(URL.canParse("http://[" + "1:".repeat(100000) + "]"));
console.log(new URL("http://x/" + "\ud83d".repeat(3)).pathname);
