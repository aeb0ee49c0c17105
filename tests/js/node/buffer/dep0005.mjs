// node: skip
// DEP0005 for Buffer() goes through process.emitWarning once, and not for calls from a
// package (node_modules); mrt-specific: a stand-in process records the warning.
globalThis.process = { emitWarning: (msg, type, code) => console.log("warning", type, code, msg) };
const { made } = await import("./fixtures/node_modules/pkg/index.mjs");
console.log(made.length);
console.log(Buffer(2).length, new Buffer("ab").length, Buffer(3).length);
