// Buffer#write in base64/base64url/hex writes the bytes it returns and nothing after them
// (the bulk decoder once stored two bytes past a run of whole groups).
for (const [enc, s] of [["base64", "AAAAAAAA"], ["base64", "/////////w=="], ["base64", "AAAAAAAAAAAAAAAA"],
  ["base64url", "____________"], ["base64", "AAAA!AAAA"], ["hex", "0000000000000000zz"],
  ["base64", "A".repeat(64) + "="]]) {
  for (const size of [4, 7, 10, 13, 49, 60]) {
    const b = Buffer.alloc(size, 0xee);
    const n = b.write(s, enc);
    console.log(enc, s.length, size, n, b.toString("hex"));
  }
}
