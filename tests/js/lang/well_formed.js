// ES2024 String.prototype.isWellFormed / toWellFormed (node 20 has them: the oracle).
const cases = ["", "abc", "a\uD800", "\uDC00b", "\uD83D\uDE00", "\uDE00\uD83D", "x\uD800\uD800y", "é中"];
for (const s of cases) {
  const w = s.toWellFormed();
  console.log(JSON.stringify(s), s.isWellFormed(), JSON.stringify(w), w.isWellFormed());
}
console.log(String.prototype.isWellFormed.call(12), String.prototype.toWellFormed.call({ toString: () => "\uD800" }) === "\uFFFD");
for (const f of [String.prototype.isWellFormed, String.prototype.toWellFormed]) {
  try {
    f.call(undefined);
  } catch (e) {
    console.log(f.name, f.length, e.constructor.name);
  }
  try {
    f.call(Symbol());
  } catch (e) {
    console.log(f.name, e.constructor.name);
  }
}

// Two-byte strings longer than the C scan's 1024-unit chunk: a pair or a lone surrogate
// across and at a chunk's edge.
{
  const pad = (n) => "€".repeat(n);
  const cases = {
    pairAcross: pad(1023) + "\uD800\uDC00" + pad(10),
    leadAtEdgeEnd: pad(1023) + "\uD800",
    leadAtEdgeThenText: pad(1023) + "\uD800x" + pad(2000),
    trailAfterEdge: pad(1024) + "\uDC00",
    pairAtSecondEdge: pad(2047) + "\uD800\uDC00",
    loneDeep: pad(5000) + "\uDFFF" + pad(5),
    allPairs: "\uD83D\uDE00".repeat(3000),
  };
  for (const [name, s] of Object.entries(cases)) {
    const w = s.toWellFormed();
    console.log(name, s.length, s.isWellFormed(), w === s, w.isWellFormed(), w.indexOf("\uFFFD"));
  }
  console.log("Latin-1", "wörld".repeat(500).isWellFormed(), String.prototype.isWellFormed.call(12.5));
}
