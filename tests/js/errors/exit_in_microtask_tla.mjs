// node: skip
// exit: 3
// mrt.exit in a microtask while top-level await waits: the program ends with the code, and
// no "Top-level await promise never resolved" error follows.
console.log("waiting");
await new Promise(() => queueMicrotask(() => mrt.exit(3)));
console.log("MUST NOT RUN");
