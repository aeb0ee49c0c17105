// node:url: file URL <-> path with Node's errors, domains, legacy parse/format/resolve,
// urlToHttpOptions.
import url, { fileURLToPath, pathToFileURL, URL as U2, URLSearchParams as USP } from "node:url";
console.log(Object.keys(url).join(" "), U2 === URL, USP === URLSearchParams);
for (const p of ["/a/b c", "/a/%41?x#y", "/tmp/dir/", "rel/x", "/ü/€", "/a\\b", "/new\nline\ttab\r", "."]) console.log(JSON.stringify(p), pathToFileURL(p).href.replace(process.cwd(), "CWD"));
for (const u of ["file:///a/b%20c", "file:///a/%C3%BC", new URL("file:///x/y"), "file://localhost/etc/x", "file:///a%2fb", "http://x/y", "file://host/a", "notaurl", 5]) {
  try { console.log(fileURLToPath(u)) } catch (e) { console.log(e.name, e.code, e.message) }
}
console.log(url.domainToASCII("español.com"), url.domainToASCII("xn--iñvalid.com"), JSON.stringify(url.domainToASCII("a b")), url.domainToUnicode("xn--espaol-zwa.com"), url.domainToUnicode("xn--fsqu00a.xn--3lr804guic"), JSON.stringify(url.domainToUnicode("xn--iñvalid.com")));
const cases = ["http://user:pass@Host.COM:8080/p/a/t/h?query=string&a=1#hash", "https://example.com", "//x.com/a", "/just/path?q=1", "mailto:a@b.c", "HTTP://X.COM/A B", "file:///etc/passwd", "http://x.com/a?b#c?d", "?q", "#h", "a/b", "http://[::1]:3000/x", "javascript:alert(1)", "http://a.com:/x", "http://ex.com/p?a=1&a=2&b=%20"];
for (const c of cases) { const p = url.parse(c); console.log(JSON.stringify(p), url.format(p)); }
console.log(JSON.stringify(url.parse("http://x.com/a?b=1&b=2&c", true).query), JSON.stringify(url.parse("//x.com/a", false, true)));
console.log(url.format({ protocol: "https", hostname: "ex.com", pathname: "/a b", query: { x: 1, y: [2, 3] } }), url.format({protocol: "http:", host: "a.com:80", search: "q=1", hash: "h"}), url.format("http://A.com/x"));
console.log(url.format(new URL("http://u:p@xn--espaol-zwa.com/a?b#c"), { auth: false, search: false, fragment: false, unicode: true }));
for (const [a, b] of [["/one/two/three", "four"], ["http://example.com/", "/one"], ["http://example.com/one", "/two"], ["http://a.com/b/c", "../d"], ["http://a.com/b/c", "//x.com/y"], ["http://a.com/b/c", "?q=1"], ["a/b/c", "../d"], ["/a/b", ""], ["http://a.com/b", "https://c.com/d"], ["http://a.com", "b"]]) console.log(a, b, url.resolve(a, b));
console.log(JSON.stringify(url.urlToHttpOptions(new URL("https://u:p@a.com:8443/x?y=1#z"))));
