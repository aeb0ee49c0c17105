// node: skip
// timeout: 30000
// Whole-file reads are bounded: a file above 2 GiB - 1 (Node's limit) fails with EFBIG
// before anything is read (a sparse file: no disk used); a text longer than V8's longest
// string fails with ERR_STRING_TOO_LONG instead of returning undefined or "".
(async () => {
  const dir = mrt.makeTempDirSync();
  const huge = `${dir}/huge.bin`;
  mrt.writeFileSync(huge, new Uint8Array(0));
  mrt.truncateSync(huge, 3 * 2 ** 30);
  const show = (what, err) => console.log(what, err.name, err.code, err.message.replace(dir, "DIR"));
  try { mrt.readFileSync(huge); } catch (err) { show("readFileSync:", err); }
  try { mrt.readTextFileSync(huge); } catch (err) { show("readTextFileSync:", err); }
  await mrt.readFile(huge).catch((err) => show("readFile:", err));
  await mrt.readTextFile(huge).catch((err) => show("readTextFile:", err));

  const long = `${dir}/long.txt`;
  mrt.writeFileSync(long, new Uint8Array(0));
  mrt.truncateSync(long, 0x1fffffe8 + 1); // one NUL character too many
  try { mrt.readTextFileSync(long); } catch (err) { show("readTextFileSync:", err); }
  await mrt.readTextFile(long).catch((err) => show("readTextFile:", err));

  // Files within the limits read whole, as before.
  const small = `${dir}/small.txt`;
  mrt.writeTextFileSync(small, "x".repeat(5000));
  console.log("small:", mrt.readTextFileSync(small).length, (await mrt.readFile(small)).length);
  mrt.removeSync(dir, { recursive: true });
})();
