// fs.read's other forms: (fd, options, cb) and (fd, cb) (a 16 KiB buffer of its own).
import fs from "node:fs";
import { Buffer } from "node:buffer";

const tmp = fs.mkdtempSync("/tmp/mrt-node-fs-read-");
fs.writeFileSync(`${tmp}/f`, "abcdefgh");
const fd = fs.openSync(`${tmp}/f`);
fs.read(fd, { buffer: Buffer.alloc(4), position: 2 }, (err, n, buf) => {
  console.log(err, n, buf.toString());
  fs.read(fd, (err2, n2, buf2) => {
    console.log(err2, n2, buf2.length, buf2.toString("utf8", 0, n2));
    fs.closeSync(fd);
    fs.rmSync(tmp, { recursive: true });
  });
});
