// node: skip
// Bad arguments get a clear TypeError or RangeError; nothing is silently truncated (a NUL
// would end the C string: another host, variable or file) or masked (a mode of -1).
let dir = "";
const clean = (s) => (dir ? String(s).replaceAll(dir, "DIR") : String(s));
const show = (what, fn) => {
  try {
    const r = fn();
    console.log(what, "->", r);
  } catch (err) {
    console.log(what, "!", err.name, err.code, clean(err.message));
  }
};
const showAsync = async (what, fn) => {
  try {
    console.log(what, "->", await fn());
  } catch (err) {
    console.log(what, "!", err.name, err.code, clean(err.message));
  }
};

(async () => {
  // Hostnames.
  show("listen NUL", () => mrt.listen({ hostname: "127.0.0.1\0evil", port: 0 }));
  await showAsync("connect NUL", () => mrt.connect({ hostname: "localhost\0x", port: 1 }));

  // Environment.
  show("env.set NUL name", () => mrt.env.set("MRT_A\0B", "1"));
  show("env.set NUL value", () => mrt.env.set("MRT_A", "1\0 2"));
  show("env.set =", () => mrt.env.set("MRT_A=B", "1"));
  show("env.set empty", () => mrt.env.set("", "1"));
  show("env.get NUL", () => mrt.env.get("PATH\0"));
  show("env.has NUL", () => mrt.env.has("PATH\0"));
  show("env.delete NUL", () => mrt.env.delete("MRT_A\0"));
  show("env untouched", () => mrt.env.has("MRT_A") || Object.keys(mrt.env.toObject()).some((k) => k.startsWith("MRT_A")));
  mrt.env.set("MRT_A", "ok");
  show("env.get", () => mrt.env.get("MRT_A"));

  dir = mrt.makeTempDirSync();
  const file = `${dir}/f`;
  mrt.writeTextFileSync(file, "0123456789");

  // Modes.
  for (const mode of [-1, 0o10000, 1.5, NaN, "644"]) {
    show(`chmodSync ${String(mode)}`, () => mrt.chmodSync(file, mode));
    await showAsync(`chmod ${String(mode)}`, () => mrt.chmod(file, mode));
  }
  show("mode unchanged", () => (mrt.statSync(file).mode & 0o7777).toString(8));
  mrt.chmodSync(file, 0o600);
  show("chmodSync 0o600", () => (mrt.statSync(file).mode & 0o7777).toString(8));
  show("writeFileSync mode -1", () => mrt.writeTextFileSync(`${dir}/g`, "x", { mode: -1 }));
  show("mkdirSync mode 0o70000", () => mrt.mkdirSync(`${dir}/d`, { mode: 0o70000 }));
  show("openSync mode 1e10", () => mrt.openSync(`${dir}/h`, { write: true, create: true, mode: 1e10 }));
  show("nothing created", () => mrt.readDirSync(dir).map((e) => e.name).join());

  // open with neither read nor write (nor append).
  show("openSync {}", () => mrt.openSync(file, {}));
  await showAsync("open {read: false}", () => mrt.open(file, { read: false }));
  show("openSync default", () => { const f = mrt.openSync(file); f.close(); return "read"; });

  // Offsets, whence, lengths.
  const f = mrt.openSync(file, { read: true, write: true });
  for (const [off, whence] of [[NaN, 0], [Infinity, 0], [1.5, 0], [2 ** 60, 0], [0, 3], [0, -1], [0, "1"]]) {
    show(`seekSync ${off} ${String(whence)}`, () => f.seekSync(off, whence));
  }
  await showAsync("seek -1 Start", () => f.seek(-1, mrt.SeekMode.Start));
  show("seekSync 4n End", () => f.seekSync(-4n, mrt.SeekMode.End));
  f.close();
  for (const len of [-1, NaN, 1.5, "3"]) {
    show(`truncateSync ${String(len)}`, () => mrt.truncateSync(file, len));
  }
  show("size unchanged", () => mrt.statSync(file).size);
  mrt.truncateSync(file, 4);
  show("truncateSync 4", () => mrt.readTextFileSync(file));

  // NUL in paths, also from a file: URL (%00) and as the destination.
  show("readTextFileSync NUL", () => mrt.readTextFileSync(file + "\0.txt"));
  show("readTextFileSync %00 URL", () => mrt.readTextFileSync({ protocol: "file:", pathname: `${file}%00.txt` }));
  show("renameSync to NUL", () => mrt.renameSync(file, `${dir}/x\0y`));
  show("copyFileSync to NUL", () => mrt.copyFileSync(file, `${dir}/x\0y`));
  show("still there", () => mrt.readDirSync(dir).map((e) => e.name).join());
  mrt.removeSync(dir, { recursive: true });
})();
