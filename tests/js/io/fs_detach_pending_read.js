// node: skip
// flags: "--v8-flags=--expose-gc --no-concurrent-array-buffer-sweeping"
// FsFile.read with its buffer detached (transferred) while the read is pending: the read
// reads into memory of its own, so nothing is written to freed memory, and it rejects with a
// clear error rather than V8's "%TypedArray%.prototype.set" message. The file stays usable.
(async () => {
  const dir = mrt.makeTempDirSync();
  const path = `${dir}/data.bin`;
  mrt.writeFileSync(path, new Uint8Array(100).map((_, i) => i));
  const file = await mrt.open(path);

  const ab = new ArrayBuffer(64);
  const target = new Uint8Array(ab);
  const pending = file.read(target);
  const moved = new Uint8Array(structuredClone(ab, { transfer: [ab] }));
  gc();
  try {
    console.log("read:", await pending);
  } catch (err) {
    console.log("read rejected:", err.name, err.code, err.message);
  }
  console.log("moved buffer untouched:", moved.every((b) => b === 0));

  const rest = new Uint8Array(64);
  console.log("next read:", await file.read(rest), rest[0], rest[35]);
  file.close();
  mrt.removeSync(dir, { recursive: true });
})();
