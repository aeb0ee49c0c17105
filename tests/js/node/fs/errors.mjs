// node:fs bad input and failed calls: Node's TypeErrors for arguments (thrown even by the
// callback forms), Node's system errors (errno, code, syscall, path, dest) for I/O.
import fs from "node:fs";
import { Buffer } from "node:buffer";

const tmp = fs.mkdtempSync("/tmp/mrt-node-fs-err-");
const rel = (s) => String(s).split(tmp).join("<tmp>");
const show = (e) =>
  console.log(e.name, e.code, JSON.stringify(rel(e.message)), e.errno, e.syscall, e.path && rel(e.path),
    e.dest && rel(e.dest), Object.keys(e).join(","));
const t = (f) => {
  try {
    f();
    console.log("no error");
  } catch (e) {
    show(e);
  }
};

t(() => fs.readFileSync(`${tmp}/nope`));
t(() => fs.readFileSync("a\0b"));
t(() => fs.readFileSync(new Uint8Array([97, 0, 98])));
t(() => fs.readFileSync(12.5));
t(() => fs.readFileSync({}));
t(() => fs.readFileSync());
t(() => fs.readFileSync(null));
t(() => fs.readFileSync(tmp));
t(() => fs.readFileSync(new URL("http://x/y")));
t(() => fs.readFileSync(new URL("file://host/y")));
t(() => fs.readFileSync(`${tmp}/x`, { encoding: "nope" }));
t(() => fs.readFileSync(`${tmp}/x`, 5));
t(() => fs.writeFileSync(`${tmp}/x`, 5));
t(() => fs.writeFileSync(`${tmp}/x`, { a: 1 }));
t(() => fs.writeFileSync(`${tmp}/no/x`, "a"));
t(() => fs.openSync(tmp, "bad"));
t(() => fs.openSync(`${tmp}/nope`));
t(() => fs.mkdirSync(tmp));
t(() => fs.mkdirSync(`${tmp}/a/b`));
t(() => fs.rmSync(`${tmp}/nope`));
t(() => fs.rmdirSync(`${tmp}/nope`));
t(() => fs.unlinkSync(`${tmp}/nope`));
t(() => fs.renameSync(`${tmp}/nope`, `${tmp}/x`));
t(() => fs.copyFileSync(`${tmp}/nope`, `${tmp}/x`));
t(() => fs.realpathSync(`${tmp}/nope`));
t(() => fs.realpathSync.native(`${tmp}/nope`));
t(() => fs.readlinkSync(tmp));
t(() => fs.mkdtempSync(`${tmp}/no/x`));
t(() => fs.readdirSync(`${tmp}/nope`));
t(() => fs.symlinkSync(tmp, tmp));
t(() => fs.linkSync(`${tmp}/nope`, `${tmp}/x`));
t(() => fs.accessSync(`${tmp}/nope`));
t(() => fs.statSync(`${tmp}/nope`));
t(() => fs.lstatSync(`${tmp}/nope`));
t(() => fs.chmodSync(`${tmp}/nope`, 0o644));
t(() => fs.chmodSync(tmp, "abc"));
t(() => fs.truncateSync(`${tmp}/nope`));
t(() => fs.readSync(999, Buffer.alloc(2)));
t(() => fs.readSync(-1, Buffer.alloc(2)));
t(() => fs.readSync("1", Buffer.alloc(2)));
t(() => fs.readSync(0, "x"));
t(() => fs.readSync(0, Buffer.alloc(2), 0, 5));
t(() => fs.fstatSync(999));
t(() => fs.closeSync(1.5));
t(() => fs.readFile(`${tmp}/x`));
t(() => fs.readFile(5.5, () => {}));
t(() => fs.stat("a\0", () => {}));

// I/O errors of the callback forms reach the callback.
fs.readFile(`${tmp}/nope`, (e, d) => {
  show(e);
  console.log("data", d);
  fs.stat(`${tmp}/nope`, (e2) => {
    show(e2);
    fs.rm(tmp, { recursive: true }, (e3) => console.log("cleanup", e3, fs.existsSync(tmp)));
  });
});
