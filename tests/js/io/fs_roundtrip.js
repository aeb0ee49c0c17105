// node: skip
// Files written and read back are identical: every byte value, a large file, text with
// non-ASCII characters, append, and the Sync variants.
(async () => {
  const dir = await mrt.makeTempDir({ prefix: "mrt-io-" });
  const f = dir + "/bytes.bin";

  const all = new Uint8Array(256 * 4);
  for (let i = 0; i < all.length; i++) all[i] = i & 255;
  await mrt.writeFile(f, all);
  const back = await mrt.readFile(f);
  console.log("all bytes:", back instanceof Uint8Array, back.length, back.every((b, i) => b === (i & 255)));

  // 3 MB of pseudo-random bytes (not a multiple of any page size).
  const big = new Uint8Array(3 * 1024 * 1024 + 17);
  let x = 12345;
  for (let i = 0; i < big.length; i++) { x = (x * 1103515245 + 12345) >>> 0; big[i] = x >>> 24; }
  await mrt.writeFile(f, big);
  const big2 = await mrt.readFile(f);
  let same = big2.length === big.length;
  for (let i = 0; same && i < big.length; i++) if (big[i] !== big2[i]) same = false;
  console.log("big:", big2.length, same);
  console.log("stat size:", (await mrt.stat(f)).size);

  // Overwrite truncates; append appends.
  await mrt.writeFile(f, new Uint8Array([1, 2, 3]));
  await mrt.writeFile(f, new Uint8Array([4, 5]), { append: true });
  console.log("append:", Array.from(await mrt.readFile(f)).join(","));

  // Text: UTF-8 both ways; readTextFile drops a leading BOM (as Deno's does).
  const t = dir + "/text.txt";
  const text = "héllo wörld ✓ 𝄞\nline 2\n";
  await mrt.writeTextFile(t, text);
  console.log("text:", (await mrt.readTextFile(t)) === text, (await mrt.readFile(t)).length);
  await mrt.writeFile(t, new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]));
  console.log("bom:", JSON.stringify(await mrt.readTextFile(t)));
  await mrt.writeTextFile(t, "", {});
  console.log("empty:", JSON.stringify(await mrt.readTextFile(t)), (await mrt.readFile(t)).length);

  // Sync variants.
  mrt.writeFileSync(f, all.subarray(250, 260));
  console.log("sync:", Array.from(mrt.readFileSync(f)).join(","));
  mrt.writeTextFileSync(t, "sync ✓");
  mrt.writeTextFileSync(t, "!", { append: true });
  console.log("sync text:", mrt.readTextFileSync(t));

  // Other views and ArrayBuffers are accepted as data.
  await mrt.writeFile(f, new Uint16Array([0x0201, 0x0403]).buffer);
  console.log("arraybuffer:", Array.from(await mrt.readFile(f)).join(","));

  // Many reads in flight at once all come back right.
  const files = [];
  for (let i = 0; i < 50; i++) {
    const p = `${dir}/many-${i}.txt`;
    mrt.writeTextFileSync(p, `file ${i} `.repeat(i + 1));
    files.push(p);
  }
  const texts = await Promise.all(Array.from({ length: 1000 }, (_, k) => mrt.readTextFile(files[k % 50])));
  console.log("many:", texts.every((s, k) => s === `file ${k % 50} `.repeat((k % 50) + 1)));

  // procfs reports size 0: read until EOF anyway.
  console.log("procfs:", (await mrt.readTextFile("/proc/self/status")).startsWith("Name:"));

  await mrt.remove(dir, { recursive: true });
  console.log("cleaned:", await mrt.stat(dir).then(() => "exists", (e) => e.code));
})();
