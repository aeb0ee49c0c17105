// node: skip
// exit: 7
// mrt.exit ends the program at once with its code; output written before is kept.
console.log("before");
setTimeout(() => console.log("MUST NOT RUN"), 0);
mrt.exit(7);
console.log("MUST NOT RUN");
