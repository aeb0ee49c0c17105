// node: skip
// stat/lstat fields, readDir (async iterable) and readDirSync, mkdir (recursive, mode),
// remove (recursive), rename, copyFile, chmod, truncate, realPath.
(async () => {
  const dir = await mrt.makeTempDir({ prefix: "mrt-io-" });
  console.log("temp dir:", dir.startsWith((mrt.env.get("TMPDIR") ?? "/tmp") + "/mrt-io-"));

  await mrt.mkdir(dir + "/a/b/c", { recursive: true });
  await mrt.mkdir(dir + "/a/b/c", { recursive: true }); // exists: fine
  mrt.mkdirSync(dir + "/m", { mode: 0o700 });
  console.log("mode:", ((await mrt.stat(dir + "/m")).mode & 0o777).toString(8));
  await mrt.writeTextFile(dir + "/a/one.txt", "1");
  await mrt.writeTextFile(dir + "/a/b/two.txt", "22");
  mrt.writeTextFileSync(dir + "/a/b/c/three.txt", "333");

  const st = await mrt.stat(dir + "/a/b/two.txt");
  const now = Date.now();
  console.log("file:", st.isFile, st.isDirectory, st.isSymlink, st.size,
    st.mtime instanceof Date, Math.abs(now - st.mtime.getTime()) < 60000,
    st.atime instanceof Date, typeof st.mode, typeof st.ino, st.nlink);
  const sd = mrt.statSync(dir + "/a");
  console.log("dir:", sd.isFile, sd.isDirectory, sd.isSymlink);
  const sl = await mrt.lstat(dir + "/a");
  console.log("lstat dir:", sl.isDirectory);

  const names = [];
  for await (const e of mrt.readDir(dir + "/a")) names.push(`${e.name}:${e.isFile ? "f" : e.isDirectory ? "d" : "?"}`);
  console.log("readDir:", names.sort().join(" "));
  console.log("readDirSync:", mrt.readDirSync(dir + "/a/b").map((e) => `${e.name}:${e.isDirectory}`).sort().join(" "));
  console.log("empty dir:", mrt.readDirSync(dir + "/m").length);

  await mrt.rename(dir + "/a/one.txt", dir + "/a/uno.txt");
  console.log("rename:", mrt.readDirSync(dir + "/a").map((e) => e.name).sort().join(" "));
  mrt.renameSync(dir + "/a/uno.txt", dir + "/uno.txt");
  await mrt.copyFile(dir + "/uno.txt", dir + "/dos.txt");
  console.log("copy:", await mrt.readTextFile(dir + "/dos.txt"));

  await mrt.chmod(dir + "/dos.txt", 0o640);
  console.log("chmod:", (mrt.statSync(dir + "/dos.txt").mode & 0o777).toString(8));
  await mrt.writeTextFile(dir + "/dos.txt", "abcdef");
  await mrt.truncate(dir + "/dos.txt", 2);
  console.log("truncate:", await mrt.readTextFile(dir + "/dos.txt"));
  console.log("realPath:", (await mrt.realPath(dir + "/a/b/../b/c")) === mrt.realPathSync(dir) + "/a/b/c");

  // remove: a file, an empty dir, then a whole tree.
  await mrt.remove(dir + "/dos.txt");
  await mrt.remove(dir + "/m");
  await mrt.remove(dir + "/a", { recursive: true });
  console.log("after remove:", mrt.readDirSync(dir).map((e) => e.name).join(" "));
  mrt.removeSync(dir, { recursive: true });
  console.log("gone:", await mrt.lstat(dir).then(() => "exists", (e) => e.code));
})();
