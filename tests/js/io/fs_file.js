// node: skip
// mrt.open -> FsFile: read (null at EOF), write (all bytes), seek, stat, close; the Sync
// variants; option checks; a closed file's rid is dead (EBADF).
(async () => {
  const dir = await mrt.makeTempDir({ prefix: "mrt-io-" });
  const p = dir + "/f.bin";

  const w = await mrt.open(p, { write: true, create: true, truncate: true });
  console.log("rid:", typeof w.rid, w instanceof mrt.FsFile);
  const chunk = new Uint8Array(100000);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 7) & 255;
  console.log("write:", await w.write(chunk), await w.write(new Uint8Array([1, 2, 3])));
  console.log("writeSync:", w.writeSync(new Uint8Array([9])));
  console.log("fstat:", (await w.stat()).size, w.statSync().isFile);
  w.close();

  const r = await mrt.open(p); // read-only by default
  const buf = new Uint8Array(65536);
  let total = 0, n, ok = true, reads = 0;
  while ((n = await r.read(buf)) !== null) {
    for (let i = 0; i < n && ok; i++) {
      const at = total + i;
      const want = at < 100000 ? (at * 7) & 255 : [1, 2, 3, 9][at - 100000];
      if (buf[i] !== want) ok = false;
    }
    total += n;
    reads++;
  }
  console.log("read back:", total, ok, reads >= 2, "then", await r.read(buf));
  console.log("zero-length read:", await r.read(new Uint8Array(0)));

  console.log("seek:", await r.seek(-4, mrt.SeekMode.End));
  const four = new Uint8Array(8);
  console.log("tail:", await r.read(four), Array.from(four.subarray(0, 4)).join(","));
  console.log("seekSync:", r.seekSync(2, mrt.SeekMode.Start), r.seekSync(3, mrt.SeekMode.Current));
  console.log("readSync:", r.readSync(four), four[0] === ((5 * 7) & 255));
  r.seekSync(0, mrt.SeekMode.End);
  console.log("readSync at EOF:", r.readSync(four));
  await r.write(new Uint8Array(1)).catch((e) => console.log("write to read-only:", e.code, e.syscall));
  r.close();

  // A closed file: its rid is dead.
  await r.read(buf).catch((e) => console.log("read after close:", e.code, e.message));
  try { r.close(); } catch (e) { console.log("close twice:", e.code); }

  // Append mode, createNew, create.
  const a = await mrt.open(dir + "/log", { append: true, create: true });
  await a.write(new Uint8Array([65]));
  a.close();
  const a2 = mrt.openSync(dir + "/log", { append: true });
  a2.writeSync(new Uint8Array([66]));
  a2.close();
  console.log("append:", mrt.readTextFileSync(dir + "/log"));
  await mrt.open(dir + "/log", { write: true, createNew: true }).catch((e) => console.log("createNew:", e.code));
  const c = await mrt.create(dir + "/created");
  await c.write(new Uint8Array([67, 68]));
  await c.seek(0);
  const cb = new Uint8Array(2);
  console.log("create rw:", await c.read(cb), String.fromCharCode(...cb));
  c.close();

  // Close while a read is in flight: the read completes, the fd closes afterwards.
  const f = await mrt.open(p);
  const pending = f.read(new Uint8Array(10));
  f.close();
  console.log("read racing close:", await pending);

  mrt.removeSync(dir, { recursive: true });
})();
