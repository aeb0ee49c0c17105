// exit: 1
// stderr: Error: boom
// An uncaught error that ends the program runs the exit listeners with code 1 (not
// beforeExit), after which nothing else runs.
process.on("exit", (code) => console.log("exit listener", code, process.exitCode));
process.on("beforeExit", () => console.log("MUST NOT RUN (beforeExit)"));
setTimeout(() => {
  console.log("timer");
  setTimeout(() => console.log("MUST NOT RUN (later timer)"), 1);
  throw new Error("boom");
}, 1);
