// process.stdout.write keeps program order with console.log; strings and bytes; the
// callback comes after, asynchronously; bad chunks are a TypeError.
console.log("one");
process.stdout.write("two\n");
console.log("three");
process.stdout.write(new Uint8Array([102, 111, 117, 114, 10]));
process.stdout.write("five\n", () => console.log("callback"));
process.stdout.write(new Uint16Array([0x6973, 0x0a78]));
console.log("six");
try { process.stdout.write(5); } catch (e) { console.log(e.name, e.code); }
console.error("to stderr");
process.stderr.write("also stderr\n");
