// node: skip
// ES2026 Uint8Array.fromBase64 / prototype.toBase64 / prototype.setFromBase64 (TC39
// proposal-arraybuffer-base64). Node 20 lacks them: .out checked against deno and bun.
const bytes = (u) => Array.from(u).join(",");
const err = (f) => {
  try {
    const r = f();
    return "ok " + (r instanceof Uint8Array ? bytes(r) : JSON.stringify(r));
  } catch (e) {
    return e.constructor.name;
  }
};

// The shape of built-ins.
for (const [obj, where, k] of [[Uint8Array, "Uint8Array", "fromBase64"],
  [Uint8Array.prototype, "Uint8Array.prototype", "toBase64"],
  [Uint8Array.prototype, "Uint8Array.prototype", "setFromBase64"]]) {
  const d = Object.getOwnPropertyDescriptor(obj, k);
  console.log(where, k, typeof d.value, d.value.name, d.value.length, d.writable, d.enumerable,
    d.configurable, Object.hasOwn(d.value, "prototype"), err(() => new d.value("")));
}
console.log(Object.keys(Uint8Array).length, Object.keys(Uint8Array.prototype).length);

// RFC 4648's test vectors, both ways.
const vectors = ["", "f", "fo", "foo", "foob", "fooba", "foobar"];
for (const v of vectors) {
  const u = new TextEncoder().encode(v);
  const b = u.toBase64();
  console.log(JSON.stringify(v), b, u.toBase64({ omitPadding: true }),
    bytes(Uint8Array.fromBase64(b)) === bytes(u));
}

// Every length 0..100 and some larger ones round-trip, in both alphabets, with and without
// padding (the bulk loops work in blocks of 24 bytes / 32 characters: the edges are these).
let ok = 0, total = 0;
for (const n of [...Array(101).keys(), 255, 256, 257, 1000, 1023, 1024, 4095, 4096, 4097, 70000]) {
  const u = new Uint8Array(n);
  for (let i = 0; i < n; i++) u[i] = (i * 2654435761 + n) >>> 24;
  for (const alphabet of ["base64", "base64url"]) {
    for (const omitPadding of [false, true]) {
      total++;
      const s = u.toBase64({ alphabet, omitPadding });
      const back = Uint8Array.fromBase64(s, { alphabet });
      const into = new Uint8Array(n + 3);
      const r = into.setFromBase64(s, { alphabet });
      if (bytes(back) === bytes(u) && r.read === s.length && r.written === n &&
          bytes(into.subarray(0, n)) === bytes(u) && (omitPadding || s.length % 4 === 0)) ok++;
    }
  }
}
console.log("round trips", ok, "of", total);
// The characters: every byte value in the standard and the URL alphabet.
const all = new Uint8Array(256).map((_, i) => i);
console.log(all.toBase64());
console.log(all.toBase64({ alphabet: "base64url" }));

// Alphabets: '+' '/' only in base64, '-' '_' only in base64url.
console.log(err(() => Uint8Array.fromBase64("-_-_")), err(() => Uint8Array.fromBase64("+/+/")));
console.log(err(() => Uint8Array.fromBase64("-_-_", { alphabet: "base64url" })),
  err(() => Uint8Array.fromBase64("+/+/", { alphabet: "base64url" })));

// ASCII whitespace (tab, LF, FF, CR, space) is skipped anywhere; other whitespace is not.
console.log(err(() => Uint8Array.fromBase64(" Zm9v\tYmFy\n\f\r ")),
  err(() => Uint8Array.fromBase64("Zm9v\vYmFy")), err(() => Uint8Array.fromBase64("Zm9v\u00a0YmFy")),
  err(() => Uint8Array.fromBase64("Zg = =")), err(() => Uint8Array.fromBase64("  ")));
// A character above U+00FF (a two-byte string) is not in the alphabet, whatever its low byte.
console.log(err(() => Uint8Array.fromBase64("Zm9v\u0141")), err(() => Uint8Array.fromBase64("Zm9vYmFy\u20ac")),
  err(() => Uint8Array.fromBase64("Zm9v" + "\u0100".slice(1) + "YmFy")));

// lastChunkHandling.
for (const s of ["Zg==", "Zg", "Zh==", "Zh", "Zm8=", "Zm8", "Zm9=", "Zg=", "Zg===", "Z", "Z===", "=",
  "Zm9vYg", "Zm9vYg=", "Zm9vYmE", "Zm9v=", "Zg==Zg==", "Zg== ", "Zg= =", "Zm 9v Yg"]) {
  console.log(JSON.stringify(s), ["loose", "strict", "stop-before-partial"].map(
    (lastChunkHandling) => err(() => Uint8Array.fromBase64(s, { lastChunkHandling }))).join(" | "));
}

// Options: read in the spec's order, each once, never converted.
const log = [];
const spy = (name, value) => ({
  get [name]() {
    log.push(name);
    return value;
  },
});
const opts = Object.assign(Object.create(null), {});
Object.defineProperties(opts, {
  alphabet: Object.getOwnPropertyDescriptor(spy("alphabet", "base64url"), "alphabet"),
  lastChunkHandling: Object.getOwnPropertyDescriptor(spy("lastChunkHandling", "strict"), "lastChunkHandling"),
  omitPadding: Object.getOwnPropertyDescriptor(spy("omitPadding", 1), "omitPadding"),
});
console.log(bytes(Uint8Array.fromBase64("-_8", { ...{}, __proto__: opts, lastChunkHandling: "loose" })), log.join());
log.length = 0;
console.log(new Uint8Array([251, 255]).toBase64(opts), log.join());
log.length = 0;
console.log(err(() => Uint8Array.fromBase64("Zg", opts)), log.join());
console.log(err(() => Uint8Array.fromBase64("Zg", { alphabet: new String("base64") })),
  err(() => Uint8Array.fromBase64("Zg", { alphabet: "BASE64" })),
  err(() => Uint8Array.fromBase64("Zg", { lastChunkHandling: "Loose" })),
  err(() => Uint8Array.fromBase64("Zg", { lastChunkHandling: { toString: () => "loose" } })),
  err(() => Uint8Array.fromBase64("Zg", null)), err(() => Uint8Array.fromBase64("Zg", "x")),
  err(() => Uint8Array.fromBase64("Zg", () => {})), err(() => Uint8Array.fromBase64("Zg", [])));
console.log(new Uint8Array([1]).toBase64({ omitPadding: "" }), new Uint8Array([1]).toBase64({ omitPadding: {} }),
  new Uint8Array([1]).toBase64(undefined), err(() => new Uint8Array([1]).toBase64(null)));

// The string argument is not converted; the receiver of fromBase64 is ignored.
console.log(err(() => Uint8Array.fromBase64(new String("Zg=="))), err(() => Uint8Array.fromBase64()),
  err(() => Uint8Array.fromBase64(1234)), Uint8Array.fromBase64.call(Int8Array, "Zg==").constructor.name);
// A bad string is reported before the options are read.
log.length = 0;
console.log(err(() => Uint8Array.fromBase64(5, opts)), log.length);

// toBase64's receiver: a Uint8Array (a subclass too), nothing else; a detached buffer
// (options read first) is a TypeError.
class Sub extends Uint8Array {}
console.log(new Sub([1, 2, 3]).toBase64(), Buffer.from([4, 5, 6]).toBase64 ? "buffer has it" : "",
  err(() => Uint8Array.prototype.toBase64.call(new Int8Array(3))),
  err(() => Uint8Array.prototype.toBase64.call(new Uint8ClampedArray(3))),
  err(() => Uint8Array.prototype.toBase64.call([1, 2])),
  err(() => Uint8Array.prototype.toBase64.call(new DataView(new ArrayBuffer(3)))));
const det = new Uint8Array(4);
console.log(err(() => det.toBase64({ get alphabet() { det.buffer.transfer(); return "base64"; } })),
  err(() => det.toBase64()), err(() => det.toBase64({ get omitPadding() { throw new RangeError(); } })));
// A view of part of a buffer encodes its own bytes only.
const whole = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
console.log(whole.subarray(2, 5).toBase64(), new Uint8Array(whole.buffer, 7).toBase64());

// setFromBase64: {read, written}, stops when the target is full (never in mid-chunk); what
// follows a chunk that fills it is not read (3, "Zm9v!": deno and bun throw here, the spec
// and test262's trailing-garbage.js say no error).
for (const [size, s] of [[0, "Zm9vYmFy"], [0, "!!!"], [1, "Zm9vYmFy"], [2, "Zm9vYmFy"], [3, "Zm9vYmFy"],
  [4, "Zm9vYmFy"], [5, "Zm9vYmFy"], [6, "Zm9vYmFy"], [9, "Zm9vYmFy"], [3, "Zm9v YmFy"], [3, "Zm9v!"],
  [4, "Zm9vYg=="], [4, "Zm9vYg"], [4, "Zm9vYmE="], [5, "Zm9vYmE"], [1, "Zg=="], [1, "Zm8="], [2, " Zm8 = "]]) {
  const into = new Uint8Array(size).fill(255);
  console.log(size, JSON.stringify(s), err(() => into.setFromBase64(s)), bytes(into));
}
for (const lastChunkHandling of ["loose", "strict", "stop-before-partial"]) {
  const into = new Uint8Array(8).fill(255);
  console.log(lastChunkHandling, err(() => into.setFromBase64("Zm9vYmFyYg", { lastChunkHandling })), bytes(into));
}
// An error after whole chunks: those chunks are written, nothing after them.
for (const s of ["Zm9vYmFy!Zm9v", "Zm9vYmE!", "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9v$"]) {
  const into = new Uint8Array(40).fill(255);
  console.log(err(() => into.setFromBase64(s)), bytes(into));
}
// Into a subarray: the bytes around it stay.
const outer = new Uint8Array(10).fill(9);
console.log(JSON.stringify(outer.subarray(2, 7).setFromBase64("AQIDBAUGBwg=")), bytes(outer));
// Checks in order: receiver, string, options, then the buffer (detached by a getter).
log.length = 0;
console.log(err(() => Uint8Array.prototype.setFromBase64.call(new Int8Array(4), 5, opts)), log.length,
  err(() => new Uint8Array(4).setFromBase64(5, opts)), log.length,
  err(() => new Uint8Array(4).setFromBase64("Zg==", 5)));
const det2 = new Uint8Array(4);
console.log(err(() => det2.setFromBase64("Zg==", { get alphabet() { det2.buffer.transfer(); } })),
  err(() => det2.setFromBase64("Zg==")), err(() => det2.setFromBase64("!!")));
