// Spins until a debugger sets globalThis.stop (tests/inspector/run.mjs: messages that arrive
// while JS runs).
globalThis.stop = false;
let spins = 0;
while (!globalThis.stop) spins++;
console.log("stopped", spins > 0);
