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
