// URLSearchParams: construction from a string, a record and a sequence, the methods, sorting
// by UTF-16 code units, the live iterators, form-urlencoded parsing and serializing.
const p = new URLSearchParams("?a=1&b=2&a=3&&c&d=&e=%zz&f=%C3%A9+%F0%9F%98%80&g=%FF%C3(&h=a%2Bb+c");
console.log(p.toString(), p.size);
console.log(p.get("a"), p.getAll("a"), p.get("zz"), p.has("c"), p.has("a", "3"), p.has("a", "4"));
console.log(JSON.stringify(p.get("e")), JSON.stringify(p.get("f")), JSON.stringify(p.get("g")), p.get("h"));
p.append("a", "4");
p.delete("a", "1");
console.log(p.getAll("a"));
p.set("a", "x");
console.log(p.toString());
p.delete("a");
console.log(p.toString());
console.log(new URLSearchParams({ x: 1, y: "two words", "ü": "ö" }).toString());
console.log(new URLSearchParams([["a", "1"], ["b", "~!'()*"]]).toString());
console.log(new URLSearchParams(new Map([["m", "1"], ["n", "2"]])).toString());
console.log(new URLSearchParams(new URLSearchParams("copy=1")).toString());
console.log(new URLSearchParams("a=\ud800b&\udc00=1").toString());
for (const bad of [[["a"]], [["a", "b", "c"]], [1], "ok"]) {
  try {
    console.log(new URLSearchParams(bad).toString());
  } catch (e) {
    console.log(e.name, e.message);
  }
}
const s = new URLSearchParams("z=1&a=2&\u{1F308}=3&\uFB03=4&a=1&=5");
s.sort();
console.log([...s]);
console.log([...s.keys()], [...s.values()]);
const it = s.entries();
console.log(it.next());
s.delete("");
console.log(it.next(), it.next());
s.append("late", "1");
let r;
while (!(r = it.next()).done) console.log(r.value);
console.log(it.next());
const seen = [];
s.forEach(function (value, key, obj) {
  seen.push(`${key}=${value}`, obj === s, this === globalThis || this === undefined);
}, undefined);
console.log(seen);
console.log(Object.prototype.toString.call(it), Object.prototype.toString.call(s));
console.log(typeof it[Symbol.iterator], it[Symbol.iterator]() === it);
console.log(String(new URLSearchParams("a=b c")), `${new URLSearchParams("x=%20")}`);
// Round trip of every byte-ish character.
let all = "";
for (let c = 0; c < 0x100; c++) all += String.fromCharCode(c);
const rt = new URLSearchParams();
rt.append(all, all + "\u20ac\u{10348}");
const back = new URLSearchParams(rt.toString());
console.log(rt.toString());
console.log(back.get(all) === all + "\u20ac\u{10348}");
const big = new URLSearchParams("k=" + "v%20".repeat(100000));
console.log(big.get("k").length);
