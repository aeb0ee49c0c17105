// timeout: 60000
// writeHeapSnapshot writes a .heapsnapshot (DevTools' JSON) and returns its name; with no name,
// node's Heap.<date>.<time>.<pid>.<tid>.<seq>.heapsnapshot in the working directory.
// getHeapSnapshot gives the same JSON as a Readable stream of Buffers.
import v8 from "node:v8";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrt-v8-"));
const file = path.join(dir, "a.heapsnapshot");
globalThis.marker = { findMe: "v8 snapshot marker string" };
console.log(v8.writeHeapSnapshot(file) === file);
const snap = JSON.parse(fs.readFileSync(file, "utf8"));
console.log(Object.keys(snap).slice(0, 3).join(), Object.keys(snap.snapshot.meta).includes("node_fields"));
console.log("nodes:", snap.nodes.length > 0, "edges:", snap.edges.length > 0,
  "marker:", snap.strings.includes("v8 snapshot marker string"));

const name = v8.writeHeapSnapshot();
console.log(/^Heap\.\d{8}\.\d{6}\.\d+\.0\.\d{3}\.heapsnapshot$/.test(name), name.includes(`.${process.pid}.`),
  fs.existsSync(name));
fs.unlinkSync(name);

const stream = v8.getHeapSnapshot();
const chunks = [];
let buffers = true;
for await (const chunk of stream) {
  buffers &&= Buffer.isBuffer(chunk);
  chunks.push(chunk);
}
const streamed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
console.log("stream:", buffers, Object.keys(streamed).slice(0, 3).join(), streamed.nodes.length > 0);
fs.rmSync(dir, { recursive: true });
