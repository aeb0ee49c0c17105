// Headers: validation, case-insensitive lookup, sorted and combined iteration, set-cookie,
// guards (a Response.error()'s headers are immutable), Request/Response init headers.
const h = new Headers({ B: "2", a: "1", "Set-Cookie": "x=1" });
h.append("set-cookie", "y=2");
h.append("A", " 3\t");
console.log([...h]);
console.log(h.get("a"), h.get("SET-COOKIE"), h.getSetCookie(), h.has("b"), h.get("nope"));
h.set("a", "only");
h.delete("b");
console.log([...h.keys()], [...h.values()]);
for (const bad of [["bad name", "v"], ["ok", "a\nb"], ["ok", "\u0100"], ["", "v"]]) {
  try {
    new Headers([bad]);
    console.log("accepted", bad);
  } catch (e) {
    console.log("rejected", JSON.stringify(bad), e.constructor.name);
  }
}
try { new Headers([["a", "b", "c"]]); } catch (e) { console.log("pair of 3:", e.constructor.name); }
try { new Headers(1); } catch (e) { console.log("number init:", e.constructor.name); }
try { Response.error().headers.set("a", "b"); } catch (e) { console.log("immutable:", e.constructor.name); }
const it = new Headers([["b", "1"], ["a", "2"]]).entries();
console.log(Object.prototype.toString.call(it), it.next(), it.next(), it.next());
const seen = [];
new Headers([["z", "1"], ["y", "2"]]).forEach((v, k) => seen.push(k + "=" + v));
console.log(seen.join(","));
const r = new Request("http://example.com/", { headers: [["X-A", "1"], ["x-a", "2"]] });
console.log(r.headers.get("x-a"), new Response("t", { headers: { "content-type": "a/b" } }).headers.get("content-type"));
