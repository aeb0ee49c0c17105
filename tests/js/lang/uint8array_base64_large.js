// node: skip
// Uint8Array base64/hex over large strings and results (past the small on-stack buffers):
// errors after the output memory is taken, two-byte strings, whitespace, long outputs.
// .out checked against deno and bun (node 20 lacks the methods).
const err = (f) => { try { const r = f(); return "ok " + r.length; } catch (e) { return e.constructor.name; } };
const big = "QUJD".repeat(5000);
console.log(err(() => Uint8Array.fromBase64(big + "!")), err(() => Uint8Array.fromBase64(big + "\u0100")),
  err(() => Uint8Array.fromBase64(big + "\u0100".slice(0, 0))), err(() => Uint8Array.fromHex("00".repeat(9000) + "0g")),
  err(() => Uint8Array.fromHex("00".repeat(9000) + "\u0130\u0130")), err(() => Uint8Array.fromBase64(("QUJD \n".repeat(3000) + "\u20ac").slice(0, -1))));
const into = new Uint8Array(20000);
console.log(err(() => [into.setFromBase64(big + "\u0141")]), into[14999], into[15000], err(() => [into.setFromBase64(big + "=")]));
console.log(new Uint8Array(100000).fill(7).toBase64().length, new Uint8Array(100000).toHex().length);
