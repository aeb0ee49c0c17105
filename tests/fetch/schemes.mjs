// data: and file: URLs (no libcurl).
import { TMP } from "./_env.mjs";

let r = await fetch("data:,Hello%2C%20World%21");
console.log(r.status, r.statusText, r.headers.get("content-type"), await r.text());
r = await fetch("data:text/plain;base64,SGVsbG8sIFdvcmxkIQ==");
console.log(r.headers.get("content-type"), await r.text());
r = await fetch("data:TEXT/HTML;Charset=UTF-8 ; foo=\"b\\\"ar\",<b>");
console.log(r.headers.get("content-type"), await r.text());
r = await fetch("data:application/octet-stream;base64,AAEC/w");
console.log([...new Uint8Array(await r.arrayBuffer())]);
for (const bad of ["data:text/plain;base64,a", "data:nocomma"]) {
  try {
    await fetch(bad);
  } catch (e) {
    console.log(JSON.stringify(bad), e.name);
  }
}
if (globalThis.mrt) {
  r = await fetch(`file://${TMP}/file.txt`);
  console.log("file", r.status, JSON.stringify(await r.text()));
  try {
    await fetch(`file://${TMP}/missing.txt`);
  } catch (e) {
    console.log("missing file", e.name, e.cause.code);
  }
} else {
  console.log("file 200 \"from a file\\n\"");
  console.log("missing file TypeError ENOENT");
}
