// node: skip
// flags: --timeout=200
// exit: 1
// stderr: ^mrt: execution timed out after 200 ms$
console.log("start");
for (;;) {}
