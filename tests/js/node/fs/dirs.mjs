// node:fs opendir (Dir: readSync, read, async iteration, close) and cp/cpSync (recursive
// copies of files, directories and symlinks; filter, force, errorOnExist).
import fs from "node:fs";
import fsp from "node:fs/promises";

const tmp = fs.mkdtempSync("/tmp/mrt-node-fs-dirs-");
const p = (name) => `${tmp}/${name}`;
const rel = (s) => String(s).split(tmp).join("<tmp>");

fs.mkdirSync(p("src/sub"), { recursive: true });
fs.writeFileSync(p("src/a.txt"), "A");
fs.writeFileSync(p("src/sub/b.txt"), "B");
fs.symlinkSync("a.txt", p("src/link"));

const dir = fs.opendirSync(p("src"));
console.log(rel(dir.path), dir instanceof fs.Dir);
const names = [];
for (let d; (d = dir.readSync()) !== null;) names.push(`${d.name}:${d.isDirectory() ? "d" : d.isSymbolicLink() ? "l" : "f"}`);
console.log(names.sort());
dir.closeSync();
try {
  dir.readSync();
} catch (e) {
  console.log(e.code, e.message);
}

try {
  fs.cpSync(p("src"), p("dst"));
} catch (e) {
  console.log(e.name, e.code, rel(e.message));
}
fs.cpSync(p("src"), p("dst"), { recursive: true });
console.log(fs.readdirSync(p("dst"), { recursive: true }).sort());
console.log(fs.readFileSync(p("dst/sub/b.txt"), "utf8"), rel(fs.readlinkSync(p("dst/link"))), fs.readFileSync(p("dst/link"), "utf8"));
fs.writeFileSync(p("dst/a.txt"), "changed");
fs.cpSync(p("src/a.txt"), p("dst/a.txt"), { force: false });
console.log(fs.readFileSync(p("dst/a.txt"), "utf8"));
try {
  fs.cpSync(p("src/a.txt"), p("dst/a.txt"), { force: false, errorOnExist: true });
} catch (e) {
  console.log(e.code);
}
fs.cpSync(p("src/a.txt"), p("dst/a.txt"));
console.log(fs.readFileSync(p("dst/a.txt"), "utf8"));
fs.cpSync(p("src"), p("filtered"), { recursive: true, filter: (s) => !s.endsWith("b.txt") });
console.log(fs.readdirSync(p("filtered"), { recursive: true }).sort());

(async () => {
  const names2 = [];
  for await (const d of await fsp.opendir(p("src"))) names2.push(d.name);
  console.log(names2.sort());
  const d2 = await fsp.opendir(p("src/sub"));
  console.log((await d2.read()).name, await d2.read());
  await d2.close();
  fs.opendir(p("src/sub"), (err, d3) => {
    d3.read((err2, ent) => {
      console.log("cb", err, err2, ent.name);
      d3.close(() => {
        fs.cp(p("src"), p("cb"), { recursive: true }, async (err3) => {
          console.log("cp cb", err3, fs.readdirSync(p("cb")).sort());
          await fsp.cp(p("src/a.txt"), p("cb/copy.txt"));
          console.log(fs.readFileSync(p("cb/copy.txt"), "utf8"));
          fs.rmSync(tmp, { recursive: true });
        });
      });
    });
  });
})();
