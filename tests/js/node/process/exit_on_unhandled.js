// exit: 1
// stderr: unhandled
// An unhandled rejection that ends the program runs the exit listeners with code 1.
process.on("exit", (code) => console.log("exit listener", code));
setTimeout(() => Promise.reject(new Error("unhandled")), 1);
