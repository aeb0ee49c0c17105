// fs.writeSync / fs.writeFileSync on fd 1 interleave with console.log in program order.
import fs from "node:fs";

console.log("a");
fs.writeSync(1, "b\n");
console.log("c");
fs.writeFileSync(1, "d\n");
// (An async fs.write's bytes and a later console.log race in Node: nothing printed meanwhile.)
fs.write(1, "e\n", (err, n) => console.log("written", err, n));
