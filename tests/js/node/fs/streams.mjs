// fs.createReadStream / createWriteStream: piping a file, pipeline through a Transform,
// async iteration in chunks, start/end ranges, encodings, and errors as 'error' events.
import fs from "node:fs";
import { Transform, pipeline } from "node:stream";
import { pipeline as pipelineP } from "node:stream/promises";

const tmp = fs.mkdtempSync("/tmp/mrt-node-fs-streams-");
const p = (name) => `${tmp}/${name}`;
const rel = (s) => String(s).split(tmp).join("<tmp>");
const big = Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join("");
fs.writeFileSync(p("big.txt"), big);

const rs = fs.createReadStream(p("big.txt"));
const ws = fs.createWriteStream(p("copy.txt"));
let opened = 0;
rs.on("open", (fd) => { opened++; console.log("open", typeof fd); });
ws.on("finish", () => {
  console.log("copied", fs.readFileSync(p("copy.txt"), "utf8") === big, rs.bytesRead, ws.bytesWritten, opened);
  step2();
});
rs.pipe(ws);

function step2() {
  const upper = new Transform({
    transform(chunk, enc, cb) {
      cb(null, chunk.toString().toUpperCase());
    },
  });
  pipeline(fs.createReadStream(p("big.txt")), upper, fs.createWriteStream(p("upper.txt")), (err) => {
    console.log("pipeline", err, fs.readFileSync(p("upper.txt"), "utf8") === big.toUpperCase());
    step3().catch((e) => console.log("FAILED", e));
  });
}

async function step3() {
  const sizes = [];
  for await (const chunk of fs.createReadStream(p("big.txt"), { highWaterMark: 10000 })) sizes.push(chunk.length);
  console.log("chunks", sizes);
  let text = "";
  for await (const s of fs.createReadStream(p("big.txt"), { start: 5, end: 14, encoding: "utf8" })) text += s;
  console.log("range", JSON.stringify(text));
  await pipelineP(fs.createReadStream(p("big.txt"), { start: 0, end: 6 }), fs.createWriteStream(p("head.txt")));
  console.log("head", JSON.stringify(fs.readFileSync(p("head.txt"), "utf8")));

  const bad = fs.createReadStream(p("nope"));
  bad.on("error", (e) => {
    console.log("error event", e.code, e.syscall, rel(e.path));
    bad.on("close", () => console.log("closed after error"));
  });
  await new Promise((r) => bad.on("close", r));
  try {
    await pipelineP(fs.createReadStream(p("nope")), fs.createWriteStream(p("out.txt")));
  } catch (e) {
    console.log("pipeline rejects", e.code);
  }

  const w = fs.createWriteStream(p("w.txt"), { flags: "w" });
  w.write("a");
  w.write(new Uint8Array([98]));
  w.end("c", () => {
    console.log("end cb", fs.readFileSync(p("w.txt"), "utf8"));
    const a = fs.createWriteStream(p("w.txt"), { flags: "a" });
    a.end("d");
    a.on("close", () => {
      console.log("appended", fs.readFileSync(p("w.txt"), "utf8"));
      fs.rmSync(tmp, { recursive: true });
    });
  });
}
