// node:fs callback forms, run one after another, and fs.promises / node:fs/promises with
// FileHandle. Paths in a fresh mkdtemp directory under /tmp.
import fs from "node:fs";
import fsp from "node:fs/promises";
import { readFile as namedReadFile } from "node:fs/promises";
import { Buffer } from "node:buffer";

const tmp = fs.mkdtempSync("/tmp/mrt-node-fs-cb-");
const p = (name) => `${tmp}/${name}`;
const rel = (s) => String(s).split(tmp).join("<tmp>");

console.log(fs.promises === fsp, namedReadFile === fsp.readFile, fsp.constants === fs.constants);

// A callback never runs before the caller's code that follows it, nor before microtasks.
fs.writeFile(p("a.txt"), "one", (err) => {
  console.log("writeFile", err);
  fs.appendFile(p("a.txt"), "+two", (err) => {
    console.log("appendFile", err);
    fs.readFile(p("a.txt"), "utf8", (err, data) => {
      console.log("readFile", err, data);
      fs.stat(p("a.txt"), (err, st) => {
        console.log("stat", err, st.size, st.isFile());
        fs.mkdir(p("d/e"), { recursive: true }, (err, first) => {
          console.log("mkdir", err, rel(first));
          fs.readdir(tmp, (err, names) => {
            console.log("readdir", err, names);
            fs.rename(p("a.txt"), p("b.txt"), (err) => {
              console.log("rename", err);
              fs.access(p("a.txt"), (err) => {
                console.log("access", err.code);
                fs.exists(p("b.txt"), (yes) => {
                  console.log("exists", yes);
                  fs.open(p("b.txt"), "r", (err, fd) => {
                    const buf = Buffer.alloc(3);
                    fs.read(fd, buf, 0, 3, 0, (err, n, b) => {
                      console.log("read", err, n, b === buf, buf.toString());
                      fs.close(fd, (err) => {
                        console.log("close", err);
                        fs.open(p("w.txt"), "w", (err, wfd) => {
                          fs.write(wfd, "hey", (err, n, s) => {
                            console.log("write", err, n, s);
                            fs.closeSync(wfd);
                            promisesPart().catch((e) => console.log("FAILED", e));
                          });
                        });
                      });
                    });
                  });
                });
              });
            });
          });
        });
      });
    });
  });
});
Promise.resolve().then(() => console.log("microtask first"));
console.log("sync first");

async function promisesPart() {
  await fsp.writeFile(p("p.txt"), "promised");
  console.log(await fsp.readFile(p("p.txt"), "utf8"));
  console.log((await fsp.readFile(p("p.txt"))).toString("hex"));
  await fsp.appendFile(p("p.txt"), "!");
  console.log((await fsp.stat(p("p.txt"))).size);
  console.log(await fsp.readdir(p("d")));
  await fsp.mkdir(p("q"));
  await fsp.copyFile(p("p.txt"), p("q/copy.txt"));
  console.log(await fsp.readFile(p("q/copy.txt"), { encoding: "utf8" }));
  await fsp.rename(p("q/copy.txt"), p("q/moved.txt"));
  await fsp.unlink(p("q/moved.txt"));
  await fsp.rmdir(p("q"));
  await fsp.access(p("p.txt"), fs.constants.R_OK);
  await fsp.symlink(p("p.txt"), p("lnk"));
  console.log(rel(await fsp.readlink(p("lnk"))), rel(await fsp.realpath(p("lnk"))));
  console.log((await fsp.lstat(p("lnk"))).isSymbolicLink());
  await fsp.chmod(p("p.txt"), 0o600);
  await fsp.truncate(p("p.txt"), 4);
  console.log(await fsp.readFile(p("p.txt"), "utf8"));
  const made = await fsp.mkdtemp(p("t-"));
  console.log(/t-[A-Za-z0-9]{6}$/.test(made));

  // Every error is a rejection, bad arguments included.
  for (const f of [() => fsp.readFile(p("nope")), () => fsp.stat(5), () => fsp.readFile("a\0"),
    () => fsp.mkdir(tmp), () => fsp.open(p("nope"))]) {
    const r = f();
    console.log(r instanceof Promise);
    await r.then(() => console.log("resolved?"), (e) => console.log("rejected", e.code, rel(e.message)));
  }

  const fh = await fsp.open(p("fh.txt"), "w+");
  console.log(typeof fh.fd, fh.constructor.name);
  console.log((await fh.write("hello file")).bytesWritten);
  const { bytesRead, buffer } = await fh.read(Buffer.alloc(5), 0, 5, 0);
  console.log(bytesRead, buffer.toString());
  console.log((await fh.stat()).size);
  await fh.truncate(5);
  await fh.close();
  console.log(fh.fd);
  const fh2 = await fsp.open(p("fh.txt"));
  console.log(await fh2.readFile("utf8"));
  await fh2.close();
  console.log(await fsp.readFile(p("fh.txt"), "utf8"));

  await fsp.rm(tmp, { recursive: true });
  console.log(fs.existsSync(tmp));
}
