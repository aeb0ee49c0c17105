// node: skip
// Messages keep their order both ways, and structured-clone values survive the round trip.
const w = new Worker(new URL("./fixtures/echo.js", import.meta.url));
const N = 2000;
let next = 0;
const values = [
  { a: 1, b: [1, 2, { c: "x" }], d: null, e: undefined },
  new Map([[1, "one"], ["two", 2]]),
  new Set([1, "a", 3n]),
  new Date(0),
  /ab+c/gi,
  new Uint16Array([1, 2, 65535]),
  12345678901234567890n,
  "ünïcödé ✓",
  [1, , 3],
  new DOMException("boom", "AbortError"),
  new Blob(["blob bytes"], { type: "text/plain" }),
];
const cyclic = { name: "self" };
cyclic.me = cyclic;
values.push(cyclic);
const got = [];
w.onmessage = async (e) => {
  if (typeof e.data === "number") {
    if (e.data !== next) console.log("out of order:", e.data, "expected", next);
    next++;
    if (next === N) {
      console.log("in order:", N);
      for (const v of values) w.postMessage(v);
    }
    return;
  }
  got.push(e.data);
  if (got.length < values.length) return;
  for (const v of got) {
    if (v instanceof Blob) console.log("Blob", v.type, await v.text());
    else if (v instanceof DOMException) console.log("DOMException", v.name, v.message);
    else if (v && v.me === v) console.log("cyclic kept", v.name);
    else console.log(v);
  }
  w.terminate();
};
for (let i = 0; i < N; i++) w.postMessage(i);
