// flags: --allow-read={dir}/allowed --allow-write={dir}/allowed/out
// Paths: symlinks, "..", /proc/self/root, /proc/self/fd, hard links, and nothing done
// partially by a refused write.
import fs from "node:fs";
import { A, dir, ok, denied, allowed, done } from "./lib.mjs";

const read = (p) => mrt.readTextFileSync(p);
await allowed("a file inside", () => read(`${A}/ok.txt`), (t) => t === "ok\n");
await denied("a file outside", () => read(`${dir}/secret.txt`), "read");
await denied("a symlink inside to a file outside", () => read(`${A}/link-to-secret`), "read");
await denied("a symlinked directory inside pointing outside", () => read(`${A}/dirlink/secret.txt`), "read");
await denied("a chain of symlinks ending outside", () => read(`${A}/chain1`), "read");
await allowed("a symlink inside to a file inside", () => read(`${A}/link-to-ok`), (t) => t === "ok\n");
await denied("..", () => read(`${A}/../secret.txt`), "read");
// Existence is an answer too: a missing name outside is refused, not ENOENT.
await denied("a missing file outside", () => read(`${dir}/no-such-file`), "read");
await denied("under a missing directory outside", () => read(`${dir}/no-dir/x`), "read");
await denied("stat of a missing file outside", () => mrt.statSync(`${dir}/no-such-file`), "read");
await denied("../ through a symlinked directory", () => read(`${A}/dirlink/../secret.txt`), "read");
await denied("//./ spelling", () => read(`${A}//./../secret.txt`), "read");
await denied("/proc/self/root", () => read(`/proc/self/root${dir}/secret.txt`), "read");
await denied("/proc/self/cwd", () => read(`/proc/self/cwd/secret.txt`), "read");
await denied("/proc/thread-self/root", () => read(`/proc/thread-self/root${dir}/secret.txt`), "read");
await denied("the async form", () => mrt.readTextFile(`${dir}/secret.txt`), "read");
await denied("readFile bytes", () => mrt.readFile(`${A}/link-to-secret`), "read");
await denied("open", () => mrt.open(`${dir}/secret.txt`), "read");
await denied("node fs.readFileSync", () => fs.readFileSync(`${A}/link-to-secret`, "utf8"), "read");
await denied("node fs.openSync", () => fs.openSync(`${dir}/secret.txt`, "r"), "read");
await denied("node fs.promises.readFile", () => fs.promises.readFile(`${dir}/secret.txt`), "read");
await denied("stat outside", () => mrt.statSync(`${dir}/secret.txt`), "read");
await denied("lstat outside", () => fs.lstatSync(`${dir}/secret.txt`), "read");
await denied("readDir outside", () => mrt.readDirSync(dir), "read");
await denied("realPath outside", () => fs.realpathSync(`${dir}/secret.txt`), "read");
await denied("readlink outside", () => fs.readlinkSync(`${dir}/outside-link`), "read");
await denied("copyFile from outside", () => mrt.copyFileSync(`${dir}/secret.txt`, `${A}/out/copy.txt`), "read");
await denied("copyFile to a place not writable", () => mrt.copyFileSync(`${A}/ok.txt`, `${A}/copy.txt`), "write");

// Writes: refused before anything happens (the file is not created, truncated or renamed).
await denied("write outside", () => mrt.writeTextFileSync(`${dir}/created.txt`, "x"), "write");
await denied("write through a symlink inside pointing outside", () => mrt.writeTextFileSync(`${A}/out/link-to-target`, "x"), "write");
await denied("truncate outside", () => fs.truncateSync(`${dir}/target.txt`, 0), "write");
await denied("append through node fs", () => fs.appendFileSync(`${dir}/target.txt`, "x"), "write");
await denied("open for writing a file only readable", () => fs.openSync(`${A}/ok.txt`, "r+"), "write");
await denied("rename outside", () => mrt.renameSync(`${A}/out/mine.txt`, `${dir}/moved.txt`), "write");
await denied("remove outside", () => mrt.removeSync(`${dir}/target.txt`), "write");
await denied("mkdir outside", () => mrt.mkdirSync(`${dir}/newdir`), "write");
await denied("mkdir through ..", () => mrt.mkdirSync(`${A}/out/../../newdir`), "write");
await denied("chmod outside", () => mrt.chmodSync(`${dir}/target.txt`, 0o777), "write");
await denied("a hard link to a file outside", () => fs.linkSync(`${dir}/secret.txt`, `${A}/out/hl`), "read");
await allowed("write inside", () => mrt.writeTextFileSync(`${A}/out/new.txt`, "new"), () => true);
await allowed("mkdir inside", () => mrt.mkdirSync(`${A}/out/sub`, { recursive: true }), () => true);
// A symlink may be made (its target is checked when it is used): reading it stays refused.
await allowed("a symlink made inside", () => fs.symlinkSync(`${dir}/secret.txt`, `${A}/out/made-link`), () => true);
await denied("... then read", () => read(`${A}/out/made-link`), "read");

// A hard link made by someone else inside an allowed directory is a name inside it: it is
// readable, as in Deno (path semantics; the file's other names do not matter).
await allowed("a hard link made outside the sandbox", () => read(`${A}/hardlink`), (t) => t === "other\n");
done();
