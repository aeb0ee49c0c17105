// flags: --allow-read={dir}/allowed --allow-write={dir}/allowed/out
// node:v8's writeHeapSnapshot writes through node:fs, so --allow-write rules apply: outside
// the allowed directory (and the default name in a cwd that is not allowed) it is refused
// before a snapshot is taken and no file appears; inside it writes parseable JSON.
import fs from "node:fs";
import v8 from "node:v8";
import { A, dir, ok, denied, allowed, done } from "./lib.mjs";

await denied("writeHeapSnapshot outside", () => v8.writeHeapSnapshot(`${dir}/x.heapsnapshot`), "write");
await denied("writeHeapSnapshot in a read-only directory", () => v8.writeHeapSnapshot(`${A}/x.heapsnapshot`), "write");
await denied("writeHeapSnapshot's default name (cwd not allowed)", () => v8.writeHeapSnapshot(), "write");
ok("nothing written", !fs.existsSync(`${A}/x.heapsnapshot`));
await allowed("writeHeapSnapshot inside", () => v8.writeHeapSnapshot(`${A}/out/h.heapsnapshot`),
  (name) => name === `${A}/out/h.heapsnapshot` &&
    Object.keys(JSON.parse(fs.readFileSync(name, "utf8"))).slice(0, 3).join() === "snapshot,nodes,edges");
done();
