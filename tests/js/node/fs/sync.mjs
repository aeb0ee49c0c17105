// node:fs sync calls: whole files, metadata, directories, links, fds. Paths in a fresh
// mkdtemp directory under /tmp, printed relative to it.
import fs from "node:fs";
import { Buffer } from "node:buffer";

const tmp = fs.mkdtempSync("/tmp/mrt-node-fs-");
const p = (name) => `${tmp}/${name}`;
const rel = (s) => s.split(tmp).join("<tmp>");

fs.writeFileSync(p("a.txt"), "hello");
console.log(fs.readFileSync(p("a.txt"), "utf8"));
console.log(fs.readFileSync(p("a.txt")).toString("hex"), Buffer.isBuffer(fs.readFileSync(p("a.txt"))));
console.log(fs.readFileSync(p("a.txt"), { encoding: "base64" }));
fs.appendFileSync(p("a.txt"), " world");
fs.appendFileSync(p("a.txt"), Buffer.from("!"));
console.log(fs.readFileSync(p("a.txt"), "utf8"));
fs.writeFileSync(p("b.bin"), new Uint8Array([1, 2, 3, 255]));
console.log(Array.from(fs.readFileSync(p("b.bin"))));
fs.writeFileSync(p("hex.txt"), "616263", "hex");
console.log(fs.readFileSync(p("hex.txt"), "latin1"));
fs.writeFileSync(p("a.txt"), "x", { flag: "a" });
console.log(fs.readFileSync(p("a.txt"), "utf8"));
try {
  fs.writeFileSync(p("a.txt"), "y", { flag: "wx" });
} catch (e) {
  console.log("wx:", e.code, rel(e.message));
}
fs.writeFileSync(p("mode.txt"), "m", { mode: 0o600 });
console.log("mode", (fs.statSync(p("mode.txt")).mode & 0o777).toString(8));

// exists, stat
console.log(fs.existsSync(p("a.txt")), fs.existsSync(p("nope")), fs.existsSync("a\0b"), fs.existsSync());
const st = fs.statSync(p("a.txt"));
console.log(st.isFile(), st.isDirectory(), st.isSymbolicLink(), st.size, typeof st.mtimeMs, st.mtime instanceof Date);
console.log(st.constructor.name, st instanceof fs.Stats);
const dst = fs.statSync(tmp);
console.log(dst.isDirectory(), dst.isFile());
const big = fs.statSync(p("a.txt"), { bigint: true });
console.log(typeof big.size, big.size, typeof big.mtimeNs, big.isFile());
console.log(fs.statSync(p("nope"), { throwIfNoEntry: false }));

// directories
fs.mkdirSync(p("d"));
console.log(rel(fs.mkdirSync(p("d/e/f"), { recursive: true })));
console.log(fs.mkdirSync(p("d/e/f"), { recursive: true }));
fs.writeFileSync(p("d/e/f/g.txt"), "g");
fs.writeFileSync(p("d/z.txt"), "z");
console.log(fs.readdirSync(p("d")));
console.log(fs.readdirSync(p("d"), { recursive: true }));
for (const ent of fs.readdirSync(p("d"), { withFileTypes: true })) {
  console.log(ent.name, ent.isFile(), ent.isDirectory(), ent.isSymbolicLink(), rel(ent.path), ent instanceof fs.Dirent);
}
console.log(fs.readdirSync(p("d"), { encoding: "buffer" }).map((b) => Buffer.isBuffer(b) && b.toString()));
try {
  fs.rmdirSync(p("d"));
} catch (e) {
  console.log("rmdir:", e.code, e.syscall);
}
try {
  fs.rmSync(p("d"));
} catch (e) {
  console.log("rm:", e.name, e.code, rel(e.message));
}
fs.rmSync(p("d"), { recursive: true });
console.log(fs.existsSync(p("d")));
fs.rmSync(p("nothing"), { force: true });
fs.mkdirSync(p("empty"));
fs.rmdirSync(p("empty"));
console.log(fs.existsSync(p("empty")));

// rename, copy, unlink
fs.renameSync(p("b.bin"), p("c.bin"));
console.log(fs.existsSync(p("b.bin")), fs.existsSync(p("c.bin")));
fs.copyFileSync(p("c.bin"), p("d.bin"));
console.log(Array.from(fs.readFileSync(p("d.bin"))));
try {
  fs.copyFileSync(p("c.bin"), p("d.bin"), fs.constants.COPYFILE_EXCL);
} catch (e) {
  console.log("copy excl:", e.code, e.syscall, rel(e.message));
}
fs.unlinkSync(p("d.bin"));
console.log(fs.existsSync(p("d.bin")));

// links
fs.symlinkSync(p("a.txt"), p("link"));
console.log(rel(fs.readlinkSync(p("link"))), fs.lstatSync(p("link")).isSymbolicLink(), fs.statSync(p("link")).isFile());
console.log(rel(fs.realpathSync(p("link"))), rel(fs.realpathSync.native(p("link"))));
fs.linkSync(p("a.txt"), p("hard"));
console.log(fs.statSync(p("a.txt")).nlink, fs.readFileSync(p("hard"), "utf8"));

// access, chmod
fs.accessSync(p("a.txt"));
fs.accessSync(p("a.txt"), fs.constants.R_OK | fs.constants.W_OK);
console.log(fs.F_OK, fs.R_OK, fs.W_OK, fs.X_OK);
fs.chmodSync(p("a.txt"), 0o640);
console.log((fs.statSync(p("a.txt")).mode & 0o777).toString(8));
fs.chmodSync(p("a.txt"), "755");
console.log((fs.statSync(p("a.txt")).mode & 0o777).toString(8));

// truncate, utimes
fs.truncateSync(p("a.txt"), 3);
console.log(fs.readFileSync(p("a.txt"), "utf8"));
fs.utimesSync(p("a.txt"), 1000, 2000.5);
const ut = fs.statSync(p("a.txt"));
console.log(ut.atimeMs, ut.mtimeMs, ut.mtime.toISOString());
fs.utimesSync(p("a.txt"), new Date("2020-01-02T03:04:05Z"), new Date("2021-01-02T03:04:05Z"));
console.log(fs.statSync(p("a.txt")).mtime.toISOString());

// fds
const fd = fs.openSync(p("fd.txt"), "w+");
console.log(typeof fd, fd > 2);
console.log(fs.writeSync(fd, "abcdef"));
console.log(fs.writeSync(fd, Buffer.from("XYZ"), 1, 2, 0));
const buf = Buffer.alloc(10);
console.log(fs.readSync(fd, buf, 0, 10, 0), buf.toString("utf8", 0, 6));
console.log(fs.readSync(fd, buf, { position: 2, length: 3 }), buf.toString("utf8", 0, 3));
console.log(fs.fstatSync(fd).size);
fs.ftruncateSync(fd, 2);
fs.fsyncSync(fd);
console.log(fs.fstatSync(fd).size, fs.readFileSync(fd, "utf8") === "", fs.readFileSync(p("fd.txt"), "utf8"));
fs.closeSync(fd);
try {
  fs.closeSync(fd);
} catch (e) {
  console.log("close twice:", e.code, e.syscall, e.message);
}
const rfd = fs.openSync(p("fd.txt"));
console.log(fs.readFileSync(rfd, "utf8"));
fs.closeSync(rfd);
const afd = fs.openSync(p("fd.txt"), "a");
fs.writeFileSync(afd, "++");
fs.closeSync(afd);
console.log(fs.readFileSync(p("fd.txt"), "utf8"));

// paths as Buffers and file: URLs
console.log(fs.readFileSync(Buffer.from(p("fd.txt")), "utf8"));
console.log(fs.readFileSync(new URL(`file://${p("fd.txt")}`), "utf8"));
console.log(fs.existsSync(new URL(`file://${p("fd.txt")}`)));

// mkdtemp names
const made = fs.mkdtempSync(p("pre-"));
console.log(/^<tmp>\/pre-[A-Za-z0-9]{6}$/.test(rel(made)), fs.statSync(made).isDirectory());

fs.rmSync(tmp, { recursive: true });
console.log(fs.existsSync(tmp));
