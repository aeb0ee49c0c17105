// node: skip
// WebIDL details node 20 gets wrong, checked by hand against the File API and WebIDL specs:
// slice's [Clamp] long long (node aborts on a fractional or NaN index: an assertion in
// node_blob.cc), bytes() is an enumerable operation whose bad `this` rejects the promise
// (node throws synchronously), File's lastModified is a long long and webkitRelativePath (node has none), endings: "native"
// turns a lone CR into LF too (node only converts CRLF), FormData.length is 0.
(async () => {
  const b = new Blob(["0123456789"]);
  // [Clamp]: NaN → 0, round half to even, ±Infinity clamp to ±(2^53 - 1).
  const cases = [[1.5, 3.5], [2.5], [0.5, 4.5], [-1.5], [NaN, "4"], [-Infinity, Infinity],
    ["2", "x"], [{ valueOf: () => 7 }]];
  for (const args of cases) {
    const s = b.slice(...args);
    console.log(`slice(${args.map(String)})`, s.size, await s.text());
  }
  const d = Object.getOwnPropertyDescriptor(Blob.prototype, "bytes");
  console.log("bytes", d.enumerable, d.writable, d.configurable, d.value.length);
  try {
    const p = Blob.prototype.bytes.call({});
    console.log("bytes on a non-Blob: a promise", p instanceof Promise,
      await p.then(() => "resolved", (e) => e.constructor.name));
  } catch (e) {
    console.log("bytes threw", e.constructor.name);
  }
  // lastModified is a long long: truncated, non-finite → 0 (node 20 keeps the number as is).
  for (const lm of [1.9, -1.9, Infinity, -Infinity, 2 ** 64 + 2 ** 12]) {
    console.log("lastModified", lm, new File([], "x", { lastModified: lm }).lastModified);
  }
  const f = new File(["x"], "f.txt");
  console.log("webkitRelativePath", JSON.stringify(f.webkitRelativePath));
  console.log("FormData.length", FormData.length); // both arguments optional (node: 1)
  const native = new Blob(["a\r\nb\rc\nd"], { endings: "native" });
  console.log("native", JSON.stringify(await native.text()), native.size);
  // Options are read in lexicographic order, after the parts.
  const order = [];
  new Blob([{ toString() { order.push("part"); return ""; } }], {
    get type() { order.push("type"); return ""; },
    get endings() { order.push("endings"); return undefined; },
  });
  new File([], "n", {
    get type() { order.push("File type"); return ""; },
    get lastModified() { order.push("File lastModified"); return 1; },
    get endings() { order.push("File endings"); return undefined; },
  });
  console.log(order.join(", "));
  // A slice shares its bytes and a Blob of one Blob reuses them; both still read right.
  const big = new Blob([new Uint8Array(1 << 20).fill(97)]);
  const slices = [];
  for (let i = 0; i < 1000; i++) slices.push(big.slice(i, i + 3));
  console.log("slices", slices.length, await slices[999].text(),
    await new Blob([big]).slice(-2).text());
})();
