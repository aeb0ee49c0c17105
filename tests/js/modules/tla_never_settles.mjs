// exit: 1
// node: skip
// stderr: ^error: Top-level await promise never resolved
// A top-level await that can never settle (the loop is empty) is an error. Node exits with
// 13 here; mrt exits with 1.
console.log('before');
await new Promise(() => {});
console.log('MUST NOT PRINT');
