// Blob: parts of every kind, type normalization, slice (negative and fractional indices,
// content type), text/arrayBuffer/bytes, the WebIDL shape and bad arguments. Where node 20
// is wrong (fractional or NaN slice indices abort it, bytes() throws on a bad this and is not
// enumerable) the cases are in blob_webidl.js.
(async () => {
  const show = async (label, b) =>
    console.log(label, b.size, JSON.stringify(b.type), JSON.stringify(await b.text()));

  await show("empty", new Blob());
  await show("undefined", new Blob(undefined));
  await show("strings", new Blob(["a", "é", "\u{1F600}"], { type: "Text/Plain;Charset=UTF-8" }));
  await show("lone surrogate", new Blob(["x\ud800y"]));
  await show("numbers", new Blob([1, null, undefined, true, {}]));
  const u16 = new Uint16Array([0x4241, 0x4443]);
  await show("views", new Blob([u16, u16.buffer, new Uint8Array(u16.buffer, 1, 2),
    new DataView(u16.buffer, 2)]));
  const inner = new Blob(["inner"]);
  await show("blobs", new Blob([inner, "-", inner]));
  await show("iterable", new Blob({ *[Symbol.iterator]() { yield "g"; yield "en"; } }));
  await show("string object", new Blob(new String("xyz")));
  await show("transparent endings", new Blob(["a\r\nb\rc\n"], { endings: "transparent" }));
  for (const type of ["", "A/B", " image/gif ", "\u00e5", "a\tb", "x\u007f", "ok;q=1"]) {
    console.log("type", JSON.stringify(type), JSON.stringify(new Blob([], { type }).type));
  }

  // The parts are copied: changing the source afterwards changes nothing.
  const src = new Uint8Array([65, 66, 67]);
  const copied = new Blob([src]);
  src[0] = 90;
  await show("copied", copied);

  const b = new Blob(["0123456789"]);
  const cases = [[], [2], [-3], [2, 5], [5, 2], [-100, 100],
    [undefined, -2], [0, 10, "TEXT/X"], [0, 0, null], [3, 6, "\u00ff"]];
  for (const args of cases) await show(`slice(${args.map((a) => JSON.stringify(a))})`, b.slice(...args));
  await show("slice of slice", b.slice(2, 8).slice(1, -1));

  const ab = await new Blob(["hi", new Uint8Array([0, 255])]).arrayBuffer();
  console.log("arrayBuffer", ab instanceof ArrayBuffer, ab.byteLength, [...new Uint8Array(ab)]);
  const bytes = await new Blob(["hey"]).slice(1).bytes();
  console.log("bytes", bytes instanceof Uint8Array, [...bytes], bytes.byteOffset,
    bytes.buffer.byteLength);
  const u8 = await inner.bytes();
  u8[0] = 0;
  console.log("bytes are a copy", await inner.text());
  console.log("BOM dropped", JSON.stringify(await new Blob(["\ufeffabc"]).text()));
  console.log("invalid UTF-8", JSON.stringify(await new Blob([new Uint8Array([0x61, 0xff, 0xc3])]).text()));
  const big = "x".repeat(1 << 20) + "é";
  const bigBlob = new Blob([big]);
  console.log("1 MiB", bigBlob.size, (await bigBlob.text()) === big, (await bigBlob.slice(-2).text()));

  // Shape.
  console.log(String(b), Object.prototype.toString.call(Blob.prototype), Blob.name, Blob.length);
  for (const k of ["size", "type", "slice", "text", "arrayBuffer"]) {
    const d = Object.getOwnPropertyDescriptor(Blob.prototype, k);
    const f = d.get || d.value;
    console.log(k, typeof d.get, d.enumerable, d.configurable, f.name, f.length);
  }
  const g = Object.getOwnPropertyDescriptor(globalThis, "Blob");
  console.log("global", g.writable, g.enumerable, g.configurable);

  const errs = [
    () => Blob(),
    () => new Blob(null),
    () => new Blob("abc"),
    () => new Blob(5),
    () => new Blob({}),
    () => new Blob([], 5),
    () => new Blob([], { endings: "windows" }),
    () => new Blob([Symbol("s")]),
    () => Object.getOwnPropertyDescriptor(Blob.prototype, "size").get.call({}),
    () => Blob.prototype.slice.call({}),
  ];
  for (const f of errs) {
    try {
      f();
      console.log("no error");
    } catch (e) {
      console.log("throws", e.constructor.name);
    }
  }
  for (const m of ["text", "arrayBuffer"]) {
    const p = Blob.prototype[m].call({});
    console.log(m, "on a non-Blob", p instanceof Promise, await p.then(() => "resolved", (e) => e.constructor.name));
  }
})();
