// node: skip
// flags: --timeout=200
// exit: 1
// stderr: ^mrt: execution timed out after 200 ms$
// A loop waiting on a far timer is stopped too.
console.log("waiting");
setTimeout(() => console.log("MUST NOT RUN"), 60000);
