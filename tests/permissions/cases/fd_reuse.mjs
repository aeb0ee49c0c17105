// flags: --allow-read={dir}/allowed
// Raw descriptors (node:fs): fd 3 is the secret, opened by the runner and inherited; an fd
// the script opened and closed is not usable again whatever it now holds.
import fs from "node:fs";
import { A, ok, denied, allowed, done } from "./lib.mjs";

const buf = Buffer.alloc(64);
await denied("read an inherited fd", () => fs.readSync(3, buf, 0, 64, 0), "read");
await denied("fstat an inherited fd", () => fs.fstatSync(3), "read");
await denied("close an inherited fd", () => fs.closeSync(3), "read");
const fd = fs.openSync(`${A}/ok.txt`, "r");
await allowed("read an fd the script opened", () => fs.readSync(fd, buf, 0, 64, 0), (n) => n === 3);
fs.closeSync(fd);
// The runtime opens something that may land on the same number (a module import).
await import("./lib.mjs?again");
await denied("the same number after close", () => fs.readSync(fd, buf, 0, 64, 0), "read");
await denied("an fd never opened", () => fs.readSync(77, buf, 0, 64, 0), "read");
await allowed("stdout stays usable", () => fs.writeSync(1, ""), () => true);
ok("the secret never came through", !buf.toString().includes("SECRET"));
done();
