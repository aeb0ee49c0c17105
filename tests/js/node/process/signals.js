// A signal with listeners runs them (name, number; `this` is process) instead of its default
// action; once removed, nothing is watched; a listener does not keep the program alive; an
// error a listener throws is an uncaught error; process.exit in a listener ends at once.
process.on("uncaughtException", (e) => console.log("uncaught:", e.message));
process.on("SIGUSR2", (name, n) => console.log("got", name, n));
process.once("SIGUSR1", function (name) { console.log("once", name, this === process); });
process.kill(process.pid, "SIGUSR2");
setTimeout(() => {
  process.kill(process.pid, "SIGUSR1");
  setTimeout(() => {
    process.removeAllListeners("SIGUSR2");
    console.log("listeners", process.listenerCount("SIGUSR2"), process.listenerCount("SIGUSR1"));
    process.on("SIGHUP", () => { throw new Error("from a listener"); });
    process.kill(process.pid, "SIGHUP");
    setTimeout(() => {
      process.on("SIGTERM", () => { console.log("term"); process.exit(0); });
      process.kill(process.pid, "SIGTERM");
      setTimeout(() => console.log("MUST NOT RUN"), 2000);
    }, 20);
  }, 20);
}, 20);
