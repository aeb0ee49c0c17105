// A deterministic mixed corpus of 10k URL inputs (with their bases) for url.mjs: http(s) with
// paths and queries, IPv4 (every number form) and IPv6 hosts, IDN hosts, relative references
// against a base, file:, data:, mailto:, percent-encoding. Same inputs on every runtime.
let seed = 12345;
const rnd = (n) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const pick = (a) => a[rnd(a.length)];
const words = ["api", "v1", "users", "items", "search", "static", "img", "docs", "index.html",
  "a", "b", "..", ".", "%7Euser", "caf%C3%A9", "file name", "x y", "über", "q"];
const hosts = ["example.com", "www.example.org", "EXAMPLE.COM", "sub.domain.co.uk", "localhost",
  "a-b.c-d.net", "cdn.example.net", "192.168.0.1", "0x7f.0.0.1", "3232235521", "0300.0250.1",
  "[::1]", "[2001:db8::8a2e:370:7334]", "[::ffff:1.2.3.4]", "münchen.de", "bücher.example",
  "日本.jp", "xn--nxasmq6b.com"];
const path = () => {
  let p = "";
  for (let i = 0, n = 1 + rnd(4); i < n; i++) p += "/" + pick(words);
  return p;
};
const query = () => {
  if (rnd(2)) return "";
  let q = "?";
  for (let i = 0, n = 1 + rnd(3); i < n; i++) q += (i ? "&" : "") + pick(words) + "=" + pick(words);
  return q;
};
export const corpus = [];
for (let i = 0; i < 10000; i++) {
  const k = rnd(20);
  let input, base;
  if (k < 9) {
    input = `${pick(["http", "https", "HTTP"])}://${rnd(8) ? "" : "user:pw@"}${pick(hosts)}` +
      `${rnd(6) ? "" : ":" + pick(["80", "443", "8080", "3000"])}${path()}${query()}` +
      `${rnd(5) ? "" : "#" + pick(words)}`;
  } else if (k < 13) {
    input = pick(["", "./", "../", "/", "?x=1", "#h", "//other.example/"]) + path().slice(1) + query();
    base = `https://${pick(hosts)}${path()}${query()}`;
  } else if (k < 15) {
    input = `file://${pick(["", "/", "localhost/", "server/share/"])}${pick(["C:", "c|", "home", "tmp"])}${path()}`;
  } else if (k < 17) {
    input = `data:${pick(["text/plain", "image/png;base64", "text/html"])},${pick(words)}%20${pick(words)}`;
  } else if (k < 18) {
    input = `mailto:${pick(words)}@${pick(hosts)}?subject=${pick(words)}`;
  } else {
    input = `https://${pick(hosts)}/${pick(["%41%42", "a%2fb", "%E2%82%AC", "space here", "<tag>", "`q`"])}${query()}`;
  }
  corpus.push([input, base]);
}
