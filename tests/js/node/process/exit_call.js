// exit: 5
// process.exit(code) runs the exit listeners with the code and ends at once: nothing after
// it runs; stdout written before it is flushed.
process.on("exit", (code) => console.log("exit listener", code, process.exitCode));
process.once("exit", () => console.log("once listener"));
setTimeout(() => {
  process.stdout.write("before exit\n");
  process.exit(5);
  console.log("MUST NOT RUN");
}, 1);
setTimeout(() => console.log("MUST NOT RUN (later timer)"), 50);
