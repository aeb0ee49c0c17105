// exit: 3
// beforeExit fires each time the loop runs dry (its listeners may add work), then exit with
// the code; process.exitCode is what a natural exit returns; work started in an exit listener
// does not run.
let n = 0;
process.on("beforeExit", (code) => {
  console.log("beforeExit", code, n);
  if (n++ < 2) setTimeout(() => console.log("more work", n), 1);
});
process.on("exit", (code) => {
  console.log("exit", code, process.exitCode);
  setTimeout(() => console.log("MUST NOT RUN"), 0);
  process.nextTick(() => console.log("MUST NOT RUN either"));
});
process.exitCode = 3;
console.log("main", process.exitCode);
