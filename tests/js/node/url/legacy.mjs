// Legacy url.parse (with parseQueryString and slashesDenoteHost) and url.format on many
// kinds of URL, and url.resolve against path and URL bases (RFC 3986's examples).
import url from "node:url";
const cases = [
  "http://example.com", "http://example.com/", "HTTP://EXAMPLE.COM/PATH?Q=1#H", "https://user@host.com", "https://user:@host.com/", "https://:pw@host.com/",
  "http://a@b@c.com/", "http://host.com:99999/", "http://host.com:abc/", "http://host.com?x", "http://host.com#x", "http://host.com/a/../b", "http://host.com/a b?c d#e f",
  "http://host.com/a\\b\\c?d\\e", "http:host.com/path", "http:/host.com/path", "http:///host.com/path", "//host.com:8080/p", "///x", "ftp://ftp.example.com/file.txt",
  "file:/etc/hosts", "file://localhost/etc/hosts", "file:///C:/x", "git+ssh://git@github.com:user/repo.git", "git@github.com:user/repo.git", "ws://a.com/socket", "wss://a.com:443/x",
  "mailto:someone@example.com?subject=hi", "tel:+1-555", "data:text/plain,hello", "urn:isbn:0451450523", "about:blank", "javascript:void(0)", "JavaScript:alert('x y')",
  "  http://trim.com/  ", "http://host.com/{a}|b^c`d", "http://host.com/'quote'\"dq\"<lt>", "http://host_name.com/", "http://-host.com/", "http://a.b.c.d.e/", "http://1.2.3.4:80/",
  "http://[::1]/", "http://[2001:db8::1]:8080/a?b", "http://ÜBER.com/ü", "http://xn--ber-goa.com/", "http://host.com/%7Euser/%zz", "http://host.com/?a=1&b=2&a=3", "?only=query",
  "#only-hash", "/abs/path?x#y", "rel/path", "../up", ".", "", "http://host.com/p;params?q", "http://host.com:/", "http://u:p@[::1]:3/x", "HTTPS://Example.COM:443/A/B?C=D#E",
  "http://host.com/a%2Fb", "http://a.com/\t\n/x", "x:y", "x://y", "a.b+c-d://host", "1http://x", "http://host.com/path#hash#hash2", "http://host.com/path??q", "http://host.com?/#",
];
for (const c of cases) {
  for (const pq of [false, true]) for (const sdh of [false, true]) {
    try { const p = url.parse(c, pq, sdh); console.log(JSON.stringify(c), pq, sdh, JSON.stringify(p), url.format(p)); } catch (e) { console.log(JSON.stringify(c), "ERR", e.code); }
  }
}
const bases = ["http://a.com/b/c/d;p?q", "http://a.com", "http://a.com/b/", "/a/b/c", "a/b/c", "file:///a/b", "http://a.com/b/c?x#y"];
const rels = ["g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "..", "../", "../g", "../..", "../../g", "../../../../g", "", ".", "http://other.com/x", "https:g", "g;x", "g;x?y#s", " g "];
for (const b of bases) for (const r of rels) console.log(JSON.stringify(b), JSON.stringify(r), url.resolve(b, r));
